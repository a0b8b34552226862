import Foundation

/// Reads a point in time from a command line: an ISO 8601 timestamp, a Unix time, or a duration ago (`10m`).
public enum PointInTime {
  /// Parses `text` relative to `now`.
  ///
  /// Accepts `2026-11-26T14:00:00Z` (with or without fractional seconds or a zone offset),
  /// `1764165600` (seconds since 1970), `10m` / `2h` / `1h30m` (that long before `now`), and `now`.
  /// - Returns: The time, or `nil` when `text` is none of those.
  public static func parse(_ text: String, now: Date = Date()) -> Date? {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    if trimmed.lowercased() == "now" { return now }
    for options: ISO8601DateFormatter.Options in [
      [.withInternetDateTime], [.withInternetDateTime, .withFractionalSeconds],
    ] {
      let formatter = ISO8601DateFormatter()
      formatter.formatOptions = options
      if let date = formatter.date(from: trimmed) { return date }
    }
    if trimmed.count >= 9, let seconds = Double(trimmed) { return Date(timeIntervalSince1970: seconds) }
    if let ago = HumanDuration.parse(trimmed), trimmed.contains(where: \.isLetter) {
      return now.addingTimeInterval(-Double(ago.components.seconds))
    }
    return nil
  }

  /// The sentence shown when a time does not parse.
  public static let formatHelp =
    "Use an ISO 8601 time like 2026-11-26T14:00:00Z, a Unix time in seconds, or a duration ago like 10m or 2h."
}
