import Testing

@testable import Potemkin

@Suite("Rate limiter")
struct RateLimiterTests {
  @Test("a burst goes at once, then calls are spaced at the rate")
  func spacing() async throws {
    let limiter = RateLimiter(rate: 20, burst: 4)
    let clock = ContinuousClock()
    let start = clock.now
    for _ in 0..<4 { try await limiter.acquire() }
    #expect(clock.now - start < .milliseconds(100))
    for _ in 0..<6 { try await limiter.acquire() }
    // 6 more tokens at 20/s need about 0.3 s.
    #expect(clock.now - start >= .milliseconds(250))
  }

  @Test("limiters are shared per endpoint and region")
  func shared() {
    let a = RateLimiter.cloudFormationDescribe(endpoint: "http://x", region: "us-east-1")
    let b = RateLimiter.cloudFormationDescribe(endpoint: "http://x", region: "us-east-1")
    let c = RateLimiter.cloudFormationDescribe(endpoint: "http://x", region: "eu-west-1")
    #expect(a === b)
    #expect(a !== c)
  }
}
