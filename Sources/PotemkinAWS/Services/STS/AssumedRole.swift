/// The result of AssumeRole or AssumeRoleWithWebIdentity: temporary credentials and who they act as.
public struct AssumedRole: Sendable, Hashable, CustomStringConvertible {
  /// The temporary credentials, with their expiration.
  public var credentials: AWSCredentials
  /// The assumed-role ARN (`arn:aws:sts::123456789012:assumed-role/Role/session`).
  public var arn: String?
  /// The assumed-role id (`AROA...:session`).
  public var assumedRoleId: String?
  /// The web identity's subject, for AssumeRoleWithWebIdentity.
  public var subjectFromWebIdentityToken: String?

  /// Creates a value.
  public init(
    credentials: AWSCredentials, arn: String? = nil, assumedRoleId: String? = nil,
    subjectFromWebIdentityToken: String? = nil
  ) {
    self.credentials = credentials
    self.arn = arn
    self.assumedRoleId = assumedRoleId
    self.subjectFromWebIdentityToken = subjectFromWebIdentityToken
  }

  public var description: String {
    "AssumedRole(\(arn ?? "?"), \(credentials))"
  }
}
