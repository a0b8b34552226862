import Foundation
import Synchronization

/// A running `loopback_server.py`: a keep-alive HTTP/1.1 server on 127.0.0.1 for transport tests.
struct LoopbackServer: Sendable {
  /// The port the server listens on.
  let port: Int

  /// `http://127.0.0.1:<port><path>`.
  func url(_ path: String) -> URL {
    URL(string: "http://127.0.0.1:\(port)\(path)")!
  }
}

/// A problem starting the loopback server, with what to do about it.
struct LoopbackServerError: Error, CustomStringConvertible {
  let description: String
}

/// Starts the loopback server, runs `body` with it, and stops it whatever `body` does.
func withLoopbackServer<T>(_ body: (LoopbackServer) async throws -> T) async throws -> T {
  let script = PythonLocator.repositoryRoot.appendingPathComponent("Tests/PotemkinAWSTests/Support/loopback_server.py").path
  let process = PythonLocator.process([script])
  let stdin = Pipe()
  let stdout = Pipe()
  let stderr = Pipe()
  process.standardInput = stdin
  process.standardOutput = stdout
  process.standardError = stderr

  let exited = AsyncStream<Void>.makeStream()
  process.terminationHandler = { _ in
    exited.continuation.yield()
    exited.continuation.finish()
  }
  do {
    try process.run()
  } catch {
    throw LoopbackServerError(
      description: "Could not start Python \(PythonLocator.interpreter()) for the loopback test server: \(error). "
        + "Install Python 3, run Tools/setup-python, or set POTEMKIN_PYTHON to a Python 3 interpreter.")
  }

  // Pipes are read by plain threads with blocking reads, never on the cooperative pool. They run
  // until EOF, so a chatty server never blocks on a full pipe. Startup may take seconds when many
  // servers start at once through a slow launcher (a pyenv shim), hence the generous timeout.
  let errors = LockedData()
  drain(stderr.fileHandleForReading, into: errors)
  let firstLine = FirstLine()
  let lines = LockedData()
  drain(stdout.fileHandleForReading, into: lines) { firstLine.offer($0) }

  func stop() async {
    // Closing stdin makes the server exit; terminate() covers a server that is stuck.
    try? stdin.fileHandleForWriting.close()
    if process.isRunning { process.terminate() }
    for await _ in exited.stream {}
  }

  let line = await firstLine.wait(upTo: .seconds(30))
  guard let line, let port = Int(line.trimmingCharacters(in: .whitespaces)) else {
    await stop()
    try? await Task.sleep(for: .milliseconds(100))  // let the stderr reader catch up with the exit
    let output = errors.withLock { String(decoding: $0, as: UTF8.self) }
    throw LoopbackServerError(
      description: "The loopback test server did not print its port (got \(line.map { "\"\($0)\"" } ?? "nothing")). "
        + "Its stderr: \(output.isEmpty ? "(empty)" : output). "
        + "Check that Python \(PythonLocator.interpreter()) runs: set POTEMKIN_PYTHON, create .venv with Tools/setup-python, "
        + "or install python3.")
  }
  do {
    let result = try await body(LoopbackServer(port: port))
    await stop()
    return result
  } catch {
    await stop()
    throw error
  }
}

/// Reads `handle` to its end on a dedicated thread, keeping up to 64 KiB, and reports each line-complete prefix.
private func drain(_ handle: FileHandle, into buffer: LockedData, onData: (@Sendable (Data) -> Void)? = nil) {
  Thread.detachNewThread {
    while true {
      let chunk = handle.availableData
      if chunk.isEmpty { break }
      let data = buffer.withLock { data in
        if data.count < 65_536 { data.append(chunk) }
        return data
      }
      onData?(data)
    }
    onData?(Data())
  }
}

/// The first line a pipe delivers, handed to one waiting task; `nil` at end of file or timeout.
private final class FirstLine: Sendable {
  private struct State {
    var line: String??
    var waiter: CheckedContinuation<String?, Never>?
  }

  private let state = Mutex(State())

  /// Takes the pipe's output so far; an empty `data` means end of file.
  func offer(_ data: Data) {
    if data.isEmpty {
      resolve(nil)
    } else if let newline = data.firstIndex(of: UInt8(ascii: "\n")) {
      resolve(String(decoding: data[..<newline], as: UTF8.self))
    }
  }

  /// Waits for the line without blocking a thread, at most `timeout`.
  func wait(upTo timeout: Duration) async -> String? {
    let timer = Task {
      try await Task.sleep(for: timeout)
      self.resolve(nil)
    }
    defer { timer.cancel() }
    return await withCheckedContinuation { continuation in
      let ready: String?? = state.withLock { state in
        if let line = state.line { return line }
        state.waiter = continuation
        return nil
      }
      if let ready { continuation.resume(returning: ready) }
    }
  }

  private func resolve(_ line: String?) {
    let waiter: CheckedContinuation<String?, Never>? = state.withLock { state in
      guard state.line == nil else { return nil }
      state.line = .some(line)
      defer { state.waiter = nil }
      return state.waiter
    }
    waiter?.resume(returning: line)
  }
}

/// Bytes shared between a pipe's reader thread and the test task.
private final class LockedData: Sendable {
  private let data = Mutex(Data())

  func withLock<T: Sendable>(_ body: (inout Data) -> T) -> T {
    data.withLock { body(&$0) }
  }
}
