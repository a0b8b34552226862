import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

@Suite("potemkin local")
struct LocalCommandTests {
  @Test("Prints the endpoint line once ready, and Ctrl-C stops it with exit 0 and frees the port")
  func startsAndStopsCleanly() async throws {
    try await BackendUnderTest.with { backend in
      try await Self.checkStartAndStop(backend)
    }
  }

  static func checkStartAndStop(_ backend: BackendUnderTest) async throws {
    // A hang check, not a speed claim: a few seconds on an idle machine, but this test runs beside
    // a dozen other backends starting at once on 2 cores (the start-up time is in Benchmarks/run).
    #expect(backend.readyAfter < .seconds(90), "ready after \(backend.readyAfter)")
    let url = try #require(URL(string: backend.endpoint))
    #expect(url.host == "127.0.0.1")
    let port = try #require(url.port)
    #expect(backend.process.stdout.split(separator: "\n").count == 1, "stdout: \(backend.process.stdout)")

    // It answers requests.
    let (_, response) = try await URLSession.shared.data(from: url.appending(path: "_potemkin/stats"))
    #expect((response as? HTTPURLResponse)?.statusCode == 200)

    let status = await backend.stop()
    #expect(status == 0, "stderr: \(backend.process.stderr)")
    #expect(!Self.isListening(port), "port \(port) still accepts connections after Ctrl-C")
  }

  @Test("Rejects impossible options with a sentence saying what to give", arguments: [
    (["--throttle-rate", "2"], "a number from 0 to 1"),
    (["--port", "70000"], "give 1 to 65535"),
    (["--stack-delay=-1"], "0 or more"),
  ])
  func rejectsBadOptions(_ arguments: [String], message: String) async throws {
    let result = try await CLIRunner.run(["local"] + arguments, timeout: .seconds(30))
    #expect(result.status == 64)
    #expect(result.stderr.contains(message), "stderr: \(result.stderr)")
  }

  /// Whether something accepts TCP connections on 127.0.0.1:`port`.
  static func isListening(_ port: Int) -> Bool {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { return false }
    defer { close(descriptor) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let result = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    return result == 0
  }
}
