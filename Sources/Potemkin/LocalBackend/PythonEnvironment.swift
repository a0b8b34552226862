import Foundation

/// Chooses the Python interpreter for the local backend, setting up `<repo>/.venv` when needed.
enum PythonEnvironment {
  /// `POTEMKIN_PYTHON` when set; otherwise runs `Tools/setup-python` (progress on stderr; a quick no-op once done)
  /// and returns `<repo>/.venv/bin/python`.
  static func interpreter(home: URL, environment: [String: String]) async throws -> URL {
    if let python = environment["POTEMKIN_PYTHON"], !python.isEmpty {
      return try executable(python, environment: environment)
    }
    let script = home.appendingPathComponent("Tools/setup-python")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = [script.path]
    process.environment = environment
    process.standardInput = FileHandle.nullDevice
    process.standardError = FileHandle.standardError
    let status: Int32 = try await withCheckedThrowingContinuation { continuation in
      process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
      do {
        try process.run()
      } catch {
        process.terminationHandler = nil
        continuation.resume(throwing: LocalBackendError.launchFailed("\(script.path): \(error)"))
      }
    }
    guard status == 0 else { throw LocalBackendError.setupFailed(status: status) }
    return home.appendingPathComponent(".venv/bin/python")
  }

  /// `name` as an executable URL: a path as given, a bare name looked up in `PATH`.
  static func executable(_ name: String, environment: [String: String]) throws -> URL {
    if name.contains("/") { return URL(fileURLWithPath: name) }
    for directory in (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
      let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent(name)
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
    }
    throw LocalBackendError.launchFailed("POTEMKIN_PYTHON=\(name) is not on PATH.")
  }
}
