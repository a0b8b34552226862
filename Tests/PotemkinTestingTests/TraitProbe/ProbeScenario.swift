import Foundation
import Potemkin
import PotemkinAWS
import Testing

/// One probe suite run by `swift test` in a child process against a local backend of its own.
struct ProbeScenario: Sendable {
  /// The suite that ran, e.g. `ManyCases`.
  var suite: String
  /// The backend it ran against (still running: the caller stops it).
  var backend: LocalBackend
  /// A connection to that backend.
  var connection: AWSConnection
  /// The child `swift test`.
  var run: ChildRun
  /// Where the run's files are.
  var directory: URL
  /// The lines the probe suite wrote to `PROBE_OUT`.
  var probeLines: [String]

  /// The name of the Swift Testing xunit report for `--xunit-output x.xml` (XCTest's would be `x.xml`).
  static let xunitFileName = "x-swift-testing.xml"

  /// One `swift test` of the probe package at a time (they share its build database).
  private static let gate = SerialGate()

  /// Starts a backend, runs `suite` of the probe package against it, checks it, and stops the backend.
  static func with(
    _ suite: String, options: LocalBackendOptions = LocalBackendOptions(),
    _ check: (ProbeScenario) async throws -> Void
  ) async throws {
    try await ProbePackage.built()
    let backend: LocalBackend
    do {
      backend = try await LocalBackend.start(options: options)
    } catch {
      throw ProbeFailure(
        """
        The local backend did not start: \(error)
        Run Tools/setup-python (needs Python 3.10+ and PyPI), or set POTEMKIN_PYTHON to an interpreter \
        with moto[server,cloudformation], boto3 and cfn-lint installed.
        """)
    }
    let directory = try ProbePackage.temporaryDirectory("probe-\(suite)")
    do {
      let connection = try await AWSConnection.local(backend)
      let probeOut = directory.appendingPathComponent("probe-out.txt")
      var environment = ProcessInfo.processInfo.environment.filter {
        !$0.key.hasPrefix("AWS_") && !$0.key.hasPrefix("POTEMKIN_")
      }
      environment["POTEMKIN_BACKEND"] = "local"
      environment["AWS_ENDPOINT_URL"] = backend.endpoint.absoluteString
      environment["AWS_ACCESS_KEY_ID"] = "probe"
      environment["AWS_SECRET_ACCESS_KEY"] = "probe-secret"
      environment["AWS_REGION"] = "us-east-1"
      environment["PROBE_OUT"] = probeOut.path
      let childEnvironment = environment
      let run = try await gate.run {
        try await ChildRun.run(
          [
            "swift", "test", "--package-path", ProbePackage.directory.path, "--scratch-path", ProbePackage.scratch.path,
            "--skip-build", "--filter", suite, "--xunit-output", directory.appendingPathComponent("x.xml").path,
          ],
          in: ProbePackage.root, environment: childEnvironment, logDirectory: directory, limit: .seconds(300))
      }
      if run.timedOut { Issue.record("swift test --filter \(suite) was killed after 300 s:\n\(run.tail())") }
      let lines = ((try? String(contentsOf: probeOut, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
      let scenario = ProbeScenario(
        suite: suite, backend: backend, connection: connection, run: run, directory: directory, probeLines: lines)
      try await check(scenario)
    } catch {
      await backend.stop()
      try? FileManager.default.removeItem(at: directory)
      throw error
    }
    await backend.stop()
    try? FileManager.default.removeItem(at: directory)
  }

  /// The Swift Testing xunit report.
  /// - Throws: `ProbeFailure` naming the files present when it is missing.
  func xunit() throws -> String {
    let url = directory.appendingPathComponent(Self.xunitFileName)
    guard let text = try? String(contentsOf: url, encoding: .utf8) else {
      let present = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
      throw ProbeFailure("No xunit report \(Self.xunitFileName) was written; files present: \(present.sorted())")
    }
    return text
  }

  /// The stacks of the backend that are not deleted, as `name STATUS`.
  func liveStacks() async throws -> [String] {
    var stacks: [StackSummary] = []
    var token: String?
    repeat {
      let page = try await connection.cloudFormation.listStacks(nextToken: token)
      stacks += page.stacks
      token = page.nextToken
    } while token != nil
    return stacks.filter { $0.status.rawValue != "DELETE_COMPLETE" }.map { "\($0.name) \($0.status.rawValue)" }
  }

  /// The number of calls of `action` (e.g. `cloudformation.CreateStack`) the backend received.
  func calls(_ action: String) async throws -> Int {
    try await backend.stats().count(action)
  }
}
