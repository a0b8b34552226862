import Foundation
import PotemkinAWS

extension CompliancePoller {
  /// Starts the rule's loop for a new waiter, or makes a running loop poll soon.
  func waiterAdded(rule: String) {
    let now = ContinuousClock.now
    if loops[rule] != nil {
      loops[rule]!.registered += 1
      loops[rule]!.interval.reset(now: now)
      let earliest = (loops[rule]!.lastTickAt ?? now) + configuration.minimumInterval
      reschedule(rule: rule, at: max(earliest, now))
      return
    }
    loops[rule] = RuleLoop(
      interval: PollInterval(
        minimum: configuration.minimumInterval, maximum: configuration.maximumInterval,
        factor: configuration.backoffFactor, jitter: configuration.jitter, fastPhase: configuration.fastPhase,
        now: now),
      startedAt: now,
      lastProgressAt: now - configuration.progressEvery + configuration.progressAfter,
      registered: 1)
    if !checkedRules.contains(rule) {
      checkedRules.insert(rule)
      Task { await self.runChecks(rule: rule) }
    }
    Task { await self.runLoop(rule: rule) }
  }

  /// Polls `rule` until no waiter of it is pending.
  func runLoop(rule: String) async {
    while hasPending(rule) {
      await tick(rule: rule)
      failExpired(rule: rule)
      reportProgress(rule: rule)
      guard hasPending(rule) else { break }
      await sleep(rule: rule, for: nextDelay(rule: rule))
    }
    loops[rule]?.sleeper?.cancel()
    loops[rule] = nil
  }

  func hasPending(_ rule: String) -> Bool {
    waiters.values.contains { $0.rule == rule }
  }

  /// One poll: reads the results of every pending waiter of `rule` and decides what it can.
  func tick(rule: String) async {
    let pending = waiters.values.filter { $0.rule == rule }
    guard !pending.isEmpty, loops[rule] != nil else { return }
    tickCount += 1
    let now = ContinuousClock.now
    loops[rule]!.lastTickAt = now
    let resources = Set(pending.map(\.resource))
    let statusDue = loops[rule]!.lastStatusAt.map { now - $0 >= configuration.statusInterval } ?? true
    if statusDue { loops[rule]!.lastStatusAt = now }

    async let statusRead: StatusRead = statusDue ? .read(await readStatus(rule: rule)) : .skipped
    let read = await readResults(rule: rule, resources: resources)
    if case .read(let status?) = await statusRead { loops[rule]?.status = status }
    guard loops[rule] != nil else { return }

    switch read {
    case .failure(let error):
      await handleReadError(error, rule: rule)
    case .success(let (results, complete)):
      loops[rule]!.consecutiveErrors = 0
      var snapshot = complete ? [:] : loops[rule]!.latest
      for result in results where result.ruleName == rule || result.ruleName.isEmpty {
        snapshot[result.resource] = result
      }
      loops[rule]!.latest = snapshot
      let fingerprint = Self.fingerprint(snapshot)
      if let previous = loops[rule]!.fingerprint, previous != fingerprint {
        loops[rule]!.interval.reset()
      } else {
        loops[rule]!.interval.unchanged()
      }
      loops[rule]!.fingerprint = fingerprint
      decide(rule: rule, complete: complete)
    }
    checkEvaluationFailures(rule: rule)
  }

  /// Applies the rule's latest results to its pending waiters.
  func decide(rule: String, complete: Bool) {
    guard let loop = loops[rule] else { return }
    let lastEvaluation = loop.status.flatMap { [$0.lastSuccessfulEvaluation, $0.lastSuccessfulInvocation].compactMap { $0 }.max() }
    for (id, waiter) in waiters where waiter.rule == rule {
      let result = loop.latest[waiter.resource]
      waiters[id]!.latest = result
      let evaluatedSince = lastEvaluation.map {
        $0 >= waiter.goal.notBefore.addingTimeInterval(-waiter.goal.allowance.inSeconds)
      } ?? false
      let complete = complete || !waiter.goal.needsCompleteResults && result != nil
      switch waiter.goal.decide(
        result, placeholder: waiter.placeholder, complete: complete, ruleEvaluatedSince: evaluatedSince)
      {
      case .pending:
        if let result, result.isFresh(notBefore: waiter.goal.notBefore, allowance: waiter.goal.allowance) {
          waiters[id]!.lastFresh = result
        }
      case .resolved(let result):
        resolveWaiter(id, with: result)
      case .mismatch(let result):
        guard case .compliance(let expected, let matcher, _) = waiter.goal.target else { continue }
        failWaiter(id, with: ComplianceError.mismatch(
          rule: rule, resource: waiter.resource, expected: expected, annotation: matcher, actual: result))
      }
    }
  }

