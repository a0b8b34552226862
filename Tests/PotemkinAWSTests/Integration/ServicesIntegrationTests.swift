import Foundation
import Testing
@testable import PotemkinAWS

@Suite("S3, STS and Config against a real server")
struct ServicesIntegrationTests {
  @Test("STS GetCallerIdentity names the account")
  func callerIdentity() async throws {
    let server = try await TestBackend.shared.server()
    let identity = try await STSClient(client: try IntegrationClients.client(server)).getCallerIdentity()
    #expect(identity.account == "123456789012")
    #expect(identity.arn.hasPrefix("arn:aws:"))
  }

  @Test("S3 buckets and objects are created, checked and deleted", arguments: ["us-east-1", "eu-west-1"])
  func s3Lifecycle(region: String) async throws {
    let server = try await TestBackend.shared.server()
    let client = try IntegrationClients.client(server, region: region)
    let s3 = S3Client(client: client)
    let bucket = IntegrationClients.uniqueName("potemkin-s3")
    try await s3.createBucket(bucket)
    try await s3.createBucket(bucket)  // Already ours: a no-op in every region, so retries are safe.
    let bucketRegion = try await s3.headBucket(bucket)
    #expect(bucketRegion == nil || bucketRegion == region)
    let etag = try await s3.putObject(
      bucket: bucket, key: "templates/a b+c.yml", body: Data("Resources: {}".utf8), contentType: "text/yaml")
    #expect(etag != nil)
    try await s3.deleteObject(bucket: bucket, key: "templates/a b+c.yml")
    try await s3.deleteBucket(bucket)
    let error = await #expect(throws: AWSError.self) { try await s3.headBucket(bucket) }
    #expect(error?.code == "NotFound")
    #expect(error?.httpStatus == 404)
    let missing = await #expect(throws: AWSError.self) { try await s3.deleteBucket(bucket) }
    #expect(missing?.code == "NoSuchBucket")
    #expect(missing?.description.contains("S3 DeleteBucket failed: NoSuchBucket (HTTP 404)") == true)
  }

  @Test("Config answers recorder and rule queries, and names a missing recorder")
  func config() async throws {
    let server = try await TestBackend.shared.server()
    let config = ConfigServiceClient(client: try IntegrationClients.client(server))
    let recorders = try await config.describeConfigurationRecorders()
    let statuses = try await config.describeConfigurationRecorderStatus()
    #expect(recorders.count == statuses.count)
    let rules = try await config.describeConfigRules()
    #expect(rules.nextToken == nil)
    let error = await #expect(throws: AWSError.self) {
      try await config.describeConfigurationRecorders(names: ["potemkin-no-such-recorder"])
    }
    #expect(error?.code == "NoSuchConfigurationRecorderException")
    #expect(error?.service == "Config")
  }

  @Test("Config compliance APIs answer on the local backend")
  func compliance() async throws {
    let server = try await TestBackend.shared.server()
    try #require(
      server.isLocalBackend || ProcessInfo.processInfo.environment["POTEMKIN_REQUIRE_LOCAL_BACKEND"] == nil,
      "POTEMKIN_REQUIRE_LOCAL_BACKEND is set but Tools/LocalAWS/server.py or .venv/bin/python is missing")
    guard server.isLocalBackend else {
      // Plain moto lacks the compliance APIs: check that the error is readable instead.
      let config = ConfigServiceClient(client: try IntegrationClients.client(server))
      let error = await #expect(throws: AWSError.self) {
        try await config.getComplianceDetailsByConfigRule(configRuleName: "potemkin-no-such-rule")
      }
      #expect(error?.description.contains("Config GetComplianceDetailsByConfigRule failed") == true)
      return
    }
    let config = ConfigServiceClient(client: try IntegrationClients.client(server))
    let error = await #expect(throws: AWSError.self) {
      try await config.getComplianceDetailsByConfigRule(configRuleName: "potemkin-no-such-rule")
    }
    #expect(error?.code == "NoSuchConfigRuleException")
    let statuses = try await config.describeConfigRuleEvaluationStatus()
    #expect(statuses.nextToken == nil)
    let empty = await #expect(throws: AWSError.self) { try await config.startConfigRulesEvaluation(configRuleNames: []) }
    #expect(empty?.code == "ValidationException")
    let byResource = try await config.getComplianceDetailsByResource(
      resourceType: "AWS::S3::Bucket", resourceId: "potemkin-no-such-bucket")
    #expect(byResource.results.isEmpty)
    let insufficient = Evaluation(
      complianceResourceType: "AWS::S3::Bucket", complianceResourceId: "b", complianceType: .insufficientData,
      orderingTimestamp: Date())
    let rejected = await #expect(throws: AWSError.self) {
      try await config.putEvaluations([insufficient], resultToken: "test", testMode: true)
    }
    #expect(rejected?.code == "InvalidParameterValueException")
  }

  @Test("Config PutEvaluations in test mode accepts valid evaluations")
  func putEvaluationsTestMode() async throws {
    let server = try await TestBackend.shared.server()
    let config = ConfigServiceClient(client: try IntegrationClients.client(server))
    let evaluation = Evaluation(
      complianceResourceType: "AWS::S3::Bucket", complianceResourceId: "b", complianceType: .compliant,
      annotation: "ok", orderingTimestamp: Date())
    let failed = try await config.putEvaluations([evaluation], resultToken: "test-token", testMode: true)
    #expect(failed.isEmpty)
  }
}
