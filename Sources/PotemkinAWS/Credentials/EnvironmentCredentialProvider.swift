import Foundation

/// Credentials from `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and optional `AWS_SESSION_TOKEN`.
///
/// `AWS_CREDENTIAL_EXPIRATION` (ISO 8601), when set, becomes the expiry.
public struct EnvironmentCredentialProvider: CredentialProvider, CustomStringConvertible {
  /// The environment read (injectable for tests).
  public var environment: [String: String]

  /// Creates a provider reading `environment`.
  public init(environment: [String: String]) {
    self.environment = environment
  }

  public func credentials() async throws -> AWSCredentials {
    try load()
  }

  /// Reads the variables without suspending.
  public func load() throws -> AWSCredentials {
    let keyId = environment["AWS_ACCESS_KEY_ID"].flatMap { $0.isEmpty ? nil : $0 }
    let secret = environment["AWS_SECRET_ACCESS_KEY"].flatMap { $0.isEmpty ? nil : $0 }
    switch (keyId, secret) {
    case (nil, nil):
      throw CredentialError.notConfigured(description, "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set")
    case (.some, nil):
      throw CredentialError.failed(
        description, "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not; set both, or unset both")
    case (nil, .some):
      throw CredentialError.failed(
        description, "AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not; set both, or unset both")
    case (let keyId?, let secret?):
      let token = environment["AWS_SESSION_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
      let expiration = environment["AWS_CREDENTIAL_EXPIRATION"].flatMap(AWSDateParser.parse)
      return AWSCredentials(accessKeyId: keyId, secretAccessKey: secret, sessionToken: token, expiration: expiration)
    }
  }

  public var description: String { "environment" }
}
