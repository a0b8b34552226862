import Foundation
import Logging
import Synchronization
import Testing

// Scripts run through /bin/sh: exec'ing a just-written file races other tests' forks (ETXTBSY).

@testable import PotemkinAWS

@Suite("Credential chain")
struct CredentialChainTests {
  let transport = CurlTransport.shared

  @Test("No source: the error lists every source and why, and says what to set")
  func noCredentials() async throws {
    let home = try TemporaryHome()
    defer { home.remove() }
    try home.config("[default]\nregion = us-east-1\n[profile prod]\nregion = us-east-1\n")
    var environment = home.environment
    environment["AWS_PROFILE"] = "dev"
    environment["AWS_EC2_METADATA_SERVICE_ENDPOINT"] = "http://127.0.0.1:9"
    environment["AWS_EC2_METADATA_DISABLED"] = nil
    let chain = CredentialChain.default(environment: environment, transport: transport)
    let error = try await #require(throws: CredentialError.self) { try await chain.resolve() }
    let text = error.description
    #expect(text.hasPrefix("No AWS credentials found. Sources tried, in order:"))
    #expect(text.contains("  - environment: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set"))
    #expect(text.contains("  - web identity (environment): AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN are not set"))
    #expect(text.contains("  - AWS_PROFILE=dev: no such profile in \(home.path)/.aws/config or \(home.path)/.aws/credentials (profiles there: default, prod)"))
    #expect(text.contains("  - container credentials: AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and AWS_CONTAINER_CREDENTIALS_FULL_URI are not set"))
    #expect(text.contains("  - instance metadata: no instance metadata service answered at http://127.0.0.1:9 (not on EC2?)"))
    #expect(text.contains("To fix, do one of: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"))
    #expect(error.attempts.count == 5)
  }

  @Test("Order: explicit, then environment, then profile; the source is reported and logged without the secret")
  func order() async throws {
    let home = try TemporaryHome()
    defer { home.remove() }
    try home.credentials("[default]\naws_access_key_id = AKIAPROFILE000000001\naws_secret_access_key = profile-secret\n")
    var environment = home.environment
    let log = LogCapture()
    let fromProfile = try await CredentialChain.default(environment: environment, transport: transport, logger: log.logger).resolve()
    #expect(fromProfile.source == "profile default")
    #expect(fromProfile.credentials.accessKeyId == "AKIAPROFILE000000001")
    #expect(log.text.contains("AWS credentials from profile default"))
    #expect(log.text.contains("AKIA…0001"))
    #expect(!log.text.contains("profile-secret"))

    environment["AWS_ACCESS_KEY_ID"] = "AKIAENVIRONMENT00001"
    environment["AWS_SECRET_ACCESS_KEY"] = "env-secret"
    environment["AWS_SESSION_TOKEN"] = "env-token"
    let fromEnvironment = try await CredentialChain.default(environment: environment, transport: transport).resolve()
    #expect(fromEnvironment.source == "environment")
    #expect(fromEnvironment.credentials.sessionToken == "env-token")

    let explicit = AWSCredentials(accessKeyId: "AKIAEXPLICIT00000001", secretAccessKey: "x")
    let fromCode = try await CredentialChain.default(environment: environment, transport: transport, explicit: explicit).resolve()
    #expect(fromCode.source == "explicit credentials")
  }

  @Test("A configured source that fails stops the chain and shows the sources skipped before it")
  func failingSource() async throws {
    let home = try TemporaryHome()
    defer { home.remove() }
    let script = try home.write("fail.sh", "#!/bin/sh\necho 'please log in' >&2\nexit 2\n", executable: true)
    try home.config("[default]\ncredential_process = /bin/sh \(script)\n")
    let chain = CredentialChain.default(environment: home.environment, transport: transport)
    let error = try await #require(throws: CredentialError.self) { try await chain.credentials() }
    #expect(error.description.hasPrefix("AWS credentials could not be loaded from profile default: `/bin/sh` exited with status 2"))
    #expect(error.description.contains("\"please log in\""))
    #expect(error.description.contains("  - environment: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set"))
  }

  @Test("Only one of AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY is an error, not a skip")
  func partialEnvironment() async throws {
    let home = try TemporaryHome()
    defer { home.remove() }
    var environment = home.environment
    environment["AWS_ACCESS_KEY_ID"] = "AKIAENVIRONMENT00001"
    let error = try await #require(throws: CredentialError.self) {
      try await CredentialChain.default(environment: environment, transport: transport).credentials()
    }
    #expect(error.description.contains("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not"))
  }

  @Test("Container credentials are used when the environment and profile have none")
  func containerInChain() async throws {
    let home = try TemporaryHome()
    defer { home.remove() }
    let server = try await MetadataServer.start()
    defer { server.stop() }
    var environment = home.environment
    environment["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = server.baseURL + "/v2/credentials"
    let resolved = try await CredentialChain.default(environment: environment, transport: transport).resolve()
    #expect(resolved.source == "container credentials")
    #expect(resolved.credentials.accessKeyId.hasPrefix("ASIACONT"))
  }

  @Test("Descriptions redact keys")
  func redaction() {
    let credentials = AWSCredentials(accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI", sessionToken: "tok")
    let chain = CredentialChain([.init(StaticCredentialProvider(credentials))])
    #expect(chain.description == "credential chain (static credentials AKIA…MPLE)")
    #expect(!String(describing: credentials).contains("wJalr"))
  }
}

/// Collects log lines in memory for assertions.
final class LogCapture: Sendable {
  private let lines = Mutex<[String]>([])

  var logger: Logger {
    Logger(label: "test") { _ in Handler(capture: self) }
  }

  var text: String { lines.withLock { $0.joined(separator: "\n") } }

  struct Handler: LogHandler {
    let capture: LogCapture
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
      get { metadata[key] }
      set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
      let all = self.metadata.merging(event.metadata ?? [:]) { $1 }
      let level = event.level
      let message = event.message
      capture.lines.withLock { $0.append("\(level) \(message) \(all)") }
    }
  }
}
