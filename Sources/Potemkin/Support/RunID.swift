import Foundation

/// The id of one process's test run: a sortable UTC time plus a random suffix, e.g. `p20261126t1405-7k3q`.
///
/// Only lowercase letters, digits and hyphens, so it fits in stack names and S3 bucket names.
/// Every stack a process creates is tagged `potemkin:run-id` with it. `POTEMKIN_RUN_ID` overrides it
/// (for example when a parent process wants to find what a child created).
public struct RunID: Sendable, Hashable, CustomStringConvertible {
  /// The id text.
  public let value: String

  /// Creates a run id from `value`, or returns `nil` when it is not 3–40 lowercase letters, digits or hyphens
  /// starting with a letter.
  public init?(_ value: String) {
    guard Self.isValid(value) else { return nil }
    self.value = value
  }

  /// Creates a fresh run id for `date`.
  public static func generate(date: Date = Date()) -> RunID {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
    func two(_ number: Int?) -> String { String(format: "%02d", number ?? 0) }
    let alphabet = Array("0123456789abcdefghijklmnopqrstuvwxyz")
    let suffix = String((0..<4).map { _ in alphabet.randomElement()! })
    let text = "p\(String(format: "%04d", parts.year ?? 0))\(two(parts.month))\(two(parts.day))"
      + "t\(two(parts.hour))\(two(parts.minute))-\(suffix)"
    return RunID(text)!
  }

  /// The run id of this process: `POTEMKIN_RUN_ID` when it is valid, otherwise generated once at first use.
  public static let current: RunID = {
    if let given = ProcessInfo.processInfo.environment["POTEMKIN_RUN_ID"], let id = RunID(given) { return id }
    return generate()
  }()

  /// Whether `value` is usable as a run id.
  public static func isValid(_ value: String) -> Bool {
    guard (3...40).contains(value.count), let first = value.first, first.isASCII, first.isLetter, first.isLowercase
    else { return false }
    return value.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" } && !value.hasSuffix("-")
  }

  public var description: String { value }
}
