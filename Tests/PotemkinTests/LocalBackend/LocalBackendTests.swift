import Foundation
import Testing

@testable import Potemkin

@Suite("Local backend launcher")
struct LocalBackendTests {
  @Test("starts, answers stats, resets them and stops")
  func lifecycle() async throws {
    let backend = try await TestBackend.start(LocalBackendOptions(stackDelay: 1))
    #expect(backend.endpoint.host == "127.0.0.1")
    let stats = try await backend.stats()
    #expect(stats.count("cloudformation.CreateStack") == 0)
    try await backend.resetStats()
    await backend.stop()
    #expect(backend.hasExited)
  }

  @Test("options become server arguments")
  func arguments() {
    var options = LocalBackendOptions(stackDelay: 2, throttleRate: 0.3, verifySignatures: true, seed: 7)
    options.noRecorder = true
    #expect(
      options.arguments == [
        "--port", "0", "--stack-delay", "2.0", "--throttle-rate", "0.3", "--verify-signatures", "--seed", "7",
        "--no-recorder", "--exit-with-parent",
      ])
  }

  @Test("a backend that cannot start reports its stderr")
  func failingStart() async throws {
    var options = LocalBackendOptions()
    options.extraArguments = ["--no-such-option"]
    let error = try await #require(throws: LocalBackendError.self) {
      try await LocalBackend.start(options: options)
    }
    #expect(error.description.contains("--no-such-option"))
  }
}
