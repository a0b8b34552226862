import Foundation

/// Conversions between `Duration`, seconds and dates used by the poller.
enum PollTime {
  /// `duration` in seconds.
  static func seconds(_ duration: Duration) -> Double {
    let parts = duration.components
    return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
  }

  /// Whole or fractional seconds as a short text, e.g. `12 s` or `0.4 s`.
  static func text(_ duration: Duration) -> String {
    let value = seconds(duration)
    return value >= 10 ? "\(Int(value.rounded())) s" : String(format: "%.1f s", value)
  }
}
