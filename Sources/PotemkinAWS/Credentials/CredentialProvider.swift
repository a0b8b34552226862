/// A source of AWS credentials: static keys, the environment, a profile, STS, ...
///
/// Providers that fetch temporary credentials refresh them when asked after
/// they expire; callers may cache. The full default chain is `CredentialChain`.
public protocol CredentialProvider: Sendable {
  /// Returns usable credentials, or throws an error that says why this source has none.
  func credentials() async throws -> AWSCredentials
}

/// Credentials given in code.
public struct StaticCredentialProvider: CredentialProvider, CustomStringConvertible {
  /// The credentials this provider returns.
  public let value: AWSCredentials

  /// Creates a provider that always returns `credentials`.
  public init(_ credentials: AWSCredentials) {
    self.value = credentials
  }

  public func credentials() async throws -> AWSCredentials { value }

  public var description: String { "static credentials \(value.redactedAccessKeyId)" }
}
