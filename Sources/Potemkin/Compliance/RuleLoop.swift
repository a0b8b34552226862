import Foundation

/// The polling state of one rule while it has pending waiters.
struct RuleLoop {
  var interval: PollInterval
  var startedAt: ContinuousClock.Instant
  var lastTickAt: ContinuousClock.Instant?
  var lastProgressAt: ContinuousClock.Instant
  /// The latest result per resource from the last read.
  var latest: [ResolvedResource: ComplianceResult] = [:]
  var fingerprint: Int?
  var status: RuleEvaluationStatus?
  var lastStatusAt: ContinuousClock.Instant?
  /// The rule's latest failed invocation while it is the latest invocation, and when it was first seen.
  var failureSeen: (failedAt: Date, seenAt: ContinuousClock.Instant)?
  var consecutiveErrors = 0
  var registered = 0
  var resolved = 0
  var wake: CheckedContinuation<Void, Never>?
  var sleeper: Task<Void, Never>?
}
