import Foundation
import PotemkinAWS

/// A running local AWS backend (`Tools/LocalAWS/server.py`, moto based), started as a child process.
///
/// `start(options:)` runs `Tools/setup-python` (a no-op once set up), launches the server with
/// `--exit-with-parent`, and returns once it accepts requests. The child is also stopped when this
/// process exits. `LocalBackend.shared()` is the one backend of a process run with `POTEMKIN_BACKEND=local`.
public final class LocalBackend: Sendable {
  /// How to start a backend.
  public typealias Options = LocalBackendOptions

  /// The endpoint every AWS client should use, e.g. `http://127.0.0.1:50123`.
  public let endpoint: URL
  /// The options it was started with.
  public let options: LocalBackendOptions
  private let child: ChildProcess

  private init(endpoint: URL, options: LocalBackendOptions, child: ChildProcess) {
    self.endpoint = endpoint
    self.options = options
    self.child = child
  }

  /// The process id of the backend.
  public var processIdentifier: Int32 { child.pid }

  /// Starts a backend and waits until it accepts requests.
  /// - Parameters:
  ///   - options: Latency, faults and other server options.
  ///   - environment: Read for `POTEMKIN_HOME` and `POTEMKIN_PYTHON`; passed on to the server.
  ///   - forwardLogs: Whether the server's stderr is copied to this process's stderr.
  /// - Throws: `LocalBackendError` with the server's last messages when it fails to start.
  public static func start(
    options: LocalBackendOptions = LocalBackendOptions(),
    environment: [String: String] = ProcessInfo.processInfo.environment,
    forwardLogs: Bool = false
  ) async throws -> LocalBackend {
    let home = try RepositoryLocator.locate(environment: environment)
    let python = try await PythonEnvironment.interpreter(home: home, environment: environment)
    var childEnvironment = environment
    childEnvironment["PYTHONUNBUFFERED"] = "1"
    for key in childEnvironment.keys where key.hasPrefix("AWS_ENDPOINT_URL") { childEnvironment[key] = nil }
    let server = home.appendingPathComponent(RepositoryLocator.marker).path
    let child = ChildProcess(
      executable: python, arguments: [server] + options.arguments, environment: childEnvironment,
      forwardStderr: forwardLogs)
    do {
      try child.launch()
    } catch {
      throw LocalBackendError.launchFailed("\(python.path) \(server): \(error)")
    }
    let line = try await withThrowingTaskGroup(of: String?.self) { group in
      group.addTask { await child.line(startingWith: "AWS_ENDPOINT_URL=") }
      group.addTask {
        try await Task.sleep(for: options.startTimeout)
        return nil
      }
      defer { group.cancelAll() }
      return try await group.next() ?? nil
    }
    guard let line else {
      let tail = child.stderrTail
      if let status = child.exitStatus { throw LocalBackendError.exited(status: status, stderr: tail) }
      child.send(SIGKILL)
      throw LocalBackendError.startTimeout(seconds: options.startTimeout.inSeconds, stderr: tail)
    }
    let text = String(line.dropFirst("AWS_ENDPOINT_URL=".count)).trimmingCharacters(in: .whitespaces)
    guard let url = URL(string: text), url.host != nil else {
      child.send(SIGKILL)
      throw LocalBackendError.badResponse("printed \(line)")
    }
    return LocalBackend(endpoint: url, options: options, child: child)
  }

  /// The call statistics (`GET /_potemkin/stats`).
  public func stats() async throws -> LocalBackendStats {
    let data = try await request("GET", "/_potemkin/stats")
    do {
      return try JSONDecoder().decode(LocalBackendStats.self, from: data)
    } catch {
      throw LocalBackendError.badResponse("stats are not JSON: \(String(decoding: data.prefix(200), as: UTF8.self))")
    }
  }

  /// Resets the call statistics (`POST /_potemkin/stats/reset`).
  public func resetStats() async throws {
    _ = try await request("POST", "/_potemkin/stats/reset")
  }

  /// Stops the backend (SIGTERM, then SIGKILL after five seconds) and waits for it to exit.
  public func stop() async {
    child.send(SIGTERM)
    let child = self.child
    let killer = Task {
      try await Task.sleep(for: .seconds(5))
      child.send(SIGKILL)
    }
    _ = await child.waitForExit()
    killer.cancel()
  }

  /// Whether the backend process has exited.
  public var hasExited: Bool { child.exitStatus != nil }

  /// The last messages the backend wrote to stderr.
  public var recentLogs: String { child.stderrTail }

  private func request(_ method: String, _ path: String) async throws -> Data {
    let url = endpoint.appendingPathComponent(String(path.dropFirst()))
    let response = try await CurlTransport.shared.send(HTTPRequest(method: method, url: url), timeout: .seconds(10))
    guard (200..<300).contains(response.status) else {
      throw LocalBackendError.badResponse(
        "\(method) \(path): HTTP \(response.status) \(String(decoding: response.body.prefix(200), as: UTF8.self))")
    }
    return response.body
  }

  /// Runs a backend in the foreground (for `potemkin local`): prints `AWS_ENDPOINT_URL=...` on stdout,
  /// copies the server's logs to stderr, stops it on SIGINT or SIGTERM, and returns its exit status.
  public static func run(options: LocalBackendOptions) async throws -> Int32 {
    let backend = try await start(options: options, forwardLogs: true)
    FileHandle.standardOutput.write(Data("AWS_ENDPOINT_URL=\(backend.endpoint.absoluteString)\n".utf8))
    let forwarder = SignalForwarder(signals: [SIGINT, SIGTERM]) { _ in backend.child.send(SIGTERM) }
    defer { forwarder.cancel() }
    return await backend.child.waitForExit()
  }

  private static let sharedStarter = SharedStarter()

  /// The backend of this process for `POTEMKIN_BACKEND=local`, started on first use and stopped at exit.
  ///
  /// `POTEMKIN_LOCAL_OPTIONS` holds extra `server.py` arguments, e.g. `--stack-delay 1 --eval-delay 1`.
  public static func shared(environment: [String: String] = ProcessInfo.processInfo.environment) async throws
    -> LocalBackend
  {
    try await sharedStarter.backend(environment: environment)
  }

  private actor SharedStarter {
    private var task: Task<LocalBackend, any Error>?

    func backend(environment: [String: String]) async throws -> LocalBackend {
      if let task, let backend = try? await task.value, !backend.hasExited { return backend }
      var options = LocalBackendOptions()
      options.extraArguments = (environment["POTEMKIN_LOCAL_OPTIONS"] ?? "").split(separator: " ").map(String.init)
      let task = Task { try await LocalBackend.start(options: options, environment: environment) }
      self.task = task
      return try await task.value
    }
  }
}
