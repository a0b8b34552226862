import PotemkinAWS
import Synchronization

/// A token bucket shared by every caller of one API in one place (an endpoint and region).
///
/// `acquire()` reserves the next free slot and suspends until then, so callers queue fairly
/// and the long-run rate never exceeds `rate` while short bursts up to `burst` go at once.
/// `throttled()` empties the bucket after the service pushed back.
public actor RateLimiter {
  /// Tokens added per second.
  public let rate: Double
  /// The most tokens the bucket holds.
  public let burst: Double
  private var tokens: Double
  private var last: ContinuousClock.Instant
  private let clock = ContinuousClock()

  /// Creates a bucket that starts full.
  public init(rate: Double, burst: Double) {
    self.rate = max(0.01, rate)
    self.burst = max(1, burst)
    self.tokens = max(1, burst)
    self.last = clock.now
  }

  /// Waits for a token.
  public func acquire() async throws {
    refill()
    tokens -= 1
    if tokens >= 0 { return }
    let wait = -tokens / rate
    try await Task.sleep(for: .nanoseconds(Int64(wait * 1e9)))
  }

  /// Records that the service throttled a call: the burst allowance is dropped, so the next callers
  /// go at the steady rate (one slot later than they would have).
  public func throttled() {
    refill()
    tokens = min(tokens, 0) - 1
  }

  private func refill() {
    let now = clock.now
    let elapsed = (now - last).inSeconds
    last = now
    tokens = min(burst, tokens + elapsed * rate)
  }

  private static let registry = Mutex<[String: RateLimiter]>([:])

  /// The process-wide limiter for CloudFormation describe calls at `endpoint` in `region`: 4 per second in
  /// bursts of 8 against AWS; 50 per second against a custom (local) endpoint, where a describe costs a few
  /// milliseconds and a slower limiter would only delay noticing that a stack settled.
  public static func cloudFormationDescribe(endpoint: String, region: String, isCustom: Bool = false) -> RateLimiter {
    isCustom
      ? shared(key: "cloudformation-describe-custom|\(endpoint)|\(region)", rate: 50, burst: 50)
      : shared(key: "cloudformation-describe|\(endpoint)|\(region)", rate: 4, burst: 8)
  }

  /// The process-wide limiter for `key`, created with `rate` and `burst` on first use.
  public static func shared(key: String, rate: Double, burst: Double) -> RateLimiter {
    registry.withLock { limiters in
      if let existing = limiters[key] { return existing }
      let limiter = RateLimiter(rate: rate, burst: burst)
      limiters[key] = limiter
      return limiter
    }
  }
}
