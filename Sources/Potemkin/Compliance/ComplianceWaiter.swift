import Foundation

/// What one registered waiter waits for, and how a result decides it.
struct ComplianceGoal: Sendable, Hashable {
  enum Target: Sendable, Hashable {
    /// A result with this expectation (and annotation).
    case compliance(ExpectedCompliance, AnnotationMatcher?, ComplianceWaitMode)
    /// Gone from the rule's results, or a fresh `NOT_APPLICABLE`.
    case removal
  }

  var target: Target
  var notBefore: Date
  var allowance: Duration

  /// The outcome of looking at the rule's latest result for the resource.
  enum Decision: Equatable {
    case pending
    case resolved(ComplianceResult)
    case mismatch(ComplianceResult)
  }

  /// Whether this goal can only be judged with the rule's complete result list (absence matters).
  var needsCompleteResults: Bool {
    switch target {
    case .removal: true
    case .compliance(let expected, _, _): expected == .absent
    }
  }

  /// Decides on `result` (the resource's latest result, `nil` when none).
  ///
  /// - Parameters:
  ///   - complete: Whether `result == nil` really means "no result" (the whole list was read).
  ///   - ruleEvaluatedSince: Whether the rule finished an evaluation since `notBefore` (for `.absent`).
  func decide(_ result: ComplianceResult?, placeholder: ComplianceResult, complete: Bool, ruleEvaluatedSince: Bool)
    -> Decision
  {
    let fresh = result.map { $0.isFresh(notBefore: notBefore, allowance: allowance) } ?? false
    switch target {
    case .removal:
      if let result, result.compliance != nil {
        return result.compliance == .notApplicable && fresh ? .resolved(result) : .pending
      }
      return complete ? .resolved(result ?? placeholder) : .pending
    case .compliance(.absent, _, let mode):
      if let result, fresh, result.compliance != nil {
        return mode == .firstResult ? .mismatch(result) : .pending
      }
      if complete, result?.compliance == nil, ruleEvaluatedSince { return .resolved(result ?? placeholder) }
      return .pending
    case .compliance(let expected, let matcher, let mode):
      guard let result, fresh else { return .pending }
      let matches = result.compliance == expected.compliance && (matcher?.matches(result.annotation) ?? true)
      if matches { return .resolved(result) }
      return mode == .firstResult ? .mismatch(result) : .pending
    }
  }
}

/// One suspended caller of the poller.
struct ComplianceWaiter {
  let id: UInt64
  let rule: String
  let resource: ResolvedResource
  let goal: ComplianceGoal
  let registeredAt: ContinuousClock.Instant
  let deadline: ContinuousClock.Instant
  let continuation: CheckedContinuation<ComplianceResult, any Error>
  /// The latest result seen for the resource, fresh or not.
  var latest: ComplianceResult?
  /// The latest fresh result that did not match (mode `.eventually`).
  var lastFresh: ComplianceResult?

  /// A result standing for "no result of the rule for this resource".
  var placeholder: ComplianceResult {
    ComplianceResult(ruleName: rule, resourceType: resource.type, resourceId: resource.id, compliance: nil)
  }
}
