import Foundation

/// The request and response bodies of the Config operations, as sent on the wire.
enum ConfigServiceWire {
  struct GetComplianceDetailsByConfigRuleRequest: Encodable {
    var configRuleName: String
    var complianceTypes: [ComplianceType]?
    var limit: Int?
    var nextToken: String?
  }

  struct GetComplianceDetailsByResourceRequest: Encodable {
    var resourceType: String
    var resourceId: String
    var complianceTypes: [ComplianceType]?
    var nextToken: String?
  }

  struct EvaluationResultsPage: Decodable {
    var evaluationResults: [EvaluationResult]?
    var nextToken: String?
  }

  struct RuleNames: Encodable {
    var configRuleNames: [String]?
    var nextToken: String?
    var limit: Int?
  }

  struct DescribeConfigRulesResponse: Decodable {
    var configRules: [ConfigRuleDescription]?
    var nextToken: String?
  }

  struct DescribeConfigRuleEvaluationStatusResponse: Decodable {
    var configRulesEvaluationStatus: [ConfigRuleEvaluationStatus]?
    var nextToken: String?
  }

  struct RecorderNames: Encodable {
    var configurationRecorderNames: [String]?
  }

  struct DescribeConfigurationRecordersResponse: Decodable {
    var configurationRecorders: [ConfigurationRecorder]?
  }

  struct DescribeConfigurationRecorderStatusResponse: Decodable {
    var configurationRecordersStatus: [ConfigurationRecorderStatus]?
  }

  /// Sent with camelCase member names, as the API defines them.
  struct ListDiscoveredResourcesRequest: Encodable {
    var resourceType: String
    var resourceIds: [String]?
    var resourceName: String?
    var limit: Int?
    var includeDeletedResources: Bool?
    var nextToken: String?
  }

  struct ListDiscoveredResourcesResponse: Decodable {
    var resourceIdentifiers: [DiscoveredResource]?
    var nextToken: String?
  }

  struct PutEvaluationsRequest: Encodable {
    var evaluations: [Evaluation]
    var resultToken: String
    var testMode: Bool?
  }

  struct PutEvaluationsResponse: Decodable {
    var failedEvaluations: [Evaluation]?
  }
}
