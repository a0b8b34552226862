import Foundation
import PotemkinAWS
import Synchronization

/// Every stack this process is creating or holds, so SIGINT/SIGTERM can delete them before exiting.
///
/// A stack is registered before its CreateStack call, so one whose creation was interrupted midway is
/// deleted too (by name). Registering installs the signal handlers once; while a cleanup runs, new
/// registrations are refused.
public final class LiveStackRegistry: Sendable {
  struct Entry: Sendable {
    var name: String
    var connection: AWSConnection
    var createCallInFlight: Bool
  }

  private struct State {
    var entries: [UInt64: Entry] = [:]
    var nextToken: UInt64 = 0
    var shuttingDown = false
    var forwarder: SignalForwarder?
  }

  private let state = Mutex(State())

  /// The registry of this process.
  public static let shared = LiveStackRegistry()

  /// How long the signal cleanup may take before the process exits anyway.
  public static let cleanupLimit: Duration = .seconds(60)

  /// The names of the stacks registered now.
  public var liveStackNames: [String] { state.withLock { $0.entries.values.map(\.name).sorted() } }

  /// Registers a stack about to be created; returns a token, or throws when the process is shutting down.
  func register(name: String, connection: AWSConnection) throws -> UInt64 {
    let token: UInt64? = state.withLock { state in
      guard !state.shuttingDown else { return nil }
      state.nextToken += 1
      state.entries[state.nextToken] = Entry(name: name, connection: connection, createCallInFlight: true)
      if state.forwarder == nil {
        state.forwarder = SignalForwarder(signals: [SIGINT, SIGTERM]) { number in
          LiveStackRegistry.shared.signalled(number)
        }
      }
      return state.nextToken
    }
    guard let token else { throw StackError.interrupted(stack: name) }
    return token
  }

  /// Records that the CreateStack call returned (either way).
  func createCallFinished(_ token: UInt64) {
    state.withLock { $0.entries[token]?.createCallInFlight = false }
  }

  /// Forgets a stack (deleted, or kept on purpose).
  func unregister(_ token: UInt64) {
    _ = state.withLock { $0.entries.removeValue(forKey: token) }
  }

  /// Forgets the stack named `name`.
  func unregister(name: String) {
    state.withLock { state in
      for (token, entry) in state.entries where entry.name == name { state.entries[token] = nil }
    }
  }

  /// Whether a signal cleanup is running.
  public var isShuttingDown: Bool { state.withLock { $0.shuttingDown } }

  /// While a signal cleanup runs, never returns (the process exits when the cleanup ends), so callers do not
  /// act on errors caused by the cleanup deleting their stacks.
  func parkIfShuttingDown() async {
    while isShuttingDown {
      try? await Task.sleep(for: .seconds(1))
    }
  }

  private func signalled(_ number: Int32) {
    let first = state.withLock { state -> Bool in
      defer { state.shuttingDown = true }
      return !state.shuttingDown
    }
    let code = 128 + number
    guard first else {
      ProgressReporter.note("second signal: exiting now without waiting for stack deletion")
      exit(code)
    }
    // A hard limit, whatever happens to the cooperative pool.
    DispatchQueue.global().asyncAfter(deadline: .now() + Self.cleanupLimit.inSeconds + 5) {
      ProgressReporter.note("stack cleanup took too long: exiting; find leftovers by tag potemkin:run-id=\(RunID.current)")
      exit(code)
    }
    Task.detached {
      await self.deleteAll(reason: number == SIGINT ? "SIGINT" : "SIGTERM")
      exit(code)
    }
  }

  /// Deletes every registered stack, in parallel, within `cleanupLimit`.
  func deleteAll(reason: String) async {
    let entries = state.withLock { Array($0.entries) }
    guard !entries.isEmpty else { return }
    ProgressReporter.note(
      "\(reason): deleting \(entries.count) stack(s) of run \(RunID.current) before exiting: "
        + entries.map(\.value.name).sorted().joined(separator: ", "))
    let clock = ContinuousClock()
    let deadline = clock.now + Self.cleanupLimit
    await withTaskGroup(of: Void.self) { group in
      for (token, entry) in entries {
        group.addTask {
          // Let an in-flight CreateStack return first, so the delete finds the stack.
          while self.state.withLock({ $0.entries[token]?.createCallInFlight ?? false }), clock.now < deadline - .seconds(30) {
            try? await Task.sleep(for: .milliseconds(100))
          }
          let lifecycle = StackLifecycle(connection: entry.connection, stackName: entry.name)
          let progress = ProgressReporter(label: entry.name, threshold: .zero)
          do {
            try await lifecycle.delete(timeout: max(.seconds(1), deadline - clock.now), progress: progress)
            ProgressReporter.note("\(entry.name): deleted")
          } catch {
            ProgressReporter.note("\(entry.name): could not delete: \(error)")
          }
        }
      }
    }
  }
}
