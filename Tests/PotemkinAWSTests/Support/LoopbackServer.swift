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

  /// The repository root, found from this file's location.
  static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// The Python to run test servers with: `POTEMKIN_PYTHON`, else `.venv/bin/python`, else `python3`.
  static func pythonCommand() -> [String] {
    if let python = ProcessInfo.processInfo.environment["POTEMKIN_PYTHON"], !python.isEmpty { return [python] }
    let venv = repositoryRoot.appendingPathComponent(".venv/bin/python").path
    if FileManager.default.isExecutableFile(atPath: venv) { return [venv] }
    return ["/usr/bin/env", "python3"]
  }
}

/// A problem starting the loopback server, with what to do about it.
struct LoopbackServerError: Error, CustomStringConvertible {
  let description: String
}

/// Starts the loopback server, runs `body` with it, and stops it whatever `body` does.
func withLoopbackServer<T>(_ body: (LoopbackServer) async throws -> T) async throws -> T {
  let process = Process()
  let command = LoopbackServer.pythonCommand()
  let script = LoopbackServer.repositoryRoot.appendingPathComponent("Tests/PotemkinAWSTests/Support/loopback_server.py").path
  process.executableURL = URL(fileURLWithPath: command[0])
  process.arguments = Array(command.dropFirst()) + [script]
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
      description: "Could not start \(command.joined(separator: " ")) for the loopback test server: \(error). "
        + "Install Python 3 or set POTEMKIN_PYTHON to a Python 3 interpreter.")
  }

  // Drain stderr as it comes so a chatty server never blocks on a full pipe.
  let errors = LockedData()
  stderr.fileHandleForReading.readabilityHandler = { handle in
    let chunk = handle.availableData
    if chunk.isEmpty { handle.readabilityHandler = nil; return }
    errors.withLock { if $0.count < 65_536 { $0.append(chunk) } }
  }

  func stop() async {
    // Closing stdin makes the server exit; terminate() covers a server that is stuck.
    try? stdin.fileHandleForWriting.close()
    if process.isRunning { process.terminate() }
    for await _ in exited.stream {}
    stdout.fileHandleForReading.readabilityHandler = nil
    stderr.fileHandleForReading.readabilityHandler = nil
  }

  let firstLine = await readFirstLine(from: stdout)
  guard let firstLine, let port = Int(firstLine.trimmingCharacters(in: .whitespaces)) else {
    await stop()
    let output = errors.withLock { String(decoding: $0, as: UTF8.self) }
    throw LoopbackServerError(
      description: "The loopback test server did not print its port (got \(firstLine.map { "\"\($0)\"" } ?? "nothing")). "
        + "Its stderr: \(output.isEmpty ? "(empty)" : output). "
        + "Check that Python 3 runs: set POTEMKIN_PYTHON, create .venv with Tools/setup-python, or install python3.")
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

/// Waits (without blocking a thread) for the first line of `stdout`, for at most 10 s.
private func readFirstLine(from stdout: Pipe) async -> String? {
  let (lines, continuation) = AsyncStream<String?>.makeStream()
  let buffer = LockedData()
  stdout.fileHandleForReading.readabilityHandler = { handle in
    let chunk = handle.availableData
    if chunk.isEmpty {
      handle.readabilityHandler = nil
      continuation.finish()
      return
    }
    let line: String? = buffer.withLock { data in
      data.append(chunk)
      guard let newline = data.firstIndex(of: UInt8(ascii: "\n")) else { return nil }
      return String(decoding: data[..<newline], as: UTF8.self)
    }
    if let line {
      handle.readabilityHandler = nil
      continuation.yield(line)
      continuation.finish()
    }
  }
  let timeout = Task {
    try await Task.sleep(for: .seconds(10))
    continuation.finish()
  }
  defer { timeout.cancel() }
  for await line in lines { return line }
  return nil
}

/// Bytes shared between a pipe's readability handler and the test task.
private final class LockedData: Sendable {
  private let data = Mutex(Data())

  func withLock<T: Sendable>(_ body: (inout Data) -> T) -> T {
    data.withLock { body(&$0) }
  }
}
