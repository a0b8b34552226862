import Foundation
import PotemkinAWS

/// Waits for a rule's compliance results through the shared poller: the engine of `potemkin expect`.
public struct ExpectationRun: Sendable {
  /// The rule name.
  public var rule: String
  /// The expectations, with the command-line text of each resource.
  public var cases: [(text: String, expectation: ComplianceCase)]
  /// The stack whose logical ids the cases may use.
  public var stackName: String?
  /// Results evaluated before this time are stale; default: the stack's creation time, else any result counts.
  public var since: Date?
  /// How long to wait for all results.
  public var timeout: Duration?
  /// Whether to start an evaluation of the rule (StartConfigRulesEvaluation) first.
  public var startEvaluation: Bool

  /// Creates a run.
  public init(
    rule: String, cases: [(text: String, expectation: ComplianceCase)], stackName: String? = nil,
    since: Date? = nil, timeout: Duration? = nil, startEvaluation: Bool = false
  ) {
    self.rule = rule
    self.cases = cases
    self.stackName = stackName
    self.since = since
    self.timeout = timeout
    self.startEvaluation = startEvaluation
  }

  /// Kinds that fail every case the same way: the run stops at the first one.
  static let stopKinds: Set<ComplianceError.Kind> = [.noSuchRule, .noRecorder, .recorderStopped]

  /// Waits for every case concurrently and reports each outcome as it resolves.
  /// - Parameters:
  ///   - connection: The account and region to ask.
  ///   - report: Called with each outcome as soon as it is known.
  /// - Returns: Every outcome, in the order they resolved.
  /// - Throws: `ComplianceError` for what can never succeed (no such rule, recorder missing or stopped),
  ///   `ExistingStackError` or `AWSError` when `stackName` cannot be read.
  public func run(
    connection: AWSConnection, report: @escaping @Sendable (ExpectationOutcome) -> Void
  ) async throws -> [ExpectationOutcome] {
    var loaded: DeployedStack?
    if let stackName { loaded = try await ExistingStack.load(stackName, connection: connection) }
    let stack = loaded
    let poller = try await CompliancePoller.shared(for: connection)
    let notBefore = since ?? loaded?.createdAt ?? Date(timeIntervalSince1970: 0)
    let rule = self.rule
    let trigger = startEvaluation
    let timeout = self.timeout
    return try await withThrowingTaskGroup(of: ExpectationOutcome.self) { group in
      for (text, expectation) in cases {
        group.addTask {
          var outcome = ExpectationOutcome(
            rule: rule, resource: text, expected: expectation.expected.description, passed: false)
          do {
            let resource = try await poller.resolve(expectation.resource, in: stack, timeout: timeout ?? .seconds(120))
            outcome.resourceType = resource.type
            outcome.resourceId = resource.id
            let result = try await poller.waitForCompliance(
              rule: rule, resource: resource, expected: expectation.expected, annotation: expectation.annotation,
              notBefore: notBefore, mode: expectation.mode, trigger: trigger, timeout: timeout)
            outcome.actual = result.compliance?.rawValue
            outcome.annotation = result.annotation
            outcome.evaluatedAt = result.evaluatedAt
            outcome.passed = true
          } catch let error as ComplianceError {
            if Self.stopKinds.contains(error.kind) { throw error }
            outcome.actual = error.actual?.compliance?.rawValue
            outcome.annotation = error.actual?.annotation
            outcome.evaluatedAt = error.actual?.evaluatedAt
            outcome.message = error.description
          }
          report(outcome)
          return outcome
        }
      }
      var outcomes: [ExpectationOutcome] = []
      for try await outcome in group { outcomes.append(outcome) }
      return outcomes
    }
  }
}
