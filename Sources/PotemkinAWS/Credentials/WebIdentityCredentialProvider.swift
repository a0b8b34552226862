import Foundation

/// Credentials of an IAM role, assumed through STS AssumeRoleWithWebIdentity with an OIDC token file.
///
/// The token file is read again at every refresh (GitHub Actions and EKS rotate it).
/// Configured by `AWS_WEB_IDENTITY_TOKEN_FILE` + `AWS_ROLE_ARN` (+ `AWS_ROLE_SESSION_NAME`)
/// or by a profile's `web_identity_token_file` + `role_arn`.
public struct WebIdentityCredentialProvider: CredentialProvider, CustomStringConvertible {
  /// The file holding the OIDC token.
  public let tokenFile: String
  /// The role to assume.
  public let roleArn: String
  /// The role session name; `nil` uses `potemkin-<unix seconds>`.
  public let sessionName: String?
  /// The requested session duration in seconds.
  public let durationSeconds: Int?
  let assumer: any RoleAssuming
  private let label: String

  init(
    tokenFile: String, roleArn: String, sessionName: String?, durationSeconds: Int? = nil,
    assumer: any RoleAssuming, label: String
  ) {
    self.tokenFile = tokenFile
    self.roleArn = roleArn
    self.sessionName = sessionName
    self.durationSeconds = durationSeconds
    self.assumer = assumer
    self.label = label
  }

  /// What the environment configures: token file and role, or a reason why not.
  static func environmentSettings(_ environment: [String: String]) throws -> (file: String, role: String, session: String?) {
    let file = environment["AWS_WEB_IDENTITY_TOKEN_FILE"].flatMap { $0.isEmpty ? nil : $0 }
    let role = environment["AWS_ROLE_ARN"].flatMap { $0.isEmpty ? nil : $0 }
    let source = "web identity (environment)"
    switch (file, role) {
    case (nil, nil):
      throw CredentialError.notConfigured(source, "AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN are not set")
    case (nil, .some):
      throw CredentialError.notConfigured(source, "AWS_ROLE_ARN is set but AWS_WEB_IDENTITY_TOKEN_FILE is not")
    case (.some, nil):
      throw CredentialError.failed(source, "AWS_WEB_IDENTITY_TOKEN_FILE is set but AWS_ROLE_ARN is not; set both")
    case (let file?, let role?):
      return (file, role, environment["AWS_ROLE_SESSION_NAME"].flatMap { $0.isEmpty ? nil : $0 })
    }
  }

  public func credentials() async throws -> AWSCredentials {
    guard let data = FileManager.default.contents(atPath: tokenFile) else {
      throw CredentialError.failed(label, "cannot read the web identity token file \(tokenFile)")
    }
    let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    guard !token.isEmpty else {
      throw CredentialError.failed(label, "the web identity token file \(tokenFile) is empty")
    }
    let parameters = AssumeRoleParameters(
      roleArn: roleArn, sessionName: sessionName ?? defaultRoleSessionName(), externalId: nil,
      durationSeconds: durationSeconds)
    do {
      return try await assumer.assumeRoleWithWebIdentity(parameters, token: token)
    } catch let error as CredentialError {
      throw error
    } catch {
      throw CredentialError.failed(label, "STS AssumeRoleWithWebIdentity of \(roleArn) failed: \(error)")
    }
  }

  public var description: String { label }
}
