import Foundation
import Testing

@testable import PotemkinAWS

/// STS-backed sources against a real moto server (the tests' shared one), checking the identity with GetCallerIdentity.
@Suite("STS-backed credentials against moto")
struct STSCredentialTests {
  let transport = CurlTransport.shared

  /// Who `credentials` are, asked of the server at `endpoint`.
  private func identity(_ provider: any CredentialProvider, endpoint: String) async throws -> CallerIdentity {
    let configuration = AWSClient.Configuration(
      region: "us-east-1", endpoints: [.sts: URL(string: endpoint)!], credentialProvider: provider, environment: [:])
    return try await STSClient(client: try AWSClient(configuration: configuration, transport: transport)).getCallerIdentity()
  }

  private func environment(_ home: TemporaryHome, endpoint: String?) -> [String: String] {
    var environment = home.environment
    environment["AWS_REGION"] = "us-east-1"
    if let endpoint { environment["AWS_ENDPOINT_URL"] = endpoint }
    return environment
  }

  @Test("role_arn + source_profile with static keys; STS endpoint from the profile's services section")
  func assumeRoleFromSourceProfile() async throws {
    let server = try await TestBackend.shared.server()
    let home = try TemporaryHome()
    defer { home.remove() }
    try home.config(
      """
      [profile deploy]
      role_arn = arn:aws:iam::123456789012:role/deployer
      source_profile = base
      role_session_name = potemkin-test
      external_id = ext-1
      duration_seconds = 900
      services = local
      [services local]
      sts =
        endpoint_url = \(server.endpoint.absoluteString)
      """)
    try home.credentials("[base]\naws_access_key_id = AKIABASE000000000001\naws_secret_access_key = base-secret\n")
    var environment = environment(home, endpoint: nil)
    environment["AWS_PROFILE"] = "deploy"
    let chain = CredentialChain.default(environment: environment, transport: transport)
    let resolved = try await chain.resolve()
    #expect(resolved.source == "AWS_PROFILE=deploy")
    #expect(resolved.credentials.accessKeyId.hasPrefix("ASIA"))
    #expect(resolved.credentials.sessionToken != nil)
    #expect(resolved.credentials.expiration != nil)
    let who = try await identity(chain, endpoint: server.endpoint.absoluteString)
    #expect(who.arn == "arn:aws:sts::123456789012:assumed-role/deployer/potemkin-test")
  }

  @Test("Chained roles: a assumes through b, which assumes with c's keys")
  func chainedRoles() async throws {
    let server = try await TestBackend.shared.server()
    let home = try TemporaryHome()
    defer { home.remove() }
    try home.config(
      """
      [profile a]
      role_arn = arn:aws:iam::123456789012:role/role-a
      source_profile = b
      role_session_name = session-a
      [profile b]
      role_arn = arn:aws:iam::123456789012:role/role-b
      source_profile = c
      [profile c]
      aws_access_key_id = AKIAC000000000000001
      aws_secret_access_key = c-secret
      """)
    let provider = ProfileCredentialProvider(profile: "a", environment: environment(home, endpoint: server.endpoint.absoluteString), transport: transport)
    let who = try await identity(provider, endpoint: server.endpoint.absoluteString)
    #expect(who.arn == "arn:aws:sts::123456789012:assumed-role/role-a/session-a")
  }

  @Test("credential_source = Environment assumes the role with the environment's keys")
  func credentialSourceEnvironment() async throws {
    let server = try await TestBackend.shared.server()
    let home = try TemporaryHome()
    defer { home.remove() }
    try home.config(
      "[profile ci]\nrole_arn = arn:aws:iam::123456789012:role/ci\ncredential_source = Environment\nrole_session_name = from-env\n")
    var environment = environment(home, endpoint: server.endpoint.absoluteString)
    environment["AWS_ACCESS_KEY_ID"] = "AKIAENV0000000000001"
    environment["AWS_SECRET_ACCESS_KEY"] = "env-secret"
    let provider = ProfileCredentialProvider(profile: "ci", environment: environment, transport: transport)
    #expect(try await identity(provider, endpoint: server.endpoint.absoluteString).arn == "arn:aws:sts::123456789012:assumed-role/ci/from-env")
  }

