/// The request of CreateStack (and, with `UpdateStackInput`, UpdateStack).
public struct CreateStackInput: Sendable, Hashable {
  /// What CloudFormation does when creation fails.
  public enum OnFailure: String, Sendable, Hashable {
    /// Leave the failed resources in place.
    case doNothing = "DO_NOTHING"
    /// Roll back (the default).
    case rollback = "ROLLBACK"
    /// Delete the stack.
    case delete = "DELETE"
  }

  /// The stack name.
  public var stackName: String
  /// The template.
  public var template: TemplateSource
  /// Template parameter values.
  public var parameters: [StackParameter]
  /// Capabilities such as `CAPABILITY_IAM`, `CAPABILITY_NAMED_IAM`, `CAPABILITY_AUTO_EXPAND`.
  public var capabilities: [String]
  /// Stack tags (propagated to resources that support tags).
  public var tags: [ResourceTag]
  /// What to do on failure; `nil` is the service default (rollback). Not sent with `disableRollback`.
  public var onFailure: OnFailure?
  /// Whether to disable rollback on failure.
  public var disableRollback: Bool?
  /// Minutes before creation fails if not complete.
  public var timeoutInMinutes: Int?
  /// An idempotency token.
  public var clientRequestToken: String?
  /// The IAM role CloudFormation assumes for the operation.
  public var roleARN: String?
  /// Whether termination protection is on.
  public var enableTerminationProtection: Bool?

  /// Creates a request.
  public init(
    stackName: String, template: TemplateSource, parameters: [StackParameter] = [], capabilities: [String] = [],
    tags: [ResourceTag] = [], onFailure: OnFailure? = nil, disableRollback: Bool? = nil,
    timeoutInMinutes: Int? = nil, clientRequestToken: String? = nil, roleARN: String? = nil,
    enableTerminationProtection: Bool? = nil
  ) {
    self.stackName = stackName
    self.template = template
    self.parameters = parameters
    self.capabilities = capabilities
    self.tags = tags
    self.onFailure = onFailure
    self.disableRollback = disableRollback
    self.timeoutInMinutes = timeoutInMinutes
    self.clientRequestToken = clientRequestToken
    self.roleARN = roleARN
    self.enableTerminationProtection = enableTerminationProtection
  }

  /// The Query parameters of the request.
  func queryParameters(action: String = "CreateStack") -> QueryParameters {
    var query = QueryParameters(action: action, version: CloudFormationClient.apiVersion)
    query.set("StackName", stackName)
    template.encode(into: &query)
    query.setList("Parameters", parameters) {
      [("ParameterKey", $0.key), ("ParameterValue", $0.value), ("UsePreviousValue", $0.usePreviousValue.map { $0 ? "true" : "false" })]
    }
    query.setList("Capabilities", capabilities)
    query.setList("Tags", tags) { [("Key", $0.key), ("Value", $0.value)] }
    if action == "CreateStack" {
      if let disableRollback { query.set("DisableRollback", disableRollback) } else { query.set("OnFailure", onFailure?.rawValue) }
      query.set("TimeoutInMinutes", timeoutInMinutes)
      query.set("EnableTerminationProtection", enableTerminationProtection)
    } else {
      query.set("DisableRollback", disableRollback)
    }
    query.set("ClientRequestToken", clientRequestToken)
    query.set("RoleARN", roleARN)
    return query
  }
}
