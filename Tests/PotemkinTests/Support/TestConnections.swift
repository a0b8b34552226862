import Foundation
import Testing

@testable import Potemkin

/// Backends shared by the tests of this process, one per option set, started on first use.
enum SharedBackends {
  /// Stacks take one second per phase.
  static let delayed = Task { try await LocalBackend.start(options: LocalBackendOptions(stackDelay: 1)) }

  static func delayedConnection() async throws -> (LocalBackend, AWSConnection) {
    let backend: LocalBackend
    do {
      backend = try await delayed.value
    } catch {
      Issue.record("The local backend did not start: \(error). Run Tools/setup-python or set POTEMKIN_PYTHON.")
      throw error
    }
    return (backend, try await AWSConnection.local(backend))
  }
}

extension AWSConnection {
  /// Stacks whose name contains `fragment` and that are not DELETE_COMPLETE.
  ///
  /// Retried like the engine's own calls: against a backend that throttles 30 % of calls, the
  /// client's three attempts all fail about once in 37 checks.
  func liveStacks(containing fragment: String) async throws -> [String] {
    let cloudFormation = self.cloudFormation
    return try await AWSRetry.call { try await cloudFormation.allStacks() }
      .filter { $0.name.contains(fragment) && $0.status.rawValue != "DELETE_COMPLETE" }
      .map { "\($0.name) \($0.status.rawValue)" }
  }
}
