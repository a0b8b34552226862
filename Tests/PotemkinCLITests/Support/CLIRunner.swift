import Foundation
import Synchronization

/// Runs the built `potemkin` binary as a child process, collecting its output on plain threads.
final class CLIRunner: Sendable {
  /// The repository root, found from this file's location (`Tests/PotemkinCLITests/Support/`).
  static let repositoryRoot: URL = URL(filePath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// A prerequisite that is missing, with what to do about it.
  struct Unavailable: Error, CustomStringConvertible {
    var description: String
  }

  /// The `potemkin` executable in the build products directory next to the test bundle.
  static func executable() throws -> URL {
    var directories: [URL] = []
    for bundle in Bundle.allBundles + [Bundle.main] {
      let url = bundle.bundleURL
      directories.append(url.pathExtension == "xctest" ? url.deletingLastPathComponent() : url)
    }
    if let argument = CommandLine.arguments.first {
      directories.append(URL(filePath: argument).deletingLastPathComponent())
    }
    for directory in directories {
      let candidate = directory.appending(path: "potemkin")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
    }
    throw Unavailable(
      description: "The potemkin binary was not found next to the test bundle (looked in \(directories.map(\.path))). "
        + "Build it first: swift build --build-tests.")
  }

  /// The Python interpreter for the local backend: `POTEMKIN_PYTHON`, else `<repo>/.venv/bin/python`, else `python3`.
  static var python: String {
    let environment = ProcessInfo.processInfo.environment
    if let configured = environment["POTEMKIN_PYTHON"], !configured.isEmpty { return configured }
    let venv = repositoryRoot.appending(path: ".venv/bin/python")
    if FileManager.default.isExecutableFile(atPath: venv.path) { return venv.path }
    return "python3"
  }

  /// The environment for a child: the test process's, without AWS settings that would leak in, plus `extra`.
  static func environment(_ extra: [String: String] = [:]) -> [String: String] {
    var environment = ProcessInfo.processInfo.environment.filter { key, _ in
      !key.hasPrefix("AWS_") && key != "POTEMKIN_BACKEND"
    }
    environment["POTEMKIN_PYTHON"] = python
    environment["POTEMKIN_HOME"] = repositoryRoot.path
    environment["AWS_ACCESS_KEY_ID"] = "testing"
    environment["AWS_SECRET_ACCESS_KEY"] = "testing"
    environment["AWS_REGION"] = "us-east-1"
    environment["HOME"] = FileManager.default.temporaryDirectory.appending(path: "potemkin-cli-home").path
    return environment.merging(extra) { $1 }
  }

  private struct State {
    var stdout = Data()
    var stderr = Data()
    var lines: [String] = []
    var stdoutClosed = false
    var status: Int32?
  }

  private let process: Process
  private let box = Box()

  /// Holds the state so reader threads can share it.
  private final class Box: Sendable {
    let state = Mutex(State())
  }
  private let started = ContinuousClock.now

  /// Starts `potemkin` with `arguments` in `environment`.
  init(_ arguments: [String], environment: [String: String] = CLIRunner.environment()) throws {
    let process = Process()
    process.executableURL = try Self.executable()
    process.arguments = arguments
    process.environment = environment
    process.currentDirectoryURL = Self.repositoryRoot
    process.standardInput = FileHandle.nullDevice
    let stdoutPipe = Pipe()
    let stderrPipe = Pipe()
    process.standardOutput = stdoutPipe
    process.standardError = stderrPipe
    self.process = process
    try process.run()
    let out = stdoutPipe.fileHandleForReading
    let err = stderrPipe.fileHandleForReading
    Thread.detachNewThread { [box] in
      while true {
        let data = out.availableData
        if data.isEmpty { break }
        box.state.withLock { state in
          state.stdout.append(data)
          state.lines = String(decoding: state.stdout, as: UTF8.self).split(separator: "\n").map(String.init)
        }
      }
      box.state.withLock { $0.stdoutClosed = true }
    }
    Thread.detachNewThread { [box] in
      while true {
        let data = err.availableData
        if data.isEmpty { break }
        box.state.withLock { $0.stderr.append(data) }
      }
    }
    Thread.detachNewThread { [box, process] in
      process.waitUntilExit()
      let status = process.terminationStatus
      box.state.withLock { $0.status = status }
    }
  }

  /// Runs `potemkin` to completion (at most `timeout`) and returns its status and output.
  static func run(
    _ arguments: [String], environment: [String: String] = CLIRunner.environment(), timeout: Duration = .seconds(120)
  ) async throws -> (status: Int32, stdout: String, stderr: String) {
    let runner = try CLIRunner(arguments, environment: environment)
    guard let status = await runner.waitForExit(timeout: timeout) else {
      runner.send(SIGKILL)
      throw Unavailable(
        description: "potemkin \(arguments.joined(separator: " ")) did not exit within \(timeout). "
          + "stdout: \(runner.stdout)\nstderr: \(runner.stderr)")
    }
    return (status, runner.stdout, runner.stderr)
  }

  /// Everything written to stdout so far.
  var stdout: String { box.state.withLock { String(decoding: $0.stdout, as: UTF8.self) } }
  /// Everything written to stderr so far.
  var stderr: String { box.state.withLock { String(decoding: $0.stderr, as: UTF8.self) } }
  /// The exit status, once exited.
  var status: Int32? { box.state.withLock { $0.status } }
  /// The process id.
  var pid: Int32 { process.processIdentifier }

  /// Waits (polling) for a stdout line starting with `prefix`; `nil` on exit or after `timeout`.
  func line(startingWith prefix: String, timeout: Duration) async -> String? {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
      let (line, done) = box.state.withLock { state in
        (state.lines.first { $0.hasPrefix(prefix) }, state.status != nil && state.stdoutClosed)
      }
      if let line { return line }
      if done { return nil }
      try? await Task.sleep(for: .milliseconds(50))
    }
    return nil
  }

  /// Waits (polling) for the process to exit; `nil` after `timeout`.
  func waitForExit(timeout: Duration) async -> Int32? {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
      if let status = box.state.withLock({ $0.stdoutClosed ? $0.status : nil }) { return status }
      try? await Task.sleep(for: .milliseconds(50))
    }
    return nil
  }

  /// Sends `signal` to the process if it still runs.
  func send(_ signal: Int32) {
    if status == nil { kill(process.processIdentifier, signal) }
  }

  /// Time since the process started.
  var elapsed: Duration { .now - started }

  deinit {
    if box.state.withLock({ $0.status }) == nil { kill(process.processIdentifier, SIGKILL) }
  }
}
