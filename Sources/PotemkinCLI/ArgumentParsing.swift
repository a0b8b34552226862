import ArgumentParser
import Foundation
import Potemkin

/// Turns command-line text into durations and times, with messages a user can act on.
enum ArgumentParsing {
  /// Parses `90s`, `15m`, `2h`, `1h30m`, or throws a `ValidationError` saying how to write one.
  static func duration(_ text: String) throws -> Duration {
    guard let duration = HumanDuration.parse(text) else {
      throw ValidationError("'\(text)' is not a duration. \(HumanDuration.formatHelp)")
    }
    return duration
  }

  /// Parses an ISO 8601 time, a Unix time or a duration ago, or throws a `ValidationError` saying how to write one.
  static func time(_ text: String) throws -> Date {
    guard let date = PointInTime.parse(text) else {
      throw ValidationError("'\(text)' is not a time. \(PointInTime.formatHelp)")
    }
    return date
  }
}
