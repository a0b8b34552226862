import Foundation

/// What to ask STS for when assuming a role.
struct AssumeRoleParameters: Sendable, Hashable {
  var roleArn: String
  var sessionName: String
  var externalId: String?
  var durationSeconds: Int?
}

/// Something that can exchange credentials or a web identity token for a role's credentials (STS).
///
/// Kept internal so the credential sources do not depend on the STS client's shape;
/// `STSRoleAssumer` adapts `STSClient` to it.
protocol RoleAssuming: Sendable {
  /// Calls AssumeRole signed with `credentials`.
  func assumeRole(_ parameters: AssumeRoleParameters, using credentials: AWSCredentials) async throws -> AWSCredentials
  /// Calls AssumeRoleWithWebIdentity (unsigned) with `token`.
  func assumeRoleWithWebIdentity(_ parameters: AssumeRoleParameters, token: String) async throws -> AWSCredentials
}

/// A default role session name: `potemkin-<unix seconds>`.
func defaultRoleSessionName() -> String {
  "potemkin-\(Int(Date().timeIntervalSince1970))"
}
