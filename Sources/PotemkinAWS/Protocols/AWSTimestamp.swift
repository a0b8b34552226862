import Foundation

/// Parsing and formatting of the timestamp forms AWS protocols use.
enum AWSTimestamp {
  /// Parses `2024-05-01T12:00:00Z` or `2024-05-01T12:00:00.123Z` (or with an offset).
  static func parseISO8601(_ text: String) -> Date? {
    let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
    if let date = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(trimmed) { return date }
    if let date = try? Date.ISO8601FormatStyle().parse(trimmed) { return date }
    return nil
  }

  /// Parses an HTTP date (`Wed, 21 Oct 2015 07:28:00 GMT`), as in the `Date` response header.
  static func parseHTTPDate(_ text: String) -> Date? {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "GMT")
    for format in ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy"] {
      formatter.dateFormat = format
      if let date = formatter.date(from: text.trimmingCharacters(in: .whitespaces)) { return date }
    }
    return nil
  }

  /// Formats `date` as ISO 8601 with whole seconds in UTC, as Query and REST-XML requests expect.
  static func formatISO8601(_ date: Date) -> String {
    date.formatted(Date.ISO8601FormatStyle())
  }
}
