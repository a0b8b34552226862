import Foundation
import Testing

@testable import PotemkinAWS

/// Paths and the Python interpreter for the credential tests.
enum CredentialTestSupport {
  /// The repository root, found from this file's path.
  static var repoRoot: URL { PythonLocator.repositoryRoot }

  /// A file under `Tests/PotemkinAWSTests/Fixtures/Credentials`.
  static func fixture(_ name: String) -> String {
    repoRoot.appendingPathComponent("Tests/PotemkinAWSTests/Fixtures/Credentials/\(name)").path
  }

  /// The real `PATH`, so child processes can find interpreters; nothing else of the real environment leaks in.
  static var path: String { ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin" }
}

/// A temporary HOME with `.aws` files, deleted by `remove()`.
struct TemporaryHome {
  let url: URL

  init() throws {
    url = FileManager.default.temporaryDirectory.appendingPathComponent("potemkin-home-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url.appendingPathComponent(".aws"), withIntermediateDirectories: true)
  }

  var path: String { url.path }

  /// An environment with only HOME, PATH and IMDS disabled (so nothing reaches the real network or ~/.aws).
  var environment: [String: String] {
    ["HOME": path, "PATH": CredentialTestSupport.path, "AWS_EC2_METADATA_DISABLED": "true"]
  }

  /// Writes `text` to `relativePath` under HOME, creating folders.
  @discardableResult
  func write(_ relativePath: String, _ text: String, executable: Bool = false) throws -> String {
    let file = url.appendingPathComponent(relativePath)
    try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
    try text.write(to: file, atomically: true, encoding: .utf8)
    if executable { try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: file.path) }
    return file.path
  }

  func config(_ text: String) throws { try write(".aws/config", text) }
  func credentials(_ text: String) throws { try write(".aws/credentials", text) }

  func remove() { try? FileManager.default.removeItem(at: url) }
}

/// The loopback metadata server (`Fixtures/Credentials/metadata_server.py`) in a child process.
final class MetadataServer: Sendable {
  let process: Process
  let port: Int
  /// The server's stdin; the server exits when it closes (in `stop()` or when this process dies).
  let lifeline: Pipe

  var baseURL: String { "http://127.0.0.1:\(port)" }

  /// Starts the server with extra `arguments`; fails the test with an install hint when Python is missing.
  static func start(_ arguments: [String] = []) async throws -> MetadataServer {
    try await withCheckedThrowingContinuation { continuation in
      Thread {
        continuation.resume(with: Result { try MetadataServer(arguments) })
      }.start()
    }
  }

  private init(_ arguments: [String]) throws {
    let process = PythonLocator.process([CredentialTestSupport.fixture("metadata_server.py")] + arguments)
    let output = Pipe()
    let lifeline = Pipe()
    process.standardInput = lifeline
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    var line = Data()
    while true {
      let byte = output.fileHandleForReading.readData(ofLength: 1)
      if byte.isEmpty || byte == Data("\n".utf8) { break }
      line.append(byte)
    }
    let text = String(decoding: line, as: UTF8.self)
    guard text.hasPrefix("PORT "), let port = Int(text.dropFirst(5)) else {
      process.terminate()
      throw TestSupportError(
        "The metadata test server did not start (python: \(PythonLocator.interpreter())). "
          + "Install Python 3 or set POTEMKIN_PYTHON to an interpreter.")
    }
    self.process = process
    self.port = port
    self.lifeline = lifeline
  }

  /// Request counts per `METHOD path` and the number of credentials issued.
  func stats(transport: any HTTPTransport) async throws -> (counts: [String: Int], issued: Int) {
    let response = try await transport.send(HTTPRequest(method: "GET", url: URL(string: baseURL + "/_stats")!), timeout: .seconds(5))
    let json = try #require(try JSONSerialization.jsonObject(with: response.body) as? [String: Any])
    return (json["counts"] as? [String: Int] ?? [:], json["issued"] as? Int ?? -1)
  }

  /// Stops the server without waiting (SIGKILL: Swift test processes may pass on a mask blocking SIGTERM).
  func stop() {
    try? lifeline.fileHandleForWriting.close()
    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
  }

  deinit {
    stop()
  }
}

struct TestSupportError: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}
