/// The adaptive delay between two polls of one rule.
///
/// Short while results are expected or changing, growing by `factor` (with jitter) to `maximum`
/// once nothing changes, doubling on throttling, and short again when results change.
struct PollInterval: Sendable {
  let minimum: Duration
  let maximum: Duration
  let factor: Double
  let jitter: Double
  /// How long after a start or a change the interval stays at `minimum`.
  let fastPhase: Duration
  private(set) var current: Duration
  private var fastUntil: ContinuousClock.Instant

  init(minimum: Duration, maximum: Duration, factor: Double, jitter: Double, fastPhase: Duration,
       now: ContinuousClock.Instant = .now) {
    self.minimum = minimum
    self.maximum = max(maximum, minimum)
    self.factor = max(1, factor)
    self.jitter = min(max(0, jitter), 0.9)
    self.fastPhase = fastPhase
    self.current = minimum
    self.fastUntil = now + fastPhase
  }

  /// Results changed (or a new waiter arrived): poll fast again.
  mutating func reset(now: ContinuousClock.Instant = .now) {
    current = minimum
    fastUntil = now + fastPhase
  }

  /// Nothing changed: grow the interval unless still in the fast phase.
  mutating func unchanged(now: ContinuousClock.Instant = .now) {
    guard now >= fastUntil else { return }
    current = min(maximum, current * factor)
  }

  /// The service throttled: at least double the interval, up to the maximum.
  mutating func throttled() {
    current = min(maximum, max(current, minimum) * 2)
    fastUntil = .now
  }

  /// The next delay: the current interval with jitter, never above `maximum`.
  func nextDelay<R: RandomNumberGenerator>(using generator: inout R) -> Duration {
    guard jitter > 0, current > minimum else { return current }
    let scale = Double.random(in: (1 - jitter)...(1 + jitter), using: &generator)
    return min(maximum, max(minimum, current * scale))
  }
}
