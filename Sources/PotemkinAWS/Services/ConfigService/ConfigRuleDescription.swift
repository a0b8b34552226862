/// A Config rule as DescribeConfigRules reports it.
public struct ConfigRuleDescription: Sendable, Hashable, Codable {
  /// Which resources the rule evaluates.
  public struct Scope: Sendable, Hashable, Codable {
    /// The resource types, e.g. `AWS::S3::Bucket`.
    public var complianceResourceTypes: [String]?
    /// Only resources with this tag key.
    public var tagKey: String?
    /// Only resources with this tag value.
    public var tagValue: String?
    /// Only this resource.
    public var complianceResourceId: String?

    /// Creates a scope.
    public init(
      complianceResourceTypes: [String]? = nil, tagKey: String? = nil, tagValue: String? = nil,
      complianceResourceId: String? = nil
    ) {
      self.complianceResourceTypes = complianceResourceTypes
      self.tagKey = tagKey
      self.tagValue = tagValue
      self.complianceResourceId = complianceResourceId
    }
  }

  /// What runs the rule.
  public struct Source: Sendable, Hashable, Codable {
    /// When the rule runs.
    public struct Detail: Sendable, Hashable, Codable {
      /// `aws.config`.
      public var eventSource: String?
      /// e.g. `ConfigurationItemChangeNotification` or `ScheduledNotification`.
      public var messageType: String?
      /// The period of periodic rules, e.g. `TwentyFour_Hours`.
      public var maximumExecutionFrequency: String?

      /// Creates a detail.
      public init(eventSource: String? = nil, messageType: String? = nil, maximumExecutionFrequency: String? = nil) {
        self.eventSource = eventSource
        self.messageType = messageType
        self.maximumExecutionFrequency = maximumExecutionFrequency
      }
    }

    /// `AWS`, `CUSTOM_LAMBDA` or `CUSTOM_POLICY`.
    public var owner: String?
    /// The managed rule id or the Lambda function ARN.
    public var sourceIdentifier: String?
    /// The triggers.
    public var sourceDetails: [Detail]?

    /// Creates a source.
    public init(owner: String? = nil, sourceIdentifier: String? = nil, sourceDetails: [Detail]? = nil) {
      self.owner = owner
      self.sourceIdentifier = sourceIdentifier
      self.sourceDetails = sourceDetails
    }
  }

  /// The rule name.
  public var configRuleName: String?
  /// The rule ARN.
  public var configRuleArn: String?
  /// The rule id.
  public var configRuleId: String?
  /// The description.
  public var description: String?
  /// Which resources it evaluates.
  public var scope: Scope?
  /// What runs it.
  public var source: Source?
  /// The rule's parameters as a JSON string.
  public var inputParameters: String?
  /// The period of a periodic rule.
  public var maximumExecutionFrequency: String?
  /// `ACTIVE`, `DELETING`, `DELETING_RESULTS`, `EVALUATING`.
  public var configRuleState: String?
  /// The service that created the rule, for service-linked rules.
  public var createdBy: String?

  /// Creates a rule value.
  public init(
    configRuleName: String? = nil, configRuleArn: String? = nil, configRuleId: String? = nil,
    description: String? = nil, scope: Scope? = nil, source: Source? = nil, inputParameters: String? = nil,
    maximumExecutionFrequency: String? = nil, configRuleState: String? = nil, createdBy: String? = nil
  ) {
    self.configRuleName = configRuleName
    self.configRuleArn = configRuleArn
    self.configRuleId = configRuleId
    self.description = description
    self.scope = scope
    self.source = source
    self.inputParameters = inputParameters
    self.maximumExecutionFrequency = maximumExecutionFrequency
    self.configRuleState = configRuleState
    self.createdBy = createdBy
  }
}
