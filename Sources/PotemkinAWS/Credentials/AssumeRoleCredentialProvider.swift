/// Credentials of an IAM role, assumed through STS AssumeRole with credentials from another source.
///
/// This is what a profile with `role_arn` plus `source_profile` or `credential_source` resolves to.
public struct AssumeRoleCredentialProvider: CredentialProvider, CustomStringConvertible {
  /// The source of the credentials that sign the AssumeRole call.
  public let source: any CredentialProvider
  /// The role to assume.
  public let roleArn: String
  /// The role session name; `nil` uses `potemkin-<unix seconds>`.
  public let sessionName: String?
  /// The external id the role's trust policy may require.
  public let externalId: String?
  /// The requested session duration in seconds; `nil` uses the STS default (one hour).
  public let durationSeconds: Int?
  let assumer: any RoleAssuming
  private let label: String

  init(
    source: any CredentialProvider, roleArn: String, sessionName: String?, externalId: String?,
    durationSeconds: Int?, assumer: any RoleAssuming, label: String
  ) {
    self.source = source
    self.roleArn = roleArn
    self.sessionName = sessionName
    self.externalId = externalId
    self.durationSeconds = durationSeconds
    self.assumer = assumer
    self.label = label
  }

  public func credentials() async throws -> AWSCredentials {
    let sourceCredentials: AWSCredentials
    do {
      sourceCredentials = try await source.credentials()
    } catch let error as CredentialError {
      let reason = error.attempt.map { "\($0.source): \($0.reason)" } ?? error.description
      throw CredentialError.failed(label, "the source credentials for \(roleArn) are unavailable: \(reason)")
    }
    let parameters = AssumeRoleParameters(
      roleArn: roleArn, sessionName: sessionName ?? defaultRoleSessionName(), externalId: externalId,
      durationSeconds: durationSeconds)
    do {
      return try await assumer.assumeRole(parameters, using: sourceCredentials)
    } catch let error as CredentialError {
      throw error
    } catch {
      throw CredentialError.failed(
        label, "STS AssumeRole of \(roleArn) with \(sourceCredentials.redactedAccessKeyId) failed: \(error)")
    }
  }

  public var description: String { label }
}
