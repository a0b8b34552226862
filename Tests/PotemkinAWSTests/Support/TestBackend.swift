import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// AWS-compatible servers for integration tests: a shared one started lazily once per test
/// process, and separate ones for tests that change server state (signature checking).
///
/// The shared server is the project's local backend when `Tools/LocalAWS/server.py` and
/// `.venv/bin/python` exist, otherwise a plain `python -m moto.server`. Servers are stopped
/// when the test process exits, and stop by themselves if it dies.
actor TestBackend {
  /// The process-wide shared server.
  static let shared = TestBackend()

  private var starting: Task<TestServer, any Error>?

  /// The shared server, started on first use.
  func server() async throws -> TestServer {
    if let starting { return try await starting.value }
    let task = Task { try await Self.startShared() }
    starting = task
    return try await task.value
  }

  /// The repository root, found from this file's path.
  static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// The Python interpreter: `POTEMKIN_PYTHON`, else `<repo>/.venv/bin/python`, else `python3`.
  static var python: String {
    if let explicit = ProcessInfo.processInfo.environment["POTEMKIN_PYTHON"], !explicit.isEmpty { return explicit }
    let venv = repositoryRoot.appendingPathComponent(".venv/bin/python").path
    if FileManager.default.isExecutableFile(atPath: venv) { return venv }
    return "python3"
  }

  private static func startShared() async throws -> TestServer {
    let server = repositoryRoot.appendingPathComponent("Tools/LocalAWS/server.py").path
    let venv = repositoryRoot.appendingPathComponent(".venv/bin/python").path
    if FileManager.default.fileExists(atPath: server), FileManager.default.isExecutableFile(atPath: venv) {
      return try await TestServer.startLocalBackend(python: venv, script: server)
    }
    return try await TestServer.startMoto()
  }
}

/// One running server process and its endpoint.
final class TestServer: @unchecked Sendable {
  /// The endpoint, e.g. `http://127.0.0.1:53111`.
  let endpoint: URL
  /// Whether this is the project's local backend rather than plain moto.
  let isLocalBackend: Bool
  private let process: Process

  private init(endpoint: URL, isLocalBackend: Bool, process: Process) {
    self.endpoint = endpoint
    self.isLocalBackend = isLocalBackend
    self.process = process
  }

  /// Whether the server process is still running.
  var isRunning: Bool { process.isRunning }

  /// Stops the server.
  /// The test runner's children may inherit an ignored SIGTERM, so servers of our own are killed outright;
  /// the local backend gets SIGTERM and also stops by itself when the test process exits.
  func stop() {
    guard process.isRunning else { return }
    if isLocalBackend {
      process.terminate()
    } else {
      kill(process.processIdentifier, SIGKILL)
    }
  }

  /// Starts `python -m moto.server` on a free loopback port with `environment` added.
  static func startMoto(environment extra: [String: String] = [:]) async throws -> TestServer {
    let python = TestBackend.python
    let port = try freePort()
    // Exit when the test process goes away, even if it crashes before its exit handler runs.
    let script = """
      import os, signal, sys, threading, time
      signal.signal(signal.SIGTERM, signal.SIG_DFL)
      parent = os.getppid()
      def watch():
          while os.getppid() == parent:
              time.sleep(0.5)
          os._exit(0)
      threading.Thread(target=watch, daemon=True).start()
      from moto.server import main
      main(["-H", "127.0.0.1", "-p", "\(port)"])
      """
    let (process, log) = try launch(python, ["-c", script], environment: extra)
    let deadline = Date().addingTimeInterval(30)
    while Date() < deadline {
      if !process.isRunning {
        throw TestBackendError(
          "moto did not start with \(python) (exit status \(process.terminationStatus)): \(tail(log)). "
            + "Install it with `\(python) -m pip install 'moto[server]==5.2.1' boto3`, or run Tools/setup-python "
            + "(or set POTEMKIN_PYTHON to an interpreter that has it).")
      }
      if canConnect(port: port) {
        return TestServer(endpoint: URL(string: "http://127.0.0.1:\(port)")!, isLocalBackend: false, process: process)
      }
      try await Task.sleep(for: .milliseconds(100))
    }
    process.terminate()
    throw TestBackendError("moto did not accept connections on port \(port) within 30 seconds: \(tail(log))")
  }

  /// Starts the project's local backend, which prints `AWS_ENDPOINT_URL=...` once ready.
  static func startLocalBackend(python: String, script: String) async throws -> TestServer {
    try await startAnnouncing(
      python: python, arguments: [script, "--port", "0", "--exit-with-parent"], readyPrefix: "AWS_ENDPOINT_URL=",
      name: "The local backend", isLocalBackend: true)
  }

