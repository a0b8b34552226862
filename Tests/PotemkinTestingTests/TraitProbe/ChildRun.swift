import Foundation

/// A finished child process: its exit status and everything it wrote.
struct ChildRun: Sendable {
  /// The exit status (128 + signal when killed by a signal).
  var status: Int32
  /// Standard output and standard error, one after the other.
  var console: String
  /// Whether it was killed for running past its time limit.
  var timedOut: Bool

  /// The last `count` lines of the console, for failure messages.
  func tail(_ count: Int = 40) -> String {
    console.split(separator: "\n", omittingEmptySubsequences: false).suffix(count).joined(separator: "\n")
  }

  /// Runs `arguments` (looked up on `PATH`) in `directory`, its output going to files in `logDirectory`.
  ///
  /// Waits without blocking a thread (termination handler); after `limit` interrupts the child, then kills it.
  static func run(
    _ arguments: [String], in directory: URL, environment: [String: String], logDirectory: URL, limit: Duration
  ) async throws -> ChildRun {
    let out = logDirectory.appendingPathComponent("stdout.txt")
    let err = logDirectory.appendingPathComponent("stderr.txt")
    _ = FileManager.default.createFile(atPath: out.path, contents: nil)
    _ = FileManager.default.createFile(atPath: err.path, contents: nil)
    let outHandle = try FileHandle(forWritingTo: out)
    let errHandle = try FileHandle(forWritingTo: err)
    defer {
      try? outHandle.close()
      try? errHandle.close()
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    process.currentDirectoryURL = directory
    process.environment = environment
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = outHandle
    process.standardError = errHandle
    let exited = AsyncStream<Int32>.makeStream()
    process.terminationHandler = { process in
      exited.continuation.yield(process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus)
      exited.continuation.finish()
    }
    try process.run()
    let pid = process.processIdentifier
    let killer = Task {
      try await Task.sleep(for: limit)
      // SIGINT first: `swift test` passes it on to the test process it started.
      kill(pid, SIGINT)
      try? await Task.sleep(for: .seconds(5))
      if !Task.isCancelled { kill(pid, SIGKILL) }
      return true
    }
    var status: Int32 = -1
    for await value in exited.stream { status = value }
    killer.cancel()
    let timedOut = (try? await killer.value) ?? false
    let console = [out, err].map { (try? String(contentsOf: $0, encoding: .utf8)) ?? "" }.joined(separator: "\n")
    return ChildRun(status: status, console: console, timedOut: timedOut)
  }
}
