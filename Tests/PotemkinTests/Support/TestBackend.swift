import Foundation
import Potemkin
import Testing

/// Starts local backends for tests through the real launcher; a failure to start fails the test with the reason.
enum TestBackend {
  static func start(_ options: LocalBackendOptions = LocalBackendOptions()) async throws -> LocalBackend {
    do {
      return try await LocalBackend.start(options: options)
    } catch {
      Issue.record(
        """
        The local backend did not start: \(error)
        Run Tools/setup-python (needs Python 3.10+ and PyPI), or set POTEMKIN_PYTHON to an interpreter \
        with moto[server,cloudformation], boto3 and cfn-lint installed.
        """)
      throw error
    }
  }

  /// Starts a backend, runs `body`, and stops the backend.
  static func with<T>(
    _ options: LocalBackendOptions = LocalBackendOptions(), _ body: (LocalBackend) async throws -> T
  ) async throws -> T {
    let backend = try await start(options)
    do {
      let result = try await body(backend)
      await backend.stop()
      return result
    } catch {
      await backend.stop()
      throw error
    }
  }
}
