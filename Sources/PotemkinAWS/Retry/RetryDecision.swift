import Foundation

/// What the client does after a failed attempt.
public enum RetryDecision: Sendable, Hashable {
  /// Give up and report the failure.
  case doNotRetry
  /// Wait `after`, then try again.
  case retry(after: Duration)
  /// Set the client's clock offset so that its time matches `serverDate`, then try again at once.
  case correctClockAndRetry(serverDate: Date)
}
