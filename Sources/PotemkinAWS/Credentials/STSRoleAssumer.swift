/// Adapts `STSClient` to `RoleAssuming`: region and STS endpoint come from the profile being
/// resolved (and the environment), so the chain works against any configured STS endpoint.
struct STSRoleAssumer: RoleAssuming {
  let environment: [String: String]
  let profile: String?
  let transport: any HTTPTransport

  /// An STS client signing with `credentials` (or none, for the unsigned web identity call).
  private func stsClient(_ credentials: AWSCredentials?) throws -> STSClient {
    // STS is reachable in every region; without one configured, use us-east-1 as botocore's global endpoint does.
    let region = (try? RegionResolver(environment: environment, profile: profile).resolve().name) ?? "us-east-1"
    let provider: any CredentialProvider =
      credentials.map { StaticCredentialProvider($0) } ?? UnsignedCallProvider()
    let configuration = AWSClient.Configuration(
      region: region, profile: profile, credentialProvider: provider, environment: environment)
    return STSClient(client: try AWSClient(configuration: configuration, transport: transport))
  }

  func assumeRole(_ parameters: AssumeRoleParameters, using credentials: AWSCredentials) async throws -> AWSCredentials {
    try await stsClient(credentials).assumeRole(
      roleArn: parameters.roleArn, roleSessionName: parameters.sessionName, externalId: parameters.externalId,
      durationSeconds: parameters.durationSeconds
    ).credentials
  }

  func assumeRoleWithWebIdentity(_ parameters: AssumeRoleParameters, token: String) async throws -> AWSCredentials {
    try await stsClient(nil).assumeRoleWithWebIdentity(
      roleArn: parameters.roleArn, roleSessionName: parameters.sessionName, webIdentityToken: token,
      durationSeconds: parameters.durationSeconds
    ).credentials
  }
}

/// Stands in for credentials on unsigned calls; asking it is a bug.
private struct UnsignedCallProvider: CredentialProvider {
  func credentials() async throws -> AWSCredentials {
    throw CredentialError.failed("STS", "an unsigned STS call asked for credentials")
  }
}