  /// Fails waiters whose rule has failed to evaluate since their not-before time.
  ///
  /// A failure counts once it has stayed the rule's latest invocation for `failureGrace`: a
  /// successful invocation after it means the rule works and the failure may concern another
  /// resource, so waiters go on (a timeout then quotes the failure).
  func checkEvaluationFailures(rule: String) {
    guard let status = loops[rule]?.status, let failedAt = status.lastFailedInvocation ?? status.lastFailedEvaluation
    else { return }
    let now = ContinuousClock.now
    guard failedAt >= (status.lastSuccessfulInvocation ?? .distantPast) else {
      loops[rule]!.failureSeen = nil
      return
    }
    if loops[rule]!.failureSeen?.failedAt != failedAt { loops[rule]!.failureSeen = (failedAt, now) }
    guard now - loops[rule]!.failureSeen!.seenAt >= configuration.failureGrace else { return }
    for (id, waiter) in waiters where waiter.rule == rule {
      let since = waiter.goal.notBefore.addingTimeInterval(-waiter.goal.allowance.inSeconds)
      guard failedAt >= since else { continue }
      failWaiter(id, with: ComplianceError.evaluationFailing(
        rule: rule, at: failedAt, code: status.lastErrorCode, message: status.lastErrorMessage,
        resource: waiter.resource))
    }
  }

  /// Reads the rule's results for `resources`: by rule (paged, 100 a page) or by resource when the
  /// rule has many more results than there are resources to read.
  func readResults(rule: String, resources: Set<ResolvedResource>)
    async -> Result<(results: [ComplianceResult], complete: Bool), any Error>
  {
    let service = self.service
    let needsComplete = waiters.values.contains { $0.rule == rule && $0.goal.needsCompleteResults }
    if let count = resultCounts[rule], !needsComplete, resources.count < (count + 99) / 100 {
      var results: [ComplianceResult] = []
      for resource in resources {
        do {
          let found = try await call("GetComplianceDetailsByResource") { try await service.resultsByResource(resource) }
          results += found.filter { $0.ruleName == rule }
        } catch {
          return results.isEmpty ? .failure(error) : .success((results, false))
        }
      }
      return .success((results, false))
    }
    var results: [ComplianceResult] = []
    var token: String?
    repeat {
      do {
        let current = token
        let page = try await call("GetComplianceDetailsByConfigRule") {
          try await service.resultsByRule(rule, limit: 100, nextToken: current)
        }
        results += page.results
        token = page.nextToken
      } catch {
        if !results.isEmpty, service.classify(error) != .other { loops[rule]?.interval.throttled() }
        return results.isEmpty ? .failure(error) : .success((results, false))
      }
    } while token != nil
    resultCounts[rule] = results.count
    return .success((results, true))
  }

  /// The outcome of an optional status read.
  enum StatusRead: Sendable {
    case skipped
    case read(RuleEvaluationStatus?)
  }

  func readStatus(rule: String) async -> RuleEvaluationStatus? {
    let service = self.service
    return try? await call("DescribeConfigRuleEvaluationStatus") { try await service.evaluationStatus(rule) }
  }

  /// Slows down on throttling, fails fast on a missing rule, gives up after repeated other errors.
  func handleReadError(_ error: any Error, rule: String) async {
    switch service.classify(error) {
    case .throttled, .limitExceeded:
      loops[rule]?.interval.throttled()
    case .transient:
      loops[rule]?.interval.throttled()
    case .noSuchRule:
      await failMissingRule(rule)
    case .other:
      loops[rule]?.consecutiveErrors += 1
      if (loops[rule]?.consecutiveErrors ?? 0) >= configuration.maximumConsecutiveErrors {
        for (id, _) in waiters where waiters[id]?.rule == rule {
          failWaiter(id, with: ComplianceError.serviceFailure(rule: rule, error: error))
        }
      }
    }
  }

