import Foundation
import Testing
@testable import PotemkinAWS

@Suite("JSON 1.1 coding")
struct JSONProtocolTests {
  @Test("GetComplianceDetailsByConfigRule results decode with fractional epoch timestamps")
  func complianceDetails() throws {
    let body = """
      {"EvaluationResults":[{"EvaluationResultIdentifier":{"EvaluationResultQualifier":{
      "ConfigRuleName":"s3-bucket-kms","ResourceType":"AWS::S3::Bucket","ResourceId":"kms-bucket","EvaluationMode":"DETECTIVE"},
      "OrderingTimestamp":1714564800.5},"ComplianceType":"NON_COMPLIANT","ResultRecordedTime":1714564801,
      "ConfigRuleInvokedTime":1.714564800123E9,"Annotation":"No KMS key"}],"NextToken":"t2"}
      """
    let page = try JSONProtocol.decoder().decode(ConfigServiceWire.EvaluationResultsPage.self, from: Data(body.utf8))
    #expect(page.nextToken == "t2")
    let result = try #require(page.evaluationResults?.first)
    #expect(result.complianceType == .nonCompliant)
    #expect(result.resourceId == "kms-bucket")
    #expect(result.resourceType == "AWS::S3::Bucket")
    #expect(result.configRuleName == "s3-bucket-kms")
    #expect(result.evaluationResultIdentifier?.orderingTimestamp == Date(timeIntervalSince1970: 1_714_564_800.5))
    #expect(result.resultRecordedTime == Date(timeIntervalSince1970: 1_714_564_801))
    let invoked = try #require(result.configRuleInvokedTime)
    #expect(abs(invoked.timeIntervalSince1970 - 1_714_564_800.123) < 0.000_1)
    #expect(result.annotation == "No KMS key")
  }

  @Test("Config rules and recorder status decode, camelCase members included")
  func rulesAndRecorders() throws {
    let rules = """
      {"ConfigRules":[{"ConfigRuleName":"r","ConfigRuleArn":"arn:r","Scope":{"ComplianceResourceTypes":["AWS::S3::Bucket"]},
      "Source":{"Owner":"CUSTOM_LAMBDA","SourceIdentifier":"arn:aws:lambda:f","SourceDetails":[{"EventSource":"aws.config",
      "MessageType":"ScheduledNotification","MaximumExecutionFrequency":"One_Hour"}]},"ConfigRuleState":"ACTIVE",
      "MaximumExecutionFrequency":"One_Hour"}]}
      """
    let decoded = try JSONProtocol.decoder().decode(
      ConfigServiceWire.DescribeConfigRulesResponse.self, from: Data(rules.utf8))
    let rule = try #require(decoded.configRules?.first)
    #expect(rule.scope?.complianceResourceTypes == ["AWS::S3::Bucket"])
    #expect(rule.source?.owner == "CUSTOM_LAMBDA")
    #expect(rule.source?.sourceDetails?.first?.maximumExecutionFrequency == "One_Hour")
    #expect(rule.configRuleState == "ACTIVE")

    let status = """
      {"ConfigurationRecordersStatus":[{"name":"default","recording":true,"lastStatus":"SUCCESS","lastStartTime":1714564800}]}
      """
    let statuses = try JSONProtocol.decoder().decode(
      ConfigServiceWire.DescribeConfigurationRecorderStatusResponse.self, from: Data(status.utf8))
    #expect(statuses.configurationRecordersStatus?.first?.recording == true)
    #expect(statuses.configurationRecordersStatus?.first?.name == "default")

    let recorders = """
      {"ConfigurationRecorders":[{"name":"default","roleARN":"arn:aws:iam::1:role/r","recordingGroup":{"allSupported":true}}]}
      """
    let recorderPage = try JSONProtocol.decoder().decode(
      ConfigServiceWire.DescribeConfigurationRecordersResponse.self, from: Data(recorders.utf8))
    #expect(recorderPage.configurationRecorders?.first?.roleARN == "arn:aws:iam::1:role/r")
    #expect(recorderPage.configurationRecorders?.first?.recordingGroup?.allSupported == true)
  }

  @Test("Requests encode PascalCase members, except the camelCase operations")
  func encoding() throws {
    let request = ConfigServiceWire.GetComplianceDetailsByConfigRuleRequest(
      configRuleName: "r", complianceTypes: [.compliant, .nonCompliant], limit: 100, nextToken: nil)
    let pascal = String(decoding: try JSONProtocol.encoder().encode(request), as: UTF8.self)
    #expect(pascal == #"{"ComplianceTypes":["COMPLIANT","NON_COMPLIANT"],"ConfigRuleName":"r","Limit":100}"#)

    let list = ConfigServiceWire.ListDiscoveredResourcesRequest(resourceType: "AWS::S3::Bucket", limit: 5)
    let camel = String(decoding: try JSONProtocol.encoder(pascalCase: false).encode(list), as: UTF8.self)
    #expect(camel == #"{"limit":5,"resourceType":"AWS::S3::Bucket"}"#)

    let evaluation = Evaluation(
      complianceResourceType: "AWS::S3::Bucket", complianceResourceId: "b", complianceType: .compliant,
      orderingTimestamp: Date(timeIntervalSince1970: 1_714_564_800.25))
    let put = ConfigServiceWire.PutEvaluationsRequest(evaluations: [evaluation], resultToken: "x", testMode: true)
    let putJSON = String(decoding: try JSONProtocol.encoder().encode(put), as: UTF8.self)
    #expect(putJSON.contains(#""OrderingTimestamp":1714564800.25"#))
    #expect(putJSON.contains(#""TestMode":true"#))
  }
}