  /// Starts a Python program that prints `<readyPrefix><url>` on a line of its own once it accepts requests.
  static func startAnnouncing(
    python: String = TestBackend.python, arguments: [String], readyPrefix: String, name: String,
    isLocalBackend: Bool = false
  ) async throws -> TestServer {
    let (process, log) = try launch(python, arguments, environment: [:], killAtExit: !isLocalBackend)
    let deadline = Date().addingTimeInterval(60)
    while Date() < deadline {
      let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
      if let line = output.split(separator: "\n").first(where: { $0.hasPrefix(readyPrefix) }),
        let url = URL(string: String(line.dropFirst(readyPrefix.count)).trimmingCharacters(in: .whitespaces))
      {
        return TestServer(endpoint: url, isLocalBackend: isLocalBackend, process: process)
      }
      if !process.isRunning {
        throw TestBackendError("\(name) exited with status \(process.terminationStatus): \(tail(log))")
      }
      try await Task.sleep(for: .milliseconds(50))
    }
    process.terminate()
    throw TestBackendError("\(name) printed no \(readyPrefix) line within 60 seconds: \(tail(log))")
  }

  /// Runs a Python snippet to completion and returns its standard output.
  static func runPython(_ script: String, environment: [String: String]) async throws -> String {
    let (process, log) = try launch(TestBackend.python, ["-c", script], environment: environment, separateStderr: true)
    while process.isRunning { try await Task.sleep(for: .milliseconds(50)) }
    let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
    guard process.terminationStatus == 0 else {
      let errors = (try? String(contentsOf: log.appendingPathExtension("err"), encoding: .utf8)) ?? ""
      throw TestBackendError(
        "\(TestBackend.python) failed (status \(process.terminationStatus)): \(errors.suffix(600)). "
          + "It needs boto3 (`\(TestBackend.python) -m pip install boto3`).")
    }
    return output
  }

  private static func launch(
    _ executable: String, _ arguments: [String], environment extra: [String: String], separateStderr: Bool = false,
    killAtExit: Bool = true
  ) throws -> (Process, URL) {
    let log = FileManager.default.temporaryDirectory.appendingPathComponent("potemkin-test-\(UUID().uuidString).log")
    _ = FileManager.default.createFile(atPath: log.path, contents: nil)
    let process = Process()
    if executable.contains("/") {
      process.executableURL = URL(fileURLWithPath: executable)
      process.arguments = arguments
    } else {
      process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      process.arguments = [executable] + arguments
    }
    var environment = ProcessInfo.processInfo.environment
    environment.merge(extra) { $1 }
    environment["PYTHONUNBUFFERED"] = "1"
    process.environment = environment
    let output = try FileHandle(forWritingTo: log)
    process.standardOutput = output
    if separateStderr {
      let errorLog = log.appendingPathExtension("err")
      _ = FileManager.default.createFile(atPath: errorLog.path, contents: nil)
      process.standardError = try FileHandle(forWritingTo: errorLog)
    } else {
      process.standardError = output
    }
    process.standardInput = FileHandle.nullDevice
    do {
      try process.run()
    } catch {
      throw TestBackendError("Could not run \(executable): \(error). Install Python 3 or set POTEMKIN_PYTHON.")
    }
    ProcessRegistry.add(process, kill: killAtExit)
    return (process, log)
  }

  private static func tail(_ log: URL) -> String {
    let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
    return text.isEmpty ? "(no output)" : String(text.suffix(600))
  }

  private static func freePort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw TestBackendError("socket() failed") }
    defer { close(fd) }
    var address = loopback(port: 0)
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard bound == 0 else { throw TestBackendError("bind() failed") }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    return Int(UInt16(bigEndian: address.sin_port))
  }

  private static func canConnect(port: Int) -> Bool {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    var address = loopback(port: port)
    return withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    } == 0
  }

  private static func loopback(port: Int) -> sockaddr_in {
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = UInt16(port).bigEndian
    address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
    return address
  }
}

/// Stops every started server when the test process exits.
enum ProcessRegistry {
  private static let lock = NSLock()
  nonisolated(unsafe) private static var processes: [(process: Process, kill: Bool)] = []
  nonisolated(unsafe) private static var registered = false

  /// Registers `process`; with `kill`, it gets SIGKILL at exit, otherwise SIGTERM only.
  static func add(_ process: Process, kill: Bool) {
    lock.withLock {
      processes.append((process, kill))
      if !registered {
        registered = true
        atexit { ProcessRegistry.terminateAll() }
      }
    }
  }

  static func terminateAll() {
    lock.withLock {
      for (process, hard) in processes where process.isRunning {
        process.terminate()
        if hard { kill(process.processIdentifier, SIGKILL) }
      }
    }
  }
}

/// A test prerequisite that is missing or broken, with what to do about it.
struct TestBackendError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}
