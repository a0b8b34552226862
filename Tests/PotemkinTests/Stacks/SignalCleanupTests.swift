import Foundation
import Testing

@testable import Potemkin

@Suite("Leak safety on SIGINT")
struct SignalCleanupTests {
  /// The probe executable built next to the test bundle (`swift build --build-tests` builds it).
  static func probe() throws -> URL {
    var candidates = [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
    if let root = StackTemplate.packageRoot(from: #filePath) {
      candidates.append(URL(fileURLWithPath: root).appendingPathComponent(".build/debug"))
    }
    for directory in candidates {
      let url = directory.appendingPathComponent("PotemkinFixtureProbe")
      if FileManager.default.isExecutableFile(atPath: url.path) { return url }
    }
    Issue.record("PotemkinFixtureProbe was not found in \(candidates.map(\.path)); run `swift build --build-tests` first.")
    throw CancellationError()
  }

  enum Moment: String, CaseIterable, Sendable {
    /// Both CreateStack requests reached the backend, which is still validating them (calls in flight).
    case createCallsInFlight
    /// Both stacks exist and are CREATE_IN_PROGRESS.
    case stacksInProgress
  }

  @Test("SIGINT mid-deploy deletes every stack of the run, then exits 130", arguments: Moment.allCases)
  func interruptMidDeploy(moment: Moment) async throws {
    let probe = try Self.probe()
    try await TestBackend.with(LocalBackendOptions(stackDelay: 2)) { backend in
      let connection = try await AWSConnection.local(backend)
      let runId = RunID.generate().value
      var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("AWS_") }
      environment["POTEMKIN_BACKEND"] = "local"
      environment["AWS_ENDPOINT_URL"] = backend.endpoint.absoluteString
      environment["POTEMKIN_RUN_ID"] = runId
      environment["POTEMKIN_TEARDOWN"] = "always"
      let child = ChildProcess(executable: probe, arguments: ["2"], environment: environment, forwardStderr: false)
      try child.launch()
      let clock = ContinuousClock()
      let deadline = clock.now + .seconds(60)
      switch moment {
      case .createCallsInFlight:
        while try await backend.stats().count("cloudformation.CreateStack") < 2, clock.now < deadline {
          try await Task.sleep(for: .milliseconds(20))
        }
      case .stacksInProgress:
        var live: [String] = []
        while live.count < 2, clock.now < deadline {
          try await Task.sleep(for: .milliseconds(100))
          live = try await connection.liveStacks(containing: runId)
        }
        #expect(live.count == 2 && live.allSatisfy { $0.hasSuffix("CREATE_IN_PROGRESS") }, "\(live)")
      }
      child.send(SIGINT)
      let status = await child.waitForExit()
      #expect(status == 130, "stderr: \(child.stderrTail)")
      #expect(child.stderrTail.contains("deleting 2 stack(s) of run \(runId)"))
      #expect(try await backend.stats().count("cloudformation.CreateStack") == 2)
      let left = try await connection.liveStacks(containing: runId)
      #expect(left.isEmpty, "stacks left behind: \(left)")
    }
  }
}
