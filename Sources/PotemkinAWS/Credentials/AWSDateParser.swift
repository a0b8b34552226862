import Foundation

/// Parses the timestamps AWS credential sources return.
enum AWSDateParser {
  /// Parses ISO 8601 with or without fractional seconds (`2026-11-26T14:00:00Z`, `...00.123Z`, `+00:00`).
  static func parse(_ text: String) -> Date? {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    let plain = ISO8601DateFormatter()
    if let date = plain.date(from: trimmed) { return date }
    let fractional = ISO8601DateFormatter()
    fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return fractional.date(from: trimmed)
  }

  /// Formats a date as ISO 8601 in UTC, seconds precision.
  static func format(_ date: Date) -> String {
    ISO8601DateFormatter().string(from: date)
  }
}
