import Foundation

/// The AWS Config operations the poller needs, in the poller's own terms.
///
/// The production conformance is `ConfigServiceClient`'s (one file, a thin mapping); keeping the
/// poller on this seam keeps its logic independent of wire-level shapes.
protocol ComplianceService: Sendable {
  /// One page of `GetComplianceDetailsByConfigRule` with all filterable compliance types.
  func resultsByRule(_ rule: String, limit: Int, nextToken: String?) async throws -> ResultPage
  /// All of `GetComplianceDetailsByResource` for one resource (every rule; the caller filters).
  func resultsByResource(_ resource: ResolvedResource) async throws -> [ComplianceResult]
  /// `DescribeConfigRules` for one rule.
  func describeRule(_ rule: String) async throws -> RuleDescription
  /// Every rule name of the account and region (`DescribeConfigRules`, paged).
  func ruleNames() async throws -> [String]
  /// `DescribeConfigRuleEvaluationStatus` for one rule.
  func evaluationStatus(_ rule: String) async throws -> RuleEvaluationStatus?
  /// `DescribeConfigurationRecorders` merged with `DescribeConfigurationRecorderStatus`.
  func recorders() async throws -> [RecorderDescription]
  /// `StartConfigRulesEvaluation` for up to 25 rules.
  func startEvaluation(_ rules: [String]) async throws
  /// Config resource ids of `ListDiscoveredResources` for a type and resource name.
  func discoveredResourceIds(type: String, name: String) async throws -> [String]
  /// How the poller should treat an error thrown by the methods above.
  func classify(_ error: any Error) -> ServiceErrorClass
}

/// The poller's view of a service error.
enum ServiceErrorClass: Sendable, Equatable {
  /// `NoSuchConfigRuleException`.
  case noSuchRule
  /// Throttling: slow down, never fail the waiters.
  case throttled
  /// `LimitExceededException` of StartConfigRulesEvaluation: wait and try again.
  case limitExceeded
  /// A transient fault (5xx, timeouts): try again next tick.
  case transient
  /// Anything else.
  case other
}

/// One page of results and the token of the next.
struct ResultPage: Sendable {
  var results: [ComplianceResult]
  var nextToken: String?
}

/// What the poller needs to know about a rule.
struct RuleDescription: Sendable, Hashable {
  var name: String
  /// `Scope.ComplianceResourceTypes`; empty means no type scope.
  var scopeTypes: [String]
  /// Whether the rule has a periodic trigger.
  var isPeriodic: Bool
}

/// What `DescribeConfigRuleEvaluationStatus` says about a rule.
struct RuleEvaluationStatus: Sendable, Hashable {
  var lastSuccessfulInvocation: Date?
  var lastFailedInvocation: Date?
  var lastSuccessfulEvaluation: Date?
  var lastFailedEvaluation: Date?
  var lastErrorCode: String?
  var lastErrorMessage: String?

  /// The latest invocation, successful or not.
  var lastInvocation: Date? {
    [lastSuccessfulInvocation, lastFailedInvocation].compactMap { $0 }.max()
  }
}

/// A configuration recorder with its status.
struct RecorderDescription: Sendable, Hashable {
  var name: String
  var allSupported: Bool
  var includeGlobalResourceTypes: Bool
  var resourceTypes: [String]
  var recording: Bool
  var lastStatus: String?

  /// Whether the recorder records `type` (global IAM types only with `includeGlobalResourceTypes`).
  func records(_ type: String) -> Bool {
    if resourceTypes.contains(type) { return true }
    guard allSupported else { return false }
    return includeGlobalResourceTypes || !type.hasPrefix("AWS::IAM::")
  }
}