  /// Fails waiters of `rule` whose deadline passed, saying what was seen.
  func failExpired(rule: String) {
    let now = ContinuousClock.now
    guard let loop = loops[rule] else { return }
    for (id, waiter) in waiters where waiter.rule == rule && waiter.deadline <= now {
      let since = waiter.goal.notBefore.addingTimeInterval(-waiter.goal.allowance.inSeconds)
      let freshOthers = loop.latest.values.filter {
        $0.resource != waiter.resource && ($0.evaluatedAt.map { $0 >= since } ?? false)
      }.count
      let expected: ExpectedCompliance
      if case .compliance(let wanted, _, _) = waiter.goal.target { expected = wanted } else { expected = .notApplicable }
      failWaiter(id, with: ComplianceError.timedOut(
        rule: rule, resource: waiter.resource, expected: expected, waited: now - waiter.registeredAt,
        notBefore: waiter.goal.notBefore, latest: waiter.latest ?? loop.latest[waiter.resource],
        freshForOthers: freshOthers, lastInvocation: loop.status?.lastInvocation, lastFresh: waiter.lastFresh,
        lastFailure: loop.status.flatMap { status in
          status.lastFailedInvocation.map { (at: $0, code: status.lastErrorCode, message: status.lastErrorMessage) }
        }))
    }
  }

  /// Prints `[potemkin] waiting on rule X: 2 of 3 resolved (12 s)` for long waits.
  func reportProgress(rule: String) {
    guard let loop = loops[rule], let progress = configuration.progress else { return }
    let now = ContinuousClock.now
    guard now - loop.startedAt >= configuration.progressAfter, now - loop.lastProgressAt >= configuration.progressEvery
    else { return }
    loops[rule]!.lastProgressAt = now
    progress("[potemkin] waiting on rule \(rule): \(loop.resolved) of \(loop.registered) resolved "
             + "(\(PollTime.text(now - loop.startedAt)))")
  }

  /// The delay before the next tick: the adaptive interval, shortened to the nearest deadline.
  func nextDelay(rule: String) -> Duration {
    guard let loop = loops[rule] else { return configuration.minimumInterval }
    var delay = loop.interval.nextDelay(using: &random)
    let now = ContinuousClock.now
    if let deadline = waiters.values.filter({ $0.rule == rule }).map(\.deadline).min() {
      delay = min(delay, max(.milliseconds(10), deadline - now))
    }
    let nextProgress = loop.lastProgressAt + configuration.progressEvery
    if configuration.progress != nil, nextProgress > now { delay = min(delay, nextProgress - now) }
    return delay
  }

  /// Sleeps until the delay passes or a new waiter makes the loop poll earlier.
  func sleep(rule: String, for delay: Duration) async {
    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
      guard loops[rule] != nil else { continuation.resume(); return }
      loops[rule]!.wake = continuation
      loops[rule]!.sleeper = Task {
        try? await Task.sleep(for: delay)
        if !Task.isCancelled { self.wakeLoop(rule) }
      }
    }
  }

  /// Moves the rule's next tick to `instant` (earlier only).
  func reschedule(rule: String, at instant: ContinuousClock.Instant) {
    guard loops[rule]?.wake != nil else { return }
    loops[rule]!.sleeper?.cancel()
    loops[rule]!.sleeper = Task {
      try? await Task.sleep(until: instant, clock: .continuous)
      if !Task.isCancelled { self.wakeLoop(rule) }
    }
  }

  func wakeLoop(_ rule: String) {
    guard let continuation = loops[rule]?.wake else { return }
    loops[rule]!.wake = nil
    loops[rule]!.sleeper = nil
    continuation.resume()
  }

  static func fingerprint(_ snapshot: [ResolvedResource: ComplianceResult]) -> Int {
    var total = snapshot.count
    for (resource, result) in snapshot {
      var hasher = Hasher()
      hasher.combine(resource)
      hasher.combine(result.compliance)
      hasher.combine(result.recordedAt)
      hasher.combine(result.annotation)
      total &+= hasher.finalize()
    }
    return total
  }
}
