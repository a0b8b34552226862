/// One line of `potemkin doctor`: what was checked, what was found, and the fix when something is wrong.
public struct DoctorCheck: Sendable, Hashable, CustomStringConvertible {
  /// Whether a check passed.
  public enum Status: String, Sendable, Hashable, Codable {
    /// Fine.
    case passed
    /// Missing or broken: tests would fail or hang.
    case failed
    /// Worth knowing, not blocking.
    case warning
  }

  /// The outcome.
  public var status: Status
  /// What was checked, e.g. `Config recorder`.
  public var title: String
  /// What was found.
  public var detail: String
  /// What to do about a failed check or warning.
  public var fix: String?

  /// Creates a check line.
  public init(_ status: Status, _ title: String, _ detail: String, fix: String? = nil) {
    self.status = status
    self.title = title
    self.detail = detail
    self.fix = fix
  }

  /// `✔ Title: detail`, `✘ Title: detail` then `  → fix`.
  public var description: String {
    let mark = switch status {
    case .passed: "✔"
    case .failed: "✘"
    case .warning: "!"
    }
    var text = "\(mark) \(title): \(detail)"
    if let fix, status != .passed { text += "\n    → \(fix)" }
    return text
  }
}

/// Every check of one `potemkin doctor` run.
public struct DoctorReport: Sendable, Hashable, CustomStringConvertible {
  /// The checks in the order they ran.
  public var checks: [DoctorCheck]

  /// Creates a report.
  public init(checks: [DoctorCheck] = []) { self.checks = checks }

  /// Whether nothing failed (warnings allowed).
  public var isHealthy: Bool { !checks.contains { $0.status == .failed } }

  /// The lines and a closing summary.
  public var description: String {
    let failed = checks.filter { $0.status == .failed }.count
    let summary = failed == 0
      ? "Ready: every check passed."
      : "\(failed) check\(failed == 1 ? "" : "s") failed; fix the ✘ lines above and run potemkin doctor again."
    return (checks.map(\.description) + ["", summary]).joined(separator: "\n")
  }
}
