import Foundation
import Testing
@testable import PotemkinAWS

/// A random source that always returns the same value, so jitter is predictable.
struct FixedRandom: RandomNumberGenerator {
  var value: UInt64
  mutating func next() -> UInt64 { value }
  /// Jitter fraction 1 (the largest delay).
  static let maximum = FixedRandom(value: .max)
  /// Jitter fraction 0.
  static let minimum = FixedRandom(value: 0)
}

@Suite("Retry decisions")
struct RetryPolicyTests {
  static func serviceError(
    _ code: String, status: Int = 400, message: String = "", headers: [(String, String)] = []
  ) -> RetryOutcome {
    .serviceError(
      AWSError(code: code, message: message, httpStatus: status, service: "S", operation: "O"),
      headers: HTTPHeaders(headers))
  }

  struct Row: Sendable, CustomTestStringConvertible {
    var name: String
    var outcome: RetryOutcome
    var attempt: Int
    var expected: RetryDecision
    var testDescription: String { name }
  }

  static let rows: [Row] = [
    Row(name: "throttling, first retry: up to 1 s", outcome: serviceError("Throttling"), attempt: 1, expected: .retry(after: .seconds(1))),
    Row(name: "throttling, second retry: up to 2 s", outcome: serviceError("ThrottlingException"), attempt: 2, expected: .retry(after: .seconds(2))),
    Row(name: "last attempt: give up", outcome: serviceError("Throttling"), attempt: 3, expected: .doNotRetry),
    Row(name: "Config LimitExceededException is throttling", outcome: serviceError("LimitExceededException"), attempt: 1, expected: .retry(after: .seconds(1))),
    Row(name: "S3 SlowDown", outcome: serviceError("SlowDown", status: 503), attempt: 1, expected: .retry(after: .seconds(1))),
    Row(name: "HTTP 500: transient scale 50 ms", outcome: serviceError("InternalServerError", status: 500), attempt: 1, expected: .retry(after: .milliseconds(50))),
    Row(name: "HTTP 503 second retry: 100 ms", outcome: serviceError("HTTP503", status: 503), attempt: 2, expected: .retry(after: .milliseconds(100))),
    Row(name: "RequestTimeout", outcome: serviceError("RequestTimeout"), attempt: 1, expected: .retry(after: .milliseconds(50))),
    Row(name: "validation error: never", outcome: serviceError("ValidationError"), attempt: 1, expected: .doNotRetry),
    Row(name: "access denied: never", outcome: serviceError("AccessDenied", status: 403), attempt: 1, expected: .doNotRetry),
    Row(name: "retryable transport failure", outcome: .transportFailure(isRetryable: true), attempt: 1, expected: .retry(after: .milliseconds(50))),
    Row(name: "non-retryable transport failure", outcome: .transportFailure(isRetryable: false), attempt: 1, expected: .doNotRetry),
    Row(
      name: "Retry-After raises the delay",
      outcome: serviceError("Throttling", headers: [("Retry-After", "7")]), attempt: 1, expected: .retry(after: .seconds(7))),
    Row(
      name: "x-amz-retry-after in milliseconds",
      outcome: serviceError("ServiceUnavailable", status: 503, headers: [("x-amz-retry-after", "1500")]), attempt: 1,
      expected: .retry(after: .milliseconds(1500))),
    Row(
      name: "Retry-After is capped at the maximum backoff",
      outcome: serviceError("Throttling", headers: [("Retry-After", "3600")]), attempt: 1, expected: .retry(after: .seconds(20))),
    Row(
      name: "clock skew with a Date header corrects the clock",
      outcome: serviceError("RequestTimeTooSkewed", status: 403, headers: [("Date", "Wed, 01 May 2024 12:00:00 GMT")]),
      attempt: 1, expected: .correctClockAndRetry(serverDate: Date(timeIntervalSince1970: 1_714_564_800))),
    Row(
      name: "expired signature is clock skew",
      outcome: serviceError(
        "SignatureDoesNotMatch", status: 403, message: "Signature expired: 20240501T115000Z is now earlier than 20240501T115500Z",
        headers: [("Date", "Wed, 01 May 2024 12:00:00 GMT")]),
      attempt: 2, expected: .correctClockAndRetry(serverDate: Date(timeIntervalSince1970: 1_714_564_800))),
    Row(
      name: "clock skew without a Date header: give up",
      outcome: serviceError("RequestExpired", status: 400), attempt: 1, expected: .doNotRetry),
    Row(
      name: "a plain signature mismatch is not retried",
      outcome: serviceError("SignatureDoesNotMatch", status: 403, message: "The request signature we calculated does not match",
        headers: [("Date", "Wed, 01 May 2024 12:00:00 GMT")]),
      attempt: 1, expected: .doNotRetry),
  ]

