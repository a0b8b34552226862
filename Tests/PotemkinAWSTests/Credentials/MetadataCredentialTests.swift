import Foundation
import Testing

@testable import PotemkinAWS

@Suite("Container and instance-metadata credentials")
struct MetadataCredentialTests {
  let transport = CurlTransport.shared

  @Test("Container: FULL_URI on loopback with AWS_CONTAINER_AUTHORIZATION_TOKEN")
  func containerWithToken() async throws {
    let server = try await MetadataServer.start(["--auth-token", "Bearer abc"])
    defer { server.stop() }
    let environment = [
      "AWS_CONTAINER_CREDENTIALS_FULL_URI": server.baseURL + "/v2/credentials/task",
      "AWS_CONTAINER_AUTHORIZATION_TOKEN": "Bearer abc",
    ]
    let credentials = try await ContainerCredentialProvider(environment: environment, transport: transport).credentials()
    #expect(credentials.accessKeyId == "ASIACONT000000000001")
    #expect(credentials.sessionToken == "token-1")
    #expect(try #require(credentials.expiration) > Date().addingTimeInterval(3000))
  }

  @Test("Container: the token file wins over the token and is read again at each fetch")
  func containerTokenFile() async throws {
    let home = try TemporaryHome()
    defer { home.remove() }
    let server = try await MetadataServer.start(["--auth-token", "from-file-2"])
    defer { server.stop() }
    let file = try home.write("token", "from-file-1\n")
    let environment = [
      "AWS_CONTAINER_CREDENTIALS_FULL_URI": server.baseURL + "/creds",
      "AWS_CONTAINER_AUTHORIZATION_TOKEN": "from-file-2-but-ignored",
      "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE": file,
    ]
    let provider = ContainerCredentialProvider(environment: environment, transport: transport, attempts: 1)
    let refused = try await #require(throws: CredentialError.self) { try await provider.credentials() }
    #expect(refused.description.contains("HTTP 401"))
    try home.write("token", "from-file-2")
    #expect(try await provider.credentials().accessKeyId.hasPrefix("ASIACONT"))
  }

  @Test(
    "Container: FULL_URI must be https, loopback or an ECS/EKS address",
    arguments: [
      ("http://169.254.170.2/creds", true), ("http://169.254.170.23/v1/credentials", true),
      ("http://[fd00:ec2::23]/v1", true), ("http://127.0.0.2:8080/x", true), ("http://localhost/x", true),
      ("https://creds.example.com/x", true), ("http://creds.example.com/x", false), ("http://10.0.0.1/x", false),
    ])
  func containerHosts(uri: String, allowed: Bool) throws {
    let provider = ContainerCredentialProvider(
      environment: ["AWS_CONTAINER_CREDENTIALS_FULL_URI": uri], transport: transport)
    if allowed {
      #expect(try provider.endpoint().absoluteString == uri)
    } else {
      let error = try #require(throws: CredentialError.self) { try provider.endpoint() }
      #expect(error.description.contains("must use https"))
    }
  }

  @Test("Container: RELATIVE_URI goes to 169.254.170.2; nothing set is not configured")
  func containerRelative() throws {
    let relative = ContainerCredentialProvider(
      environment: ["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/v2/credentials/abc"], transport: transport)
    #expect(try relative.endpoint().absoluteString == "http://169.254.170.2/v2/credentials/abc")
    let error = try #require(throws: CredentialError.self) {
      try ContainerCredentialProvider(environment: [:], transport: transport).endpoint()
    }
    #expect(error.isNotConfigured)
  }

  @Test("IMDSv2: token, role name, then the role's credentials")
  func instanceMetadata() async throws {
    let server = try await MetadataServer.start(["--role", "runner-role"])
    defer { server.stop() }
    let provider = InstanceMetadataCredentialProvider(
      environment: ["AWS_EC2_METADATA_SERVICE_ENDPOINT": server.baseURL + "/"], transport: transport)
    let credentials = try await provider.credentials()
    #expect(credentials.accessKeyId == "ASIAIMDS000000000001")
    #expect(credentials.sessionToken == "token-1")
    let stats = try await server.stats(transport: transport)
    #expect(stats.counts["PUT /latest/api/token"] == 1)
    #expect(stats.counts["GET /latest/meta-data/iam/security-credentials/"] == 1)
    #expect(stats.counts["GET /latest/meta-data/iam/security-credentials/runner-role"] == 1)
    // The server speaks real IMDSv2: without the session token header, 401.
    let bare = try await transport.send(
      HTTPRequest(method: "GET", url: URL(string: server.baseURL + "/latest/meta-data/iam/security-credentials/")!),
      timeout: .seconds(5))
    #expect(bare.status == 401)
  }

  @Test("IMDS: disabled by AWS_EC2_METADATA_DISABLED; an endpoint that does not answer is skipped quickly")
  func instanceMetadataAbsent() async throws {
    let disabled = InstanceMetadataCredentialProvider(environment: ["AWS_EC2_METADATA_DISABLED": "true"], transport: transport)
    let off = try await #require(throws: CredentialError.self) { try await disabled.credentials() }
    #expect(off.isNotConfigured)
    #expect(off.description.contains("AWS_EC2_METADATA_DISABLED=true"))

    // A port nothing listens on: connection refused, reported as "not on EC2".
    let closed = InstanceMetadataCredentialProvider(
      environment: ["AWS_EC2_METADATA_SERVICE_ENDPOINT": "http://127.0.0.1:9"], transport: transport)
    let refused = try await #require(throws: CredentialError.self) { try await closed.credentials() }
    #expect(refused.isNotConfigured)
    #expect(refused.description.contains("not on EC2"))

    // An endpoint that accepts but never answers (like a blackholed 169.254.169.254): the 1 s timeout ends it.
    let server = try await MetadataServer.start(["--hang"])
    defer { server.stop() }
    let hanging = InstanceMetadataCredentialProvider(
      environment: ["AWS_EC2_METADATA_SERVICE_ENDPOINT": server.baseURL], transport: transport)
    let start = ContinuousClock.now
    let silent = try await #require(throws: CredentialError.self) { try await hanging.credentials() }
    let elapsed = ContinuousClock.now - start
    #expect(silent.isNotConfigured)
    #expect(elapsed >= .milliseconds(900))
    #expect(elapsed < .seconds(5), "a metadata endpoint that never answers must not hang the chain")
  }
}
