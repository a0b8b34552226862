import Foundation
import Synchronization
import Testing
@testable import PotemkinAWS

/// A clock the test moves by hand.
final class ManualClock: Sendable {
  private let seconds = Mutex(0.0)
  var now: Double { seconds.withLock { $0 } }
  func set(_ value: Double) { seconds.withLock { $0 = value } }
}

@Suite("Adaptive retry mode's send-rate limit")
struct AdaptiveRateLimiterTests {
  /// A limiter that saw `rate` successful requests per second from time 0 to `until`.
  static func sending(_ rate: Double, until end: Double, clock: ManualClock) -> AdaptiveRateLimiter {
    let limiter = AdaptiveRateLimiter(now: { clock.now })
    send(rate, from: 0, until: end, limiter, clock)
    return limiter
  }

  /// A limiter that sent 10 successful requests per second for 3 s, then was throttled.
  static func throttledAfterSending10PerSecond(clock: ManualClock) -> AdaptiveRateLimiter {
    let limiter = sending(10, until: 3, clock: clock)
    clock.set(3)
    limiter.record(throttled: true)
    return limiter
  }

  static func send(_ rate: Double, from start: Double, until end: Double, _ limiter: AdaptiveRateLimiter, _ clock: ManualClock) {
    var time = start
    while time < end {
      clock.set(time)
      limiter.record(throttled: false)
      time += 1 / rate
    }
  }

  @Test("Off until a throttle: successes alone never limit the client")
  func offUntilThrottled() async throws {
    let clock = ManualClock()
    let limiter = Self.sending(50, until: 5, clock: clock)
    #expect(limiter.allowedRate == nil)
    for _ in 0..<100 { try await limiter.acquire() }
  }

  @Test("A throttle cuts the allowed rate to 70 % of the measured send rate")
  func throttleCutsRate() throws {
    let clock = ManualClock()
    let limiter = Self.throttledAfterSending10PerSecond(clock: clock)
    let rate = try #require(limiter.allowedRate)
    #expect(abs(rate - 7) < 0.1, "allowed \(rate)")
  }

  @Test("Successes grow the rate back: flat near the rate of the throttle, then past it, at most twice the send rate")
  func cubicRecovery() throws {
    let clock = ManualClock()
    let limiter = Self.throttledAfterSending10PerSecond(clock: clock)
    // Back at the throttle's rate after cbrt(10 × 0.3 / 0.4) ≈ 1.96 s.
    Self.send(10, from: 3.1, until: 4.96, limiter, clock)
    let recovered = try #require(limiter.allowedRate)
    #expect(abs(recovered - 10) < 0.2, "allowed \(recovered)")
    Self.send(10, from: 4.96, until: 6.96, limiter, clock)
    let beyond = try #require(limiter.allowedRate)
    #expect(beyond > 12 && beyond < 14, "allowed \(beyond)")
    Self.send(10, from: 6.96, until: 20, limiter, clock)
    let capped = try #require(limiter.allowedRate)
    #expect(abs(capped - 20) < 0.5, "allowed \(capped): twice the measured 10/s")
  }

  @Test("The allowed rate never falls below 0.5 requests per second")
  func floor() throws {
    let clock = ManualClock()
    let limiter = AdaptiveRateLimiter(now: { clock.now })
    for step in 0..<10 {
      clock.set(Double(step) * 3)
      limiter.record(throttled: true)
    }
    #expect(limiter.allowedRate == 0.5)
  }

  @Test("Once on, each request takes a token refilled at the allowed rate")
  func tokens() async throws {
    let clock = ManualClock()
    let limiter = AdaptiveRateLimiter(now: { clock.now })
    limiter.record(throttled: true)
    #expect(limiter.allowedRate == 0.5)
    clock.set(2)
    try await limiter.acquire()  // the token of the last 2 s at 0.5/s
    let sent = ManualClock()  // 1 once the second request may go
    let second = Task {
      try await limiter.acquire()
      sent.set(1)
    }
    try await Task.sleep(for: .milliseconds(300))
    #expect(sent.now == 0, "no token was free, yet the request went")
    clock.set(4)
    try await second.value
    #expect(sent.now == 1)
  }
}
