import Foundation

/// One rule's verdict on one resource, from GetComplianceDetailsByConfigRule / ByResource.
public struct EvaluationResult: Sendable, Hashable, Codable {
  /// Which rule evaluated which resource.
  public struct Qualifier: Sendable, Hashable, Codable {
    /// The rule name.
    public var configRuleName: String?
    /// The resource type, e.g. `AWS::S3::Bucket`.
    public var resourceType: String?
    /// The resource id as Config knows it.
    public var resourceId: String?
    /// The evaluation mode (`DETECTIVE` or `PROACTIVE`).
    public var evaluationMode: String?

    /// Creates a qualifier.
    public init(
      configRuleName: String? = nil, resourceType: String? = nil, resourceId: String? = nil,
      evaluationMode: String? = nil
    ) {
      self.configRuleName = configRuleName
      self.resourceType = resourceType
      self.resourceId = resourceId
      self.evaluationMode = evaluationMode
    }
  }

  /// The identity of an evaluation: qualifier plus ordering timestamp.
  public struct Identifier: Sendable, Hashable, Codable {
    /// Which rule and resource.
    public var evaluationResultQualifier: Qualifier?
    /// The time of the event that triggered the evaluation.
    public var orderingTimestamp: Date?
    /// The resource evaluation id (proactive mode).
    public var resourceEvaluationId: String?

    /// Creates an identifier.
    public init(evaluationResultQualifier: Qualifier? = nil, orderingTimestamp: Date? = nil, resourceEvaluationId: String? = nil) {
      self.evaluationResultQualifier = evaluationResultQualifier
      self.orderingTimestamp = orderingTimestamp
      self.resourceEvaluationId = resourceEvaluationId
    }
  }

  /// Which rule evaluated which resource, and when the triggering event happened.
  public var evaluationResultIdentifier: Identifier?
  /// The verdict.
  public var complianceType: ComplianceType?
  /// When Config recorded the result.
  public var resultRecordedTime: Date?
  /// When the rule's function was invoked.
  public var configRuleInvokedTime: Date?
  /// The rule's explanation.
  public var annotation: String?

  /// Creates a result.
  public init(
    evaluationResultIdentifier: Identifier? = nil, complianceType: ComplianceType? = nil,
    resultRecordedTime: Date? = nil, configRuleInvokedTime: Date? = nil, annotation: String? = nil
  ) {
    self.evaluationResultIdentifier = evaluationResultIdentifier
    self.complianceType = complianceType
    self.resultRecordedTime = resultRecordedTime
    self.configRuleInvokedTime = configRuleInvokedTime
    self.annotation = annotation
  }

  /// The evaluated resource's type.
  public var resourceType: String? { evaluationResultIdentifier?.evaluationResultQualifier?.resourceType }
  /// The evaluated resource's id.
  public var resourceId: String? { evaluationResultIdentifier?.evaluationResultQualifier?.resourceId }
  /// The rule's name.
  public var configRuleName: String? { evaluationResultIdentifier?.evaluationResultQualifier?.configRuleName }
}
