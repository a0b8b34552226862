import Foundation

/// Reads and writes durations the way people type them on a command line: `90s`, `15m`, `2h`, `1h30m`, `1d`.
public enum HumanDuration {
  /// The units a duration may use, longest suffix first so `ms` wins over `m` and `s`.
  private static let units: [(suffix: String, seconds: Double)] = [
    ("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600), ("d", 86_400), ("w", 604_800),
  ]

  /// Parses `text` such as `90s`, `2h`, `1h30m`, `500ms` or a bare number of seconds (`45`, `1.5`).
  /// - Returns: The duration, or `nil` when `text` is empty, negative or uses an unknown unit.
  public static func parse(_ text: String) -> Duration? {
    let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
    guard !trimmed.isEmpty else { return nil }
    if let seconds = Double(trimmed) {
      return seconds >= 0 && seconds.isFinite ? .milliseconds(Int64((seconds * 1000).rounded())) : nil
    }
    var total = 0.0
    var rest = Substring(trimmed)
    while !rest.isEmpty {
      let number = rest.prefix { $0.isNumber || $0 == "." }
      guard !number.isEmpty, let value = Double(number) else { return nil }
      rest = rest.dropFirst(number.count)
      let suffix = rest.prefix { $0.isLetter }
      guard let unit = units.first(where: { $0.suffix == suffix }) else { return nil }
      rest = rest.dropFirst(suffix.count)
      total += value * unit.seconds
    }
    return .milliseconds(Int64((total * 1000).rounded()))
  }

  /// Formats `duration` compactly for tables and messages: `45s`, `12m`, `2h 5m`, `3d 4h`.
  public static func format(_ duration: Duration) -> String {
    let seconds = max(0, Int(duration.components.seconds))
    if seconds < 60 { return "\(seconds)s" }
    if seconds < 3600 { return "\(seconds / 60)m" }
    if seconds < 86_400 {
      let minutes = (seconds % 3600) / 60
      return minutes == 0 ? "\(seconds / 3600)h" : "\(seconds / 3600)h \(minutes)m"
    }
    let hours = (seconds % 86_400) / 3600
    return hours == 0 ? "\(seconds / 86_400)d" : "\(seconds / 86_400)d \(hours)h"
  }

  /// The sentence shown when a duration does not parse.
  public static let formatHelp = "Use a number with a unit, like 90s, 15m, 2h, 1h30m or 1d (a bare number is seconds)."
}
