import Foundation
import Synchronization

/// A child process with its output collected line by line and its exit awaited without blocking threads.
final class ChildProcess: @unchecked Sendable {
  // `Process` is not Sendable; it is only touched here, behind `lock` after launch.
  private let process: Process
  private let lock = Mutex<State>(State())
  private let stdoutPipe = Pipe()
  private let stderrPipe = Pipe()

  private struct State {
    var stdoutBuffer = Data()
    var stderrTail = Data()
    var exitStatus: Int32?
    var exitWaiters: [CheckedContinuation<Int32, Never>] = []
    var lineWaiters: [(prefix: String, continuation: CheckedContinuation<String?, Never>)] = []
    var lines: [String] = []
  }

  private let forwardStderr: Bool

  /// All children still running, killed at process exit.
  static let running = Mutex<Set<Int32>>([])
  private static let atExitInstalled = Mutex(false)

  init(executable: URL, arguments: [String], environment: [String: String], forwardStderr: Bool) {
    process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.environment = environment
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = stdoutPipe
    process.standardError = stderrPipe
    self.forwardStderr = forwardStderr
  }

  var pid: Int32 { process.processIdentifier }

  func launch() throws {
    stdoutPipe.fileHandleForReading.readabilityHandler = { [weak self] handle in
      let data = handle.availableData
      if data.isEmpty { handle.readabilityHandler = nil }
      self?.receiveStdout(data)
    }
    stderrPipe.fileHandleForReading.readabilityHandler = { [weak self] handle in
      let data = handle.availableData
      if data.isEmpty { handle.readabilityHandler = nil; return }
      self?.receiveStderr(data)
    }
    process.terminationHandler = { [weak self] process in
      self?.exited(process.terminationStatus)
    }
    try process.run()
    Self.installAtExit()
    let pid = process.processIdentifier
    _ = Self.running.withLock { $0.insert(pid) }
  }

  private func receiveStdout(_ data: Data) {
    var resumed: [(CheckedContinuation<String?, Never>, String?)] = []
    lock.withLock { state in
      if data.isEmpty {
        resumed = state.lineWaiters.map { ($0.continuation, nil) }
        state.lineWaiters = []
        return
      }
      state.stdoutBuffer.append(data)
      while let newline = state.stdoutBuffer.firstIndex(of: UInt8(ascii: "\n")) {
        let line = String(decoding: state.stdoutBuffer[state.stdoutBuffer.startIndex..<newline], as: UTF8.self)
        state.stdoutBuffer.removeSubrange(state.stdoutBuffer.startIndex...newline)
        state.lines.append(line)
        state.lineWaiters.removeAll { waiter in
          guard line.hasPrefix(waiter.prefix) else { return false }
          resumed.append((waiter.continuation, line))
          return true
        }
      }
    }
    for (continuation, line) in resumed { continuation.resume(returning: line) }
  }

  private func receiveStderr(_ data: Data) {
    if forwardStderr { FileHandle.standardError.write(data) }
    lock.withLock { state in
      state.stderrTail.append(data)
      if state.stderrTail.count > 8192 { state.stderrTail.removeFirst(state.stderrTail.count - 8192) }
    }
  }

  private func exited(_ status: Int32) {
    let pid = process.processIdentifier
    _ = Self.running.withLock { $0.remove(pid) }
    let (exitWaiters, lineWaiters) = lock.withLock { state in
      state.exitStatus = status
      defer { state.exitWaiters = []; state.lineWaiters = [] }
      return (state.exitWaiters, state.lineWaiters)
    }
    for waiter in exitWaiters { waiter.resume(returning: status) }
    for waiter in lineWaiters { waiter.continuation.resume(returning: nil) }
  }

  /// The last 8 KB of standard error.
  var stderrTail: String { lock.withLock { String(decoding: $0.stderrTail, as: UTF8.self) } }

  /// The exit status, once exited.
  var exitStatus: Int32? { lock.withLock { $0.exitStatus } }

  /// Waits for a stdout line starting with `prefix`; `nil` when the process exits or output ends first.
  func line(startingWith prefix: String) async -> String? {
    await withCheckedContinuation { continuation in
      let immediate: String?? = lock.withLock { state in
        if let line = state.lines.first(where: { $0.hasPrefix(prefix) }) { return .some(line) }
        if state.exitStatus != nil { return .some(nil) }
        state.lineWaiters.append((prefix, continuation))
        return .none
      }
      if let immediate { continuation.resume(returning: immediate) }
    }
  }

  /// Waits for the process to exit and returns its status.
  func waitForExit() async -> Int32 {
    await withCheckedContinuation { continuation in
      let status: Int32? = lock.withLock { state in
        if let status = state.exitStatus { return status }
        state.exitWaiters.append(continuation)
        return nil
      }
      if let status { continuation.resume(returning: status) }
    }
  }

  /// Sends `signal` to the process if it still runs.
  func send(_ signal: Int32) {
    guard exitStatus == nil else { return }
    kill(process.processIdentifier, signal)
  }

  private static func installAtExit() {
    let first = atExitInstalled.withLock { installed -> Bool in
      defer { installed = true }
      return !installed
    }
    guard first else { return }
    atexit {
      for pid in ChildProcess.running.withLock({ $0 }) { kill(pid, SIGTERM) }
    }
  }
}
