/// The chain's "web identity from the environment" step: `AWS_WEB_IDENTITY_TOKEN_FILE` + `AWS_ROLE_ARN`.
struct EnvironmentWebIdentityProvider: CredentialProvider, CustomStringConvertible {
  let environment: [String: String]
  let roleAssumers: RoleAssumerFactory
  let profile: String?

  func credentials() async throws -> AWSCredentials {
    let settings = try WebIdentityCredentialProvider.environmentSettings(environment)
    let provider = WebIdentityCredentialProvider(
      tokenFile: settings.file, roleArn: settings.role, sessionName: settings.session,
      assumer: try roleAssumers.make(profile: profile), label: description)
    return try await provider.credentials()
  }

  var description: String { "web identity (environment)" }
}
