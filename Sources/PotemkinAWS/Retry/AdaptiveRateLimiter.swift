import Foundation
import Synchronization

/// The client-side send-rate limit of the SDKs' adaptive retry mode, one per service of a client.
///
/// It stays off until a throttling response arrives. From then on every attempt takes a token from
/// a bucket refilled at the allowed rate. A throttle cuts the rate to 70 % of what the client was
/// sending (CUBIC's multiplicative decrease); successes let it grow back along a cubic curve that
/// is flat around the rate of the last throttle and rises past it later. The allowed rate never
/// exceeds twice the measured send rate and never falls below 0.5 requests per second. The send
/// rate is measured in half-second buckets, each new bucket weighted 0.8 against the history.
public final class AdaptiveRateLimiter: Sendable {
  /// The slowest the limiter ever lets a client send, in requests per second.
  static let minimumRate = 0.5
  /// The share of the send rate kept after a throttle.
  static let beta = 0.7
  /// How fast the rate grows back after a throttle (CUBIC's C).
  static let growth = 0.4
  /// The allowed rate is at most this multiple of the measured send rate.
  static let maximumOverMeasured = 2.0
  /// The weight of the latest half-second bucket in the measured send rate.
  static let smoothing = 0.8
  /// The width of one send-rate bucket, in seconds.
  static let bucketWidth = 0.5

  struct State {
    var enabled = false
    // The token bucket.
    var fillRate = 1.0
    var capacity = 1.0
    var tokens = 0.0
    var lastRefill: Double?
    // The measured send rate.
    var measuredRate = 0.0
    var lastBucket: Double
    var sentInBucket = 0.0
    // CUBIC: the rate at the last throttle, the time the curve takes to climb back to it, and when.
    var rateAtThrottle = 0.0
    var timeToRecover = 0.0
    var lastThrottle: Double
  }

  private let state: Mutex<State>
  private let now: @Sendable () -> Double

  /// Creates a limiter, off until the first throttle.
  /// - Parameter now: The current time in seconds on a monotonic scale (inject a fake one in tests).
  public init(now: (@Sendable () -> Double)? = nil) {
    let origin = ContinuousClock.now
    let clock = now ?? { (ContinuousClock.now - origin).inSeconds }
    self.now = clock
    let start = clock()
    state = Mutex(State(lastBucket: Self.bucket(start), lastThrottle: start))
  }

  /// The requests per second currently allowed, or `nil` while no throttle was seen.
  public var allowedRate: Double? {
    state.withLock { $0.enabled ? $0.fillRate : nil }
  }

  /// Returns once a request may be sent: at once while the limiter is off, else when a token is free.
  /// - Throws: `CancellationError` when the task is cancelled while waiting.
  public func acquire() async throws {
    while true {
      let wait: Double = state.withLock { state in
        guard state.enabled else { return 0 }
        Self.refill(&state, at: now())
        if state.tokens >= 1 {
          state.tokens -= 1
          return 0
        }
        return (1 - state.tokens) / state.fillRate
      }
      if wait <= 0 { return }
      try await Task.sleep(for: .milliseconds(Int((wait * 1000).rounded(.up))))
    }
  }

  /// Takes the outcome of one attempt into account: `throttled` when the service throttled it.
  public func record(throttled: Bool) {
    state.withLock { state in
      let time = now()
      let measured = Self.measure(&state, at: time)
      let rate: Double
      if throttled {
        let sending = state.enabled ? min(measured, state.fillRate) : measured
        state.rateAtThrottle = sending
        state.timeToRecover = Foundation.cbrt(sending * (1 - Self.beta) / Self.growth)
        state.lastThrottle = time
        state.enabled = true
        rate = sending * Self.beta
      } else {
        let x = time - state.lastThrottle - state.timeToRecover
        rate = Self.growth * x * x * x + state.rateAtThrottle
      }
      Self.setRate(&state, min(rate, Self.maximumOverMeasured * measured), at: time)
    }
  }

  /// Counts one attempt and returns the smoothed send rate.
  private static func measure(_ state: inout State, at time: Double) -> Double {
    let current = bucket(time)
    state.sentInBucket += 1
    if current > state.lastBucket {
      let rate = state.sentInBucket / (current - state.lastBucket)
      state.measuredRate = rate * smoothing + state.measuredRate * (1 - smoothing)
      state.sentInBucket = 0
      state.lastBucket = current
    }
    return state.measuredRate
  }

  private static func setRate(_ state: inout State, _ rate: Double, at time: Double) {
    refill(&state, at: time)
    state.fillRate = max(rate, minimumRate)
    state.capacity = max(rate, 1)
    state.tokens = min(state.tokens, state.capacity)
  }

  private static func refill(_ state: inout State, at time: Double) {
    if let last = state.lastRefill {
      state.tokens = min(state.capacity, state.tokens + (time - last) * state.fillRate)
    }
    state.lastRefill = time
  }

  private static func bucket(_ time: Double) -> Double {
    (time / bucketWidth).rounded(.down) * bucketWidth
  }
}