  @Test("Standard mode decisions with the largest jitter", arguments: rows)
  func decisions(_ row: Row) {
    var random = FixedRandom.maximum
    #expect(RetryPolicy.standard.decision(for: row.outcome, attempt: row.attempt, using: &random) == row.expected)
  }

  @Test("Full jitter: the smallest random value means no wait")
  func jitterFloor() {
    var random = FixedRandom.minimum
    #expect(
      RetryPolicy.standard.decision(for: Self.serviceError("Throttling"), attempt: 2, using: &random)
        == .retry(after: .zero))
  }

  @Test("Delays grow exponentially and stop at 20 seconds")
  func cap() {
    let policy = RetryPolicy(maxAttempts: 10)
    var random = FixedRandom.maximum
    let delays = (1...9).map { policy.backoff(attempt: $0, throttled: true, using: &random) }
    #expect(delays == [1, 2, 4, 8, 16, 20, 20, 20, 20].map { Duration.seconds($0) })
  }

  @Test("Jittered delays from the system random source stay within the ceiling")
  func systemRandom() {
    for _ in 0..<100 {
      guard case .retry(let delay) = RetryPolicy.standard.decision(for: Self.serviceError("Throttling"), attempt: 2)
      else {
        Issue.record("expected a retry")
        return
      }
      #expect(delay >= .zero && delay <= .seconds(2))
    }
  }

  @Test("The none policy never retries")
  func none() {
    var random = FixedRandom.maximum
    #expect(RetryPolicy.none.decision(for: .transportFailure(isRetryable: true), attempt: 1, using: &random) == .doNotRetry)
  }

  @Test("AWS_RETRY_MODE and AWS_MAX_ATTEMPTS configure the policy", arguments: [
    ([:], RetryPolicy.Mode.standard, 3),
    (["AWS_RETRY_MODE": "adaptive"], .adaptive, 3),
    (["AWS_RETRY_MODE": "Standard", "AWS_MAX_ATTEMPTS": "7"], .standard, 7),
    (["AWS_RETRY_MODE": "legacy"], .legacy, 5),
    (["AWS_MAX_ATTEMPTS": "1"], .standard, 1),
  ])
  func environment(variables: [String: String], mode: RetryPolicy.Mode, attempts: Int) throws {
    let policy = try RetryPolicy.fromEnvironment(variables)
    #expect(policy.mode == mode)
    #expect(policy.maxAttempts == attempts)
  }

  @Test("Invalid retry variables give a sentence naming the variable", arguments: [
    (["AWS_RETRY_MODE": "aggressive"], "AWS_RETRY_MODE is \"aggressive\""),
    (["AWS_MAX_ATTEMPTS": "0"], "AWS_MAX_ATTEMPTS is \"0\""),
    (["AWS_MAX_ATTEMPTS": "three"], "AWS_MAX_ATTEMPTS is \"three\""),
  ])
  func invalidEnvironment(variables: [String: String], expected: String) {
    let error = #expect(throws: ConfigurationError.self) { try RetryPolicy.fromEnvironment(variables) }
    #expect(error?.description.hasPrefix(expected) == true)
  }
}
