import Foundation

/// The process-wide AWS Config compliance poller of one account and region.
///
/// Every waiting case registers here and suspends; one loop per rule with pending waiters reads
/// the rule's results for all of them in the fewest calls, resolves each waiter as soon as its
/// fresh result exists, and fails fast on what can never succeed. Get the shared instance with
/// `CompliancePoller.shared(for:)`; nothing here needs Swift Testing.
public actor CompliancePoller {
  let service: any ComplianceService
  let configuration: Configuration
  /// The region, for messages.
  let region: String?

  var waiters: [UInt64: ComplianceWaiter] = [:]
  var nextWaiterId: UInt64 = 0
  var loops: [String: RuleLoop] = [:]
  var ruleDescriptions: [String: RuleDescription] = [:]
  var recorderDescriptions: [RecorderDescription]?
  var checkedRules: Set<String> = []
  /// How many results each rule had at its last complete read; decides by-rule or by-resource reads.
  var resultCounts: [String: Int] = [:]
  var resolvedResources: [ResolutionKey: ResolvedResource] = [:]
  var resolutionsInFlight: [ResolutionKey: Task<ResolvedResource, any Error>] = [:]
  var triggers = TriggerState()
  var counts: [String: Int] = [:]
  var tickCount = 0
  var resolvedCount = 0
  var failedCount = 0
  var lastResolvedAt: Date?
  var random = SystemRandomNumberGenerator()

  init(service: any ComplianceService, region: String?, configuration: Configuration = Configuration()) {
    self.service = service
    self.region = region
    self.configuration = configuration
  }

  /// AWS Config calls made so far, by action name.
  public var callCounts: [String: Int] { counts }

  /// Calls, ticks and resolution counts so far.
  public var statistics: Statistics {
    Statistics(callCounts: counts, ticks: tickCount, resolved: resolvedCount, failed: failedCount,
               lastResolvedAt: lastResolvedAt)
  }

  /// Forgets the call and tick counts (not the caches), e.g. between benchmark rounds.
  public func resetStatistics() {
    counts = [:]
    tickCount = 0
    resolvedCount = 0
    failedCount = 0
    lastResolvedAt = nil
  }

  /// How many waiters are pending, over all rules.
  public var pendingCount: Int { waiters.count }

  /// Waits until rule `rule` reports a fresh result for `resource` that meets `expected`.
  ///
  /// - Parameters:
  ///   - rule: The Config rule name.
  ///   - resource: The resource as Config identifies it (see `resolve(_:in:)`).
  ///   - expected: The compliance to wait for; `.absent` waits for "no result" after an evaluation.
  ///   - annotation: A condition on the result's annotation, if any.
  ///   - notBefore: Results evaluated before this time (by the server's clock) are stale and ignored;
  ///     usually the stack's `createdAt`.
  ///   - mode: `.firstResult` fails at the first fresh mismatch; `.eventually` waits for a match.
  ///   - trigger: Also start an evaluation of the rule (for periodic rules), coalesced across waiters:
  ///     any start made after this call covers the waiter.
  ///   - timeout: How long to wait; `nil` uses the configuration's default (15 minutes).
  /// - Returns: The matching result.
  /// - Throws: `ComplianceError` (mismatch, timeout or a fail-fast kind), or `CancellationError`.
  public func waitForCompliance(
    rule: String, resource: ResolvedResource, expected: ExpectedCompliance, annotation: AnnotationMatcher? = nil,
    notBefore: Date, mode: ComplianceWaitMode = .firstResult, trigger: Bool = false, timeout: Duration? = nil
  ) async throws -> ComplianceResult {
    try await waitForCompliance(
      rule: rule, resource: resource, expected: expected, annotation: annotation, notBefore: notBefore, mode: mode,
      trigger: trigger ? .registration : nil, timeout: timeout)
  }

  /// `waitForCompliance` with the trigger's coverage spelt out.
  func waitForCompliance(
    rule: String, resource: ResolvedResource, expected: ExpectedCompliance, annotation: AnnotationMatcher?,
    notBefore: Date, mode: ComplianceWaitMode, trigger: TriggerCoverage?, timeout: Duration?
  ) async throws -> ComplianceResult {
    if let problem = annotation?.problem { throw ComplianceError.invalidAnnotation(problem) }
    let goal = ComplianceGoal(
      target: .compliance(expected, annotation, mode), notBefore: notBefore,
      allowance: configuration.freshnessAllowance)
    return try await register(rule: rule, resource: resource, goal: goal, trigger: trigger, timeout: timeout)
  }

  /// Resolves `expectation.resource` in `stack` and waits for its expected result of `rule`.
  ///
  /// Results count from the stack's creation time. With `trigger`, any evaluation start made after
  /// the stack was ready covers the waiter, so one start serves every case of a stack.
  public func expect(
    _ expectation: ComplianceCase, rule: ConfigRule, in stack: DeployedStack, trigger: Bool = false,
    timeout: Duration? = nil
  ) async throws -> ComplianceResult {
    let limit = timeout ?? configuration.defaultTimeout
    let resource = try await resolve(expectation.resource, in: stack, timeout: limit)
    return try await waitForCompliance(
      rule: rule.name, resource: resource, expected: expectation.expected, annotation: expectation.annotation,
      notBefore: stack.createdAt, mode: expectation.mode, trigger: trigger ? .existedBy(stack.readyAt) : nil,
      timeout: limit)
  }

  /// Waits until `resources` are gone from the rule's results or reported fresh `NOT_APPLICABLE`.
  ///
  /// Use it after deleting a stack, with `notBefore` = the time deletion started. Resources whose
  /// type is outside the rule's scope are skipped.
  /// - Returns: The last result seen of each resource (`compliance == nil` when removed).
  /// - Throws: `ComplianceError.Kind.notRemoved` listing what stayed, or a fail-fast error.
  @discardableResult
  public func waitForRemoval(
    rule: String, resources: [ResolvedResource], notBefore: Date, timeout: Duration? = nil
  ) async throws -> [ComplianceResult] {
    let scope = try await scopeTypes(of: rule)
    let relevant = Array(Set(resources.filter { scope.isEmpty || scope.contains($0.type) }))
    let goal = ComplianceGoal(target: .removal, notBefore: notBefore, allowance: configuration.freshnessAllowance)
    let start = ContinuousClock.now
    let outcomes = await withTaskGroup(of: Result<ComplianceResult, any Error>.self) { group in
      for resource in relevant {
        group.addTask {
          do {
            return .success(try await self.register(rule: rule, resource: resource, goal: goal, trigger: nil,
                                                    timeout: timeout))
          } catch { return .failure(error) }
        }
      }
      var all: [Result<ComplianceResult, any Error>] = []
      for await outcome in group { all.append(outcome) }
      return all
    }
    var results: [ComplianceResult] = []
    var remaining: [ComplianceResult] = []
    for outcome in outcomes {
      switch outcome {
      case .success(let result): results.append(result)
      case .failure(let error as ComplianceError) where error.kind == .timedOut:
        remaining.append(error.actual ?? ComplianceResult(
          ruleName: rule, resourceType: error.resource?.type ?? "?", resourceId: error.resource?.id ?? "?",
          compliance: nil))
      case .failure(let error): throw error
      }
    }
    if !remaining.isEmpty {
      throw ComplianceError.notRemoved(rule: rule, remaining: remaining, waited: .now - start)
    }
    return results
  }

  /// Waits until the resources of a deleted `stack` that are in the rule's scope are gone from the
  /// rule's results or reported fresh `NOT_APPLICABLE`.
  ///
  /// Resources whose Config id needs a lookup (IAM roles, EIPs) are included only when this poller
  /// resolved them before the deletion (Config may no longer list them afterwards).
  /// - Parameter deletionStartedAt: When deletion started; earlier `NOT_APPLICABLE` results do not count.
  @discardableResult
  public func waitForRemoval(
    rule: String, of stack: DeployedStack, deletionStartedAt: Date, timeout: Duration? = nil
  ) async throws -> [ComplianceResult] {
    let resources = stack.resources.compactMap { resource -> ResolvedResource? in
      guard !resource.physicalId.isEmpty else { return nil }
      guard Self.lookedUpTypes.contains(resource.type) else {
        return ResolvedResource(type: resource.type, id: resource.physicalId)
      }
      return resolvedResources[ResolutionKey(type: resource.type, physicalId: resource.physicalId)]
    }
    return try await waitForRemoval(
      rule: rule, resources: resources, notBefore: deletionStartedAt, timeout: timeout)
  }

  /// Registers a waiter and suspends until it is decided, cancelled or timed out.
  func register(
    rule: String, resource: ResolvedResource, goal: ComplianceGoal, trigger: TriggerCoverage?, timeout: Duration?
  ) async throws -> ComplianceResult {
    if let error = knownFailure(rule: rule, resource: resource) {
      failedCount += 1
      throw error
    }
    let id = nextWaiterId
    nextWaiterId += 1
    let now = ContinuousClock.now
    return try await withTaskCancellationHandler {
      try await withCheckedThrowingContinuation { continuation in
        if Task.isCancelled {
          continuation.resume(throwing: CancellationError())
          return
        }
        waiters[id] = ComplianceWaiter(
          id: id, rule: rule, resource: resource, goal: goal, registeredAt: now,
          deadline: now + (timeout ?? configuration.defaultTimeout), continuation: continuation)
        waiterAdded(rule: rule)
        if let trigger { requestTrigger(rule, existedBy: trigger.coveredFrom(registeredAt: Date())) }
      }
    } onCancel: {
      Task { await self.cancelWaiter(id) }
    }
  }

  /// Removes a cancelled waiter and resumes it with `CancellationError`.
  func cancelWaiter(_ id: UInt64) {
    guard let waiter = waiters.removeValue(forKey: id) else { return }
    waiter.continuation.resume(throwing: CancellationError())
  }

  /// Resolves waiter `id` with `result`.
  func resolveWaiter(_ id: UInt64, with result: ComplianceResult) {
    guard let waiter = waiters.removeValue(forKey: id) else { return }
    resolvedCount += 1
    lastResolvedAt = Date()
    loops[waiter.rule]?.resolved += 1
    waiter.continuation.resume(returning: result)
  }

  /// Fails waiter `id` with `error`.
  func failWaiter(_ id: UInt64, with error: any Error) {
    guard let waiter = waiters.removeValue(forKey: id) else { return }
    failedCount += 1
    loops[waiter.rule]?.resolved += 1
    waiter.continuation.resume(throwing: error)
  }

  /// Counts one call of `action` and runs it.
  func call<T: Sendable>(_ action: String, _ body: @Sendable () async throws -> T) async throws -> T {
    counts[action, default: 0] += 1
    return try await body()
  }
}
