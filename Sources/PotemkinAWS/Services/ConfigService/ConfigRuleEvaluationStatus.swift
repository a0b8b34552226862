import Foundation

/// How a rule's evaluations have gone, from DescribeConfigRuleEvaluationStatus.
public struct ConfigRuleEvaluationStatus: Sendable, Hashable, Codable {
  /// The rule name.
  public var configRuleName: String?
  /// The rule ARN.
  public var configRuleArn: String?
  /// The rule id.
  public var configRuleId: String?
  /// When Config last invoked the rule successfully.
  public var lastSuccessfulInvocationTime: Date?
  /// When an invocation last failed.
  public var lastFailedInvocationTime: Date?
  /// When Config last evaluated resources successfully.
  public var lastSuccessfulEvaluationTime: Date?
  /// When an evaluation last failed.
  public var lastFailedEvaluationTime: Date?
  /// When the rule was first activated.
  public var firstActivatedTime: Date?
  /// When the rule was last deactivated.
  public var lastDeactivatedTime: Date?
  /// The error code of the last failure.
  public var lastErrorCode: String?
  /// The error message of the last failure.
  public var lastErrorMessage: String?
  /// Whether Config has started evaluating the rule since it was created.
  public var firstEvaluationStarted: Bool?

  /// Creates a status.
  public init(
    configRuleName: String? = nil, configRuleArn: String? = nil, configRuleId: String? = nil,
    lastSuccessfulInvocationTime: Date? = nil, lastFailedInvocationTime: Date? = nil,
    lastSuccessfulEvaluationTime: Date? = nil, lastFailedEvaluationTime: Date? = nil,
    firstActivatedTime: Date? = nil, lastDeactivatedTime: Date? = nil, lastErrorCode: String? = nil,
    lastErrorMessage: String? = nil, firstEvaluationStarted: Bool? = nil
  ) {
    self.configRuleName = configRuleName
    self.configRuleArn = configRuleArn
    self.configRuleId = configRuleId
    self.lastSuccessfulInvocationTime = lastSuccessfulInvocationTime
    self.lastFailedInvocationTime = lastFailedInvocationTime
    self.lastSuccessfulEvaluationTime = lastSuccessfulEvaluationTime
    self.lastFailedEvaluationTime = lastFailedEvaluationTime
    self.firstActivatedTime = firstActivatedTime
    self.lastDeactivatedTime = lastDeactivatedTime
    self.lastErrorCode = lastErrorCode
    self.lastErrorMessage = lastErrorMessage
    self.firstEvaluationStarted = firstEvaluationStarted
  }
}
