import Foundation
import PotemkinAWS

/// How the poller writes durations.
enum PollTime {
  /// Whole or fractional seconds as a short text, e.g. `12 s` or `0.4 s`.
  static func text(_ duration: Duration) -> String {
    let value = duration.inSeconds
    return value >= 10 ? "\(Int(value.rounded())) s" : String(format: "%.1f s", value)
  }
}
