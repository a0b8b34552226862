import Foundation
import Synchronization
import Testing

// Scripts run through /bin/sh: exec'ing a just-written file races other tests' forks (ETXTBSY).

@testable import PotemkinAWS

@Suite("Credential caching and refresh")
struct CachedCredentialProviderTests {
  let transport = CurlTransport.shared

  @Test("Expiry inside the 5-minute window triggers exactly one refresh under 50 concurrent callers")
  func oneRefresh() async throws {
    // The server issues credentials expiring in 5 minutes + 2 seconds and takes 0.3 s to answer.
    let server = try await MetadataServer.start(["--expires-in", "302", "--delay", "0.3"])
    defer { server.stop() }
    let base = ContainerCredentialProvider(
      environment: ["AWS_CONTAINER_CREDENTIALS_FULL_URI": server.baseURL + "/creds"], transport: transport)
    let cache = CachedCredentialProvider(base)

    let first = try await fiftyCallers(cache)
    #expect(Set(first) == ["ASIACONT000000000001"])
    #expect(try await server.stats(transport: transport).issued == 1)

    try await Task.sleep(for: .seconds(2.5))  // now less than 5 minutes remain
    let second = try await fiftyCallers(cache)
    #expect(Set(second) == ["ASIACONT000000000002"])
    let stats = try await server.stats(transport: transport)
    #expect(stats.issued == 2)
    #expect(stats.counts["GET /creds"] == 2)
  }

  private func fiftyCallers(_ cache: CachedCredentialProvider) async throws -> [String] {
    try await withThrowingTaskGroup(of: String.self) { group in
      for _ in 0..<50 { group.addTask { try await cache.credentials().accessKeyId } }
      return try await group.reduce(into: []) { $0.append($1) }
    }
  }

  @Test("Credentials without expiry are fetched once")
  func longTerm() async throws {
    let home = try TemporaryHome()
    defer { home.remove() }
    let counter = try home.write("count", "")
    let script = try home.write(
      "creds.sh",
      "#!/bin/sh\necho x >> '\(counter)'\necho '{\"Version\": 1, \"AccessKeyId\": \"AKIALONGTERM00000001\", \"SecretAccessKey\": \"s\"}'\n",
      executable: true)
    let cache = CachedCredentialProvider(ProcessCredentialProvider(command: "/bin/sh '\(script)'", environment: home.environment))
    for _ in 0..<3 { _ = try await cache.credentials() }
    #expect(try String(contentsOfFile: counter, encoding: .utf8) == "x\n")
  }

  @Test("A failed refresh keeps unexpired credentials; expired ones surface the error")
  func failedRefresh() async throws {
    let home = try TemporaryHome()
    defer { home.remove() }
    let expiry = ISO8601DateFormatter().string(from: Date().addingTimeInterval(60))
    let script = try home.write(
      "creds.sh",
      "#!/bin/sh\nif [ -f '\(home.path)/broken' ]; then echo broken >&2; exit 1; fi\n"
        + "echo '{\"Version\": 1, \"AccessKeyId\": \"ASIASHORT00000000001\", \"SecretAccessKey\": \"s\", \"Expiration\": \"\(expiry)\"}'\n",
      executable: true)
    let clock = TestClock()
    let cache = CachedCredentialProvider(
      ProcessCredentialProvider(command: "/bin/sh '\(script)'", environment: home.environment), now: { clock.now })
    #expect(try await cache.credentials().accessKeyId == "ASIASHORT00000000001")
    try home.write("broken", "")
    #expect(try await cache.credentials().accessKeyId == "ASIASHORT00000000001")
    clock.advance(120)
    let error = try await #require(throws: CredentialError.self) { try await cache.credentials() }
    #expect(error.description.contains("\"broken\""))
  }
}

/// A settable clock for cache tests.
final class TestClock: Sendable {
  private let offset = Mutex<TimeInterval>(0)
  var now: Date { Date().addingTimeInterval(offset.withLock { $0 }) }
  func advance(_ seconds: TimeInterval) { offset.withLock { $0 += seconds } }
}