  @Test("credential_source = EcsContainer, and a profile that is its own source_profile")
  func containerSourceAndSelfSource() async throws {
    let server = try await TestBackend.shared.server()
    let container = try await MetadataServer.start()
    defer { container.stop() }
    let home = try TemporaryHome()
    defer { home.remove() }
    try home.config(
      """
      [profile ecs]
      role_arn = arn:aws:iam::123456789012:role/from-ecs
      credential_source = EcsContainer
      role_session_name = ecs
      [profile self]
      role_arn = arn:aws:iam::123456789012:role/self-role
      source_profile = self
      role_session_name = me
      aws_access_key_id = AKIASELF000000000001
      aws_secret_access_key = self-secret
      """)
    var environment = environment(home, endpoint: server.endpoint.absoluteString)
    environment["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = container.baseURL + "/v2/credentials"
    let ecs = ProfileCredentialProvider(profile: "ecs", environment: environment, transport: transport)
    #expect(try await identity(ecs, endpoint: server.endpoint.absoluteString).arn == "arn:aws:sts::123456789012:assumed-role/from-ecs/ecs")
    #expect(try await container.stats(transport: transport).issued == 1)
    let selfSourced = ProfileCredentialProvider(profile: "self", environment: environment, transport: transport)
    #expect(try await identity(selfSourced, endpoint: server.endpoint.absoluteString).arn == "arn:aws:sts::123456789012:assumed-role/self-role/me")
  }

  @Test("Web identity from the environment (unsigned AssumeRoleWithWebIdentity) comes before profiles")
  func webIdentityFromEnvironment() async throws {
    let server = try await TestBackend.shared.server()
    let home = try TemporaryHome()
    defer { home.remove() }
    try home.credentials("[default]\naws_access_key_id = AKIADEFAULT000000001\naws_secret_access_key = s\n")
    let tokenFile = try home.write("oidc-token", "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJyZXBvOngifQ.c2ln\n")
    var environment = environment(home, endpoint: server.endpoint.absoluteString)
    environment["AWS_WEB_IDENTITY_TOKEN_FILE"] = tokenFile
    environment["AWS_ROLE_ARN"] = "arn:aws:iam::123456789012:role/github-actions"
    environment["AWS_ROLE_SESSION_NAME"] = "gha-run-1"
    let chain = CredentialChain.default(environment: environment, transport: transport)
    let resolved = try await chain.resolve()
    #expect(resolved.source == "web identity (environment)")
    let who = try await identity(chain, endpoint: server.endpoint.absoluteString)
    #expect(who.arn == "arn:aws:sts::123456789012:assumed-role/github-actions/gha-run-1")
  }

  @Test("Web identity from a profile's web_identity_token_file, read again at each fetch")
  func webIdentityFromProfile() async throws {
    let server = try await TestBackend.shared.server()
    let home = try TemporaryHome()
    defer { home.remove() }
    try home.write("token", "header.payload.signature")
    try home.config(
      "[profile eks]\nrole_arn = arn:aws:iam::123456789012:role/eks-pod\nweb_identity_token_file = ~/token\nrole_session_name = pod\n")
    let provider = ProfileCredentialProvider(profile: "eks", environment: environment(home, endpoint: server.endpoint.absoluteString), transport: transport)
    #expect(try await identity(provider, endpoint: server.endpoint.absoluteString).arn == "arn:aws:sts::123456789012:assumed-role/eks-pod/pod")
    // The token file is read at every fetch (EKS and GitHub rotate it): once gone, the next fetch says so.
    try FileManager.default.removeItem(atPath: home.path + "/token")
    let error = try await #require(throws: CredentialError.self) { try await provider.credentials() }
    #expect(error.description.contains("cannot read the web identity token file \(home.path)/token"))
  }

  @Test("An STS error (missing token file) names the source and the role")
  func webIdentityMissingFile() async throws {
    let home = try TemporaryHome()
    defer { home.remove() }
    var environment = environment(home, endpoint: "http://127.0.0.1:9")
    environment["AWS_WEB_IDENTITY_TOKEN_FILE"] = home.path + "/absent"
    environment["AWS_ROLE_ARN"] = "arn:aws:iam::123456789012:role/x"
    let error = try await #require(throws: CredentialError.self) {
      try await CredentialChain.default(environment: environment, transport: transport).credentials()
    }
    #expect(error.description.contains("web identity (environment): cannot read the web identity token file \(home.path)/absent"))
  }
}
