import Foundation

/// How a client retries failed requests, following the AWS SDKs' standard retry mode.
///
/// Delay before retry `n` (1-based): `random(0, 1) × min(scale × 2^(n-1), maxBackoff)` seconds
/// ("full jitter"), where `scale` is 1 for throttling errors and 0.05 for other transient
/// faults, as botocore's standard mode does. A `Retry-After` (seconds) or `x-amz-retry-after`
/// (milliseconds) header raises the delay to what the service asked, up to `maxBackoff`.
///
/// `.adaptive` retries as `.standard` does and also limits how fast the client sends once a
/// service throttled it (`AdaptiveRateLimiter`, one per service of a client), as the SDKs do.
public struct RetryPolicy: Sendable, Hashable {
  /// The retry strategy, as named by `AWS_RETRY_MODE`.
  public enum Mode: String, Sendable, Hashable, CaseIterable {
    /// The SDKs' standard mode.
    case standard
    /// The SDKs' adaptive mode: standard retries plus a client-side send-rate limit after throttling.
    case adaptive
    /// The SDKs' legacy mode, treated as `standard` with five attempts by default.
    case legacy
  }

  /// The strategy.
  public var mode: Mode
  /// The most attempts per call, the first one included (1 disables retries).
  public var maxAttempts: Int
  /// The longest delay between two attempts.
  public var maxBackoff: Duration
  /// The backoff scale for throttling errors (seconds).
  public var throttlingBaseDelay: Duration
  /// The backoff scale for other transient faults (seconds).
  public var transientBaseDelay: Duration

  /// Creates a policy.
  public init(
    mode: Mode = .standard, maxAttempts: Int = 3, maxBackoff: Duration = .seconds(20),
    throttlingBaseDelay: Duration = .seconds(1), transientBaseDelay: Duration = .milliseconds(50)
  ) {
    self.mode = mode
    self.maxAttempts = max(1, maxAttempts)
    self.maxBackoff = maxBackoff
    self.throttlingBaseDelay = throttlingBaseDelay
    self.transientBaseDelay = transientBaseDelay
  }

  /// The SDKs' standard mode: 3 attempts, full jitter, 20 s cap.
  public static let standard = RetryPolicy()

  /// The SDKs' adaptive mode: standard retries plus a client-side send-rate limit after throttling.
  public static let adaptive = RetryPolicy(mode: .adaptive)

  /// No retries: every call makes exactly one attempt.
  public static let none = RetryPolicy(maxAttempts: 1)

  /// The policy configured by `AWS_RETRY_MODE` and `AWS_MAX_ATTEMPTS` in `environment`, or `.standard`.
  /// - Throws: `ConfigurationError` when either variable holds a value the SDKs would reject.
  public static func fromEnvironment(_ environment: [String: String]) throws -> RetryPolicy {
    var policy = RetryPolicy.standard
    if let raw = environment["AWS_RETRY_MODE"]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
      guard let mode = Mode(rawValue: raw.lowercased()) else {
        throw ConfigurationError.other(
          "AWS_RETRY_MODE is \"\(raw)\", which is not a retry mode. Use standard, adaptive or legacy, or unset it.")
      }
      policy.mode = mode
      if mode == .legacy { policy.maxAttempts = 5 }
    }
    if let raw = environment["AWS_MAX_ATTEMPTS"]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
      guard let attempts = Int(raw), attempts >= 1 else {
        throw ConfigurationError.other(
          "AWS_MAX_ATTEMPTS is \"\(raw)\", but it must be a whole number of at least 1 (1 disables retries).")
      }
      policy.maxAttempts = attempts
    }
    return policy
  }

  /// Decides what to do after attempt number `attempt` (1-based) ended in `outcome`.
  /// - Parameters:
  ///   - generator: The random source of the jitter (inject a fixed one in tests).
  public func decision<Generator: RandomNumberGenerator>(
    for outcome: RetryOutcome, attempt: Int, using generator: inout Generator
  ) -> RetryDecision {
    guard attempt < maxAttempts else { return .doNotRetry }
    switch outcome {
    case .transportFailure(let isRetryable):
      return isRetryable ? .retry(after: backoff(attempt: attempt, throttled: false, using: &generator)) : .doNotRetry
    case .serviceError(let error, let headers):
      if error.isClockSkew {
        guard let serverDate = headers["Date"].flatMap(AWSTimestamp.parseHTTPDate) else { return .doNotRetry }
        return .correctClockAndRetry(serverDate: serverDate)
      }
      let throttled = error.isThrottling
      guard throttled || error.isTransient else { return .doNotRetry }
      var delay = backoff(attempt: attempt, throttled: throttled, using: &generator)
      if let requested = Self.requestedDelay(headers) {
        delay = max(delay, min(requested, maxBackoff))
      }
      return .retry(after: delay)
    }
  }

  /// Decides with the system random source.
  public func decision(for outcome: RetryOutcome, attempt: Int) -> RetryDecision {
    var generator = SystemRandomNumberGenerator()
    return decision(for: outcome, attempt: attempt, using: &generator)
  }

  /// The jittered exponential delay before the retry that follows attempt `attempt`.
  func backoff<Generator: RandomNumberGenerator>(
    attempt: Int, throttled: Bool, using generator: inout Generator
  ) -> Duration {
    let scale = throttled ? throttlingBaseDelay : transientBaseDelay
    let exponential = scale * (1 << min(max(attempt - 1, 0), 30))
    let ceiling = min(exponential, maxBackoff)
    let fraction = Double(generator.next()) / Double(UInt64.max)
    return ceiling * fraction
  }

  /// The delay the service asked for: `x-amz-retry-after` (milliseconds) or `Retry-After` (seconds).
  static func requestedDelay(_ headers: HTTPHeaders) -> Duration? {
    if let raw = headers["x-amz-retry-after"], let milliseconds = Int(raw), milliseconds >= 0 {
      return .milliseconds(milliseconds)
    }
    if let raw = headers["Retry-After"], let seconds = Double(raw.trimmingCharacters(in: .whitespaces)),
      seconds >= 0
    {
      return .milliseconds(Int(seconds * 1000))
    }
    return nil
  }
}
