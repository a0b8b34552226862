import Foundation
import PotemkinAWS

/// The poller's Config operations, mapped onto the typed `ConfigServiceClient`.
extension ConfigServiceClient: ComplianceService {
  func resultsByRule(_ rule: String, limit: Int, nextToken: String?) async throws -> ResultPage {
    let page = try await getComplianceDetailsByConfigRule(
      configRuleName: rule, complianceTypes: Self.filterTypes, limit: limit, nextToken: nextToken)
    return ResultPage(results: page.results.compactMap { Self.result($0, rule: rule) }, nextToken: page.nextToken)
  }

  func resultsByResource(_ resource: ResolvedResource) async throws -> [ComplianceResult] {
    var results: [ComplianceResult] = []
    var token: String?
    repeat {
      let page = try await getComplianceDetailsByResource(
        resourceType: resource.type, resourceId: resource.id, complianceTypes: Self.filterTypes, nextToken: token)
      results += page.results.compactMap { Self.result($0, rule: nil) }
      token = page.nextToken
    } while token != nil
    return results
  }

  func describeRule(_ rule: String) async throws -> RuleDescription {
    let page = try await describeConfigRules(configRuleNames: [rule])
    guard let found = page.rules.first(where: { $0.configRuleName == rule }) ?? page.rules.first else {
      throw AWSError(
        code: "NoSuchConfigRuleException", message: "The ConfigRule '\(rule)' provided in the request is invalid.",
        httpStatus: 400, service: "Config", operation: "DescribeConfigRules")
    }
    let periodic = (found.source?.sourceDetails ?? []).contains { $0.messageType == "ScheduledNotification" }
      || found.maximumExecutionFrequency != nil
    return RuleDescription(
      name: found.configRuleName ?? rule, scopeTypes: found.scope?.complianceResourceTypes ?? [], isPeriodic: periodic)
  }

  func ruleNames() async throws -> [String] {
    var names: [String] = []
    var token: String?
    var pages = 0
    repeat {
      let page = try await describeConfigRules(nextToken: token)
      names += page.rules.compactMap(\.configRuleName)
      token = page.nextToken
      pages += 1
    } while token != nil && pages < 40
    return names
  }

  func evaluationStatus(_ rule: String) async throws -> RuleEvaluationStatus? {
    let page = try await describeConfigRuleEvaluationStatus(configRuleNames: [rule])
    guard let status = page.statuses.first(where: { $0.configRuleName == rule }) ?? page.statuses.first else {
      return nil
    }
    return RuleEvaluationStatus(
      lastSuccessfulInvocation: status.lastSuccessfulInvocationTime,
      lastFailedInvocation: status.lastFailedInvocationTime,
      lastSuccessfulEvaluation: status.lastSuccessfulEvaluationTime,
      lastFailedEvaluation: status.lastFailedEvaluationTime,
      lastErrorCode: status.lastErrorCode, lastErrorMessage: status.lastErrorMessage)
  }

  func recorders() async throws -> [RecorderDescription] {
    async let described = describeConfigurationRecorders()
    async let statuses = describeConfigurationRecorderStatus()
    let (recorders, states) = try await (described, statuses)
    return recorders.map { recorder in
      let state = states.first { $0.name == recorder.name }
      let group = recorder.recordingGroup
      return RecorderDescription(
        name: recorder.name ?? "default", allSupported: group?.allSupported ?? false,
        includeGlobalResourceTypes: group?.includeGlobalResourceTypes ?? false,
        resourceTypes: group?.resourceTypes ?? [], recording: state?.recording ?? false,
        lastStatus: state?.lastStatus)
    }
  }

  func startEvaluation(_ rules: [String]) async throws {
    try await startConfigRulesEvaluation(configRuleNames: rules)
  }

  func discoveredResourceIds(type: String, name: String) async throws -> [String] {
    let page = try await listDiscoveredResources(resourceType: type, resourceName: name)
    return page.resources.filter { $0.resourceName == nil || $0.resourceName == name }.compactMap(\.resourceId)
  }

  func classify(_ error: any Error) -> ServiceErrorClass {
    guard let error = error as? AWSError else { return error is CancellationError ? .other : .transient }
    switch error.code {
    case "NoSuchConfigRuleException": return .noSuchRule
    case "LimitExceededException": return .limitExceeded
    default: break
    }
    if error.isThrottling { return .throttled }
    if error.isTransient { return .transient }
    return .other
  }

  private static let filterTypes: [ComplianceType] = Compliance.filterable.map { ComplianceType(rawValue: $0.wireValue) }

  private static func result(_ result: EvaluationResult, rule: String?) -> ComplianceResult? {
    guard let type = result.resourceType, let id = result.resourceId else { return nil }
    return ComplianceResult(
      ruleName: result.configRuleName ?? rule ?? "", resourceType: type, resourceId: id,
      compliance: result.complianceType.flatMap { Compliance(wireValue: $0.rawValue) },
      annotation: result.annotation, recordedAt: result.resultRecordedTime, invokedAt: result.configRuleInvokedTime)
  }
}
