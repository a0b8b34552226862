import Foundation
import Synchronization

/// Runs a child process off Swift's cooperative pool and collects its output.
enum ProcessRunner {
  struct Output: Sendable {
    var status: Int32
    var stdout: Data
    var stderr: Data
  }

  /// Why a run ended without an exit status of its own.
  enum Failure: Error, Equatable {
    /// Still running after the time limit: it was killed.
    case timedOut(Duration)
  }

  /// Runs `arguments` (looked up through `PATH` by `/usr/bin/env`) with `environment`.
  ///
  /// The child runs in its own process group (Foundation's `Process` does that); after `timeout`,
  /// or when the calling task is cancelled, the whole group is killed, helpers it started included.
  /// - Throws: `Failure.timedOut`, `CancellationError`, or the error of starting the process.
  static func run(_ arguments: [String], environment: [String: String], timeout: Duration) async throws -> Output {
    let child = RunningChild()
    return try await withTaskCancellationHandler {
      try await withCheckedThrowingContinuation { continuation in
        let thread = Thread {
          continuation.resume(with: Result {
            try runBlocking(arguments, environment: environment, child: child, timeout: timeout)
          })
        }
        thread.name = "potemkin.credential-process"
        thread.start()
      }
    } onCancel: {
      child.stop(.cancelled)
    }
  }

  private static func runBlocking(
    _ arguments: [String], environment: [String: String], child: RunningChild, timeout: Duration
  ) throws -> Output {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["--"] + arguments
    process.environment = environment
    let stdout = Pipe()
    let stderr = Pipe()
    process.standardOutput = stdout
    process.standardError = stderr
    process.standardInput = FileHandle.nullDevice
    try process.run()
    child.started(process.processIdentifier)
    let watchdog = DispatchWorkItem { child.stop(.timedOut) }
    DispatchQueue.global().asyncAfter(deadline: .now() + timeout.inSeconds, execute: watchdog)
    let errorBox = DataBox()
    let errorReader = Thread {
      errorBox.data = stderr.fileHandleForReading.readDataToEndOfFile()
      errorBox.done.signal()
    }
    errorReader.start()
    let out = stdout.fileHandleForReading.readDataToEndOfFile()
    errorBox.done.wait()
    process.waitUntilExit()
    watchdog.cancel()
    switch child.finished() {
    case .cancelled: throw CancellationError()
    case .timedOut: throw Failure.timedOut(timeout)
    case nil: return Output(status: process.terminationStatus, stdout: out, stderr: errorBox.data)
    }
  }

  /// The child's process group, killed at most once and never after the child was reaped.
  private final class RunningChild: Sendable {
    enum Stop: Sendable { case cancelled, timedOut }
    private struct State {
      var pid: pid_t?
      var stop: Stop?
      var reaped = false
    }
    private let state = Mutex(State())

    func started(_ pid: pid_t) {
      let early = state.withLock { state -> Bool in
        state.pid = pid
        return state.stop != nil
      }
      if early { kill(-pid, SIGKILL) }
    }

    func stop(_ reason: Stop) {
      let pid = state.withLock { state -> pid_t? in
        guard state.stop == nil, !state.reaped else { return nil }
        state.stop = reason
        return state.pid
      }
      if let pid { kill(-pid, SIGKILL) }
    }

    /// Marks the child reaped and returns why it was stopped, if it was.
    func finished() -> Stop? {
      state.withLock { state in
        state.reaped = true
        return state.stop
      }
    }
  }

  private final class DataBox: @unchecked Sendable {
    // Written by one thread before `done` is signalled, read after waiting on it.
    var data = Data()
    let done = DispatchSemaphore(value: 0)
  }

  /// Splits a command line as a POSIX shell would for words: quotes and backslashes, no expansion.
  static func split(_ command: String) -> [String] {
    var words: [String] = []
    var current = ""
    var inWord = false
    var quote: Character?
    var escaped = false
    for character in command {
      if escaped {
        current.append(character)
        escaped = false
        continue
      }
      if let open = quote {
        if character == open {
          quote = nil
        } else if character == "\\" && open == "\"" {
          escaped = true
        } else {
          current.append(character)
        }
        continue
      }
      switch character {
      case "\\":
        escaped = true
        inWord = true
      case "\"", "'":
        quote = character
        inWord = true
      case _ where character.isWhitespace:
        if inWord { words.append(current) }
        current = ""
        inWord = false
      default:
        current.append(character)
        inWord = true
      }
    }
    if inWord { words.append(current) }
    return words
  }
}
