import Foundation
import PotemkinAWS
import Synchronization

/// Progress lines on standard error for one long wait, e.g.
/// `[potemkin] all-three-buckets-p20261126t1405-7k3q: KmsBucket CREATE_COMPLETE (4.2 s)`.
///
/// Quiet for short waits: lines are held back until the wait has lasted `threshold`
/// (3 s by default), then the held lines and every later one are printed with the elapsed time.
/// `POTEMKIN_PROGRESS=0` silences all progress.
public final class ProgressReporter: Sendable {
  private struct State {
    var held: [(String, Duration)] = []
    var showing = false
  }

  /// What the lines are about, e.g. the stack name.
  public let label: String
  /// How long a wait lasts before its lines are shown.
  public let threshold: Duration
  private let start: ContinuousClock.Instant
  private let sink: @Sendable (String) -> Void
  private let enabled: Bool
  private let state = Mutex(State())

  /// Creates a reporter for a wait that starts now.
  /// - Parameters:
  ///   - label: The prefix after `[potemkin]`.
  ///   - threshold: How long to stay quiet.
  ///   - environment: Read for `POTEMKIN_PROGRESS`.
  ///   - sink: Where lines go; standard error by default.
  public init(
    label: String, threshold: Duration = .seconds(3),
    environment: [String: String] = ProcessInfo.processInfo.environment,
    sink: @escaping @Sendable (String) -> Void = ProgressReporter.standardError
  ) {
    self.label = label
    self.threshold = threshold
    self.start = ContinuousClock.now
    self.sink = sink
    self.enabled = !["0", "false", "no", "off"].contains(environment["POTEMKIN_PROGRESS"]?.lowercased() ?? "")
  }

  /// The time since the wait started.
  public var elapsed: Duration { ContinuousClock.now - start }

  /// Reports one step, e.g. `KmsBucket CREATE_COMPLETE`.
  public func report(_ message: String) {
    guard enabled else { return }
    let now = elapsed
    let lines: [(String, Duration)] = state.withLock { state in
      state.held.append((message, now))
      guard state.showing || now >= threshold else { return [] }
      state.showing = true
      defer { state.held.removeAll() }
      return state.held
    }
    for (text, at) in lines { sink(format(text, at)) }
  }

  /// Called on each poll: once the wait is long enough, prints what was held back.
  public func tick() {
    guard enabled else { return }
    let now = elapsed
    let lines: [(String, Duration)] = state.withLock { state in
      guard !state.showing, now >= threshold else { return [] }
      state.showing = true
      defer { state.held.removeAll() }
      return state.held.isEmpty ? [("waiting", now)] : state.held
    }
    for (text, at) in lines { sink(format(text, at)) }
  }

  /// Whether lines are being shown (the wait passed the threshold).
  public var isShowing: Bool { state.withLock { $0.showing } }

  private func format(_ message: String, _ at: Duration) -> String {
    "[potemkin] \(label): \(message) (\(String(format: "%.1f", at.inSeconds)) s)"
  }

  /// Writes `line` and a newline to standard error.
  public static let standardError: @Sendable (String) -> Void = { line in
    FileHandle.standardError.write(Data((line + "\n").utf8))
  }

  /// Writes `[potemkin] message` to standard error at once (for teardown notes and signal cleanup).
  public static func note(_ message: String) {
    standardError("[potemkin] \(message)")
  }
}
