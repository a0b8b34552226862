import Foundation

/// Which evaluation start covers a waiter that asked for a trigger: one started after its resource
/// existed evaluates it, so waiters that register after a start need no second one.
enum TriggerCoverage: Sendable {
  /// The resource existed by this time (local clock), e.g. when its stack was seen complete.
  case existedBy(Date)
  /// Only what the waiter knows: the resource existed when the waiter registered.
  case registration

  /// The time from which an evaluation start covers the waiter.
  func coveredFrom(registeredAt: Date) -> Date {
    switch self {
    case .existedBy(let date): return min(date, registeredAt)
    case .registration: return registeredAt
    }
  }
}

/// Which rules wait for a `StartConfigRulesEvaluation` call (with the earliest time a start must
/// follow to cover every queued waiter), and when each was last started.
struct TriggerState {
  var queued: [String: Date] = [:]
  var lastStarted: [String: Date] = [:]
  var flusher: Task<Void, Never>?
}

extension CompliancePoller {
  /// The most rules one `StartConfigRulesEvaluation` call takes.
  static let rulesPerTrigger = 25
  /// The shortest time between two starts of one rule's evaluation.
  static let triggerSpacing: TimeInterval = 60

  /// Queues an evaluation of `rule` for a resource that existed by `existedBy`, unless a start since
  /// then covers it; calls are coalesced across waiters and rules.
  func requestTrigger(_ rule: String, existedBy: Date) {
    if let started = triggers.lastStarted[rule], started >= existedBy { return }
    let since = triggers.queued[rule].map { Swift.max($0, existedBy) } ?? existedBy
    triggers.queued[rule] = since
    if triggers.flusher == nil {
      triggers.flusher = Task { await self.flushTriggers() }
    }
  }

  /// Starts evaluations of queued rules, at most 25 a call and once a minute per rule, until none
  /// is queued; `LimitExceededException` and throttling mean "later", never "give up".
  func flushTriggers() async {
    try? await Task.sleep(for: .milliseconds(50))
    let service = self.service
    while !triggers.queued.isEmpty {
      let now = Date()
      for rule in triggers.queued.keys where !hasPending(rule) { triggers.queued[rule] = nil }
      for (rule, since) in triggers.queued {
        if let started = triggers.lastStarted[rule], started >= since { triggers.queued[rule] = nil }
      }
      let due = triggers.queued.keys.filter { rule in
        triggers.lastStarted[rule].map { now.timeIntervalSince($0) >= Self.triggerSpacing } ?? true
      }.sorted()
      var retryAfter: TimeInterval = 1
      for batch in stride(from: 0, to: due.count, by: Self.rulesPerTrigger).map({
        Array(due[$0..<min($0 + Self.rulesPerTrigger, due.count)])
      }) {
        do {
          try await call("StartConfigRulesEvaluation") { try await service.startEvaluation(batch) }
          let started = Date()
          for rule in batch {
            triggers.lastStarted[rule] = started
            triggers.queued[rule] = nil
          }
        } catch {
          switch service.classify(error) {
          case .limitExceeded: retryAfter = max(retryAfter, 15)
          case .throttled, .transient: retryAfter = max(retryAfter, 2)
          case .noSuchRule, .other: for rule in batch { triggers.queued[rule] = nil }
          }
        }
      }
      guard !triggers.queued.isEmpty else { break }
      let untilDue = triggers.queued.keys.map { rule in
        triggers.lastStarted[rule].map { Self.triggerSpacing - Date().timeIntervalSince($0) } ?? 0
      }.min() ?? 0
      try? await Task.sleep(for: .seconds(min(max(1, untilDue, retryAfter), Self.triggerSpacing)))
    }
    triggers.flusher = nil
  }
}
