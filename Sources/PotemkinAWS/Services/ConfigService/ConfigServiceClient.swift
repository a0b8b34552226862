import Foundation

/// Typed AWS Config operations (JSON 1.1 protocol, target prefix `StarlingDoveService`).
public struct ConfigServiceClient: Sendable {
  /// The `X-Amz-Target` prefix of every operation.
  static let targetPrefix = "StarlingDoveService"

  /// The client that signs and sends the requests.
  public let client: AWSClient

  /// Creates a Config client over `client`.
  public init(client: AWSClient) {
    self.client = client
  }

  private func call<Input: Encodable, Output: Decodable>(
    _ operation: String, _ input: Input, pascalCase: Bool = true, as output: Output.Type = Output.self
  ) async throws -> Output {
    try await client.json(
      .configService, targetPrefix: Self.targetPrefix, operation: operation, input: input, pascalCase: pascalCase)
  }

  /// Returns one page of a rule's results, optionally filtered by compliance (not `INSUFFICIENT_DATA`).
  /// - Parameter limit: Results per page, at most 100 (the service default is 10).
  public func getComplianceDetailsByConfigRule(
    configRuleName: String, complianceTypes: [ComplianceType] = [], limit: Int? = 100, nextToken: String? = nil
  ) async throws -> (results: [EvaluationResult], nextToken: String?) {
    let input = ConfigServiceWire.GetComplianceDetailsByConfigRuleRequest(
      configRuleName: configRuleName, complianceTypes: complianceTypes.isEmpty ? nil : complianceTypes,
      limit: limit, nextToken: nextToken)
    let page: ConfigServiceWire.EvaluationResultsPage = try await call("GetComplianceDetailsByConfigRule", input)
    return (page.evaluationResults ?? [], page.nextToken.flatMap { $0.isEmpty ? nil : $0 })
  }

  /// The pages of a rule's results.
  public func complianceDetailsPages(
    configRuleName: String, complianceTypes: [ComplianceType] = [], maxPages: Int = 100
  ) -> PageSequence<[EvaluationResult]> {
    PageSequence(maxPages: maxPages) { token in
      let page = try await getComplianceDetailsByConfigRule(
        configRuleName: configRuleName, complianceTypes: complianceTypes, nextToken: token)
      return (page.results, page.nextToken)
    }
  }

  /// Returns one page of the results of every rule for one resource.
  public func getComplianceDetailsByResource(
    resourceType: String, resourceId: String, complianceTypes: [ComplianceType] = [], nextToken: String? = nil
  ) async throws -> (results: [EvaluationResult], nextToken: String?) {
    let input = ConfigServiceWire.GetComplianceDetailsByResourceRequest(
      resourceType: resourceType, resourceId: resourceId,
      complianceTypes: complianceTypes.isEmpty ? nil : complianceTypes, nextToken: nextToken)
    let page: ConfigServiceWire.EvaluationResultsPage = try await call("GetComplianceDetailsByResource", input)
    return (page.evaluationResults ?? [], page.nextToken.flatMap { $0.isEmpty ? nil : $0 })
  }

  /// Asks Config to evaluate 1 to 25 rules now.
  /// - Throws: `AWSError` `LimitExceededException` while an evaluation runs or when called more than once a minute.
  public func startConfigRulesEvaluation(configRuleNames: [String]) async throws {
    let _: EmptyJSON = try await call(
      "StartConfigRulesEvaluation", ConfigServiceWire.RuleNames(configRuleNames: configRuleNames))
  }

  /// Returns one page of rules: the named ones, or all when `configRuleNames` is empty.
  /// - Throws: `AWSError` `NoSuchConfigRuleException` when a named rule does not exist.
  public func describeConfigRules(
    configRuleNames: [String] = [], nextToken: String? = nil
  ) async throws -> (rules: [ConfigRuleDescription], nextToken: String?) {
    let input = ConfigServiceWire.RuleNames(
      configRuleNames: configRuleNames.isEmpty ? nil : configRuleNames, nextToken: nextToken)
    let page: ConfigServiceWire.DescribeConfigRulesResponse = try await call("DescribeConfigRules", input)
    return (page.configRules ?? [], page.nextToken.flatMap { $0.isEmpty ? nil : $0 })
  }

  /// Returns one page of the evaluation status of the named rules (all when empty).
  public func describeConfigRuleEvaluationStatus(
    configRuleNames: [String] = [], limit: Int? = nil, nextToken: String? = nil
  ) async throws -> (statuses: [ConfigRuleEvaluationStatus], nextToken: String?) {
    let input = ConfigServiceWire.RuleNames(
      configRuleNames: configRuleNames.isEmpty ? nil : configRuleNames, nextToken: nextToken, limit: limit)
    let page: ConfigServiceWire.DescribeConfigRuleEvaluationStatusResponse = try await call(
      "DescribeConfigRuleEvaluationStatus", input)
    return (page.configRulesEvaluationStatus ?? [], page.nextToken.flatMap { $0.isEmpty ? nil : $0 })
  }

  /// Returns the named configuration recorders (all when empty).
  public func describeConfigurationRecorders(names: [String] = []) async throws -> [ConfigurationRecorder] {
    let page: ConfigServiceWire.DescribeConfigurationRecordersResponse = try await call(
      "DescribeConfigurationRecorders",
      ConfigServiceWire.RecorderNames(configurationRecorderNames: names.isEmpty ? nil : names))
    return page.configurationRecorders ?? []
  }

  /// Returns the status of the named configuration recorders (all when empty).
  public func describeConfigurationRecorderStatus(names: [String] = []) async throws -> [ConfigurationRecorderStatus] {
    let page: ConfigServiceWire.DescribeConfigurationRecorderStatusResponse = try await call(
      "DescribeConfigurationRecorderStatus",
      ConfigServiceWire.RecorderNames(configurationRecorderNames: names.isEmpty ? nil : names))
    return page.configurationRecordersStatus ?? []
  }

  /// Returns one page of the recorded resources of a type.
  public func listDiscoveredResources(
    resourceType: String, resourceIds: [String] = [], resourceName: String? = nil, limit: Int? = nil,
    includeDeletedResources: Bool? = nil, nextToken: String? = nil
  ) async throws -> (resources: [DiscoveredResource], nextToken: String?) {
    let input = ConfigServiceWire.ListDiscoveredResourcesRequest(
      resourceType: resourceType, resourceIds: resourceIds.isEmpty ? nil : resourceIds, resourceName: resourceName,
      limit: limit, includeDeletedResources: includeDeletedResources, nextToken: nextToken)
    let page: ConfigServiceWire.ListDiscoveredResourcesResponse = try await call(
      "ListDiscoveredResources", input, pascalCase: false)
    return (page.resourceIdentifiers ?? [], page.nextToken.flatMap { $0.isEmpty ? nil : $0 })
  }

  /// Reports evaluations as a rule would and returns those Config rejected.
  /// - Parameter testMode: When true, Config validates without storing (the only mode moto supports).
  public func putEvaluations(
    _ evaluations: [Evaluation], resultToken: String, testMode: Bool? = nil
  ) async throws -> [Evaluation] {
    let page: ConfigServiceWire.PutEvaluationsResponse = try await call(
      "PutEvaluations",
      ConfigServiceWire.PutEvaluationsRequest(evaluations: evaluations, resultToken: resultToken, testMode: testMode))
    return page.failedEvaluations ?? []
  }
}
