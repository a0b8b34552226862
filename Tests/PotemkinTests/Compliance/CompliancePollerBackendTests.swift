import Foundation
import Potemkin
import Testing

@Suite("Compliance poller against the local backend's rule runner")
struct CompliancePollerBackendTests {
  @Test("Each of three buckets gets its result through concurrent waiters", arguments: [
    ComplianceCase("KmsBucket", is: .compliant),
    ComplianceCase("AesBucket", is: .nonCompliant, annotation: .containing("AES256")),
    ComplianceCase("PlainBucket", is: .nonCompliant),
  ])
  func threeBuckets(_ expectation: ComplianceCase) async throws {
    let (lab, buckets) = try await ComplianceLab.shared()
    let result = try await lab.poller.expect(
      expectation, rule: ConfigRule(ComplianceLab.kmsRule), in: buckets, timeout: .seconds(120))
    #expect(result.compliance == expectation.expected.compliance)
    #expect(result.isFresh(notBefore: buckets.createdAt))
  }

  @Test("A wrong expectation fails with the actual compliance and annotation")
  func mismatch() async throws {
    let (lab, buckets) = try await ComplianceLab.shared()
    let error = await #expect(throws: ComplianceError.self) {
      try await lab.poller.expect(
        ComplianceCase("PlainBucket", is: .compliant), rule: ConfigRule(ComplianceLab.kmsRule), in: buckets,
        timeout: .seconds(120))
    }
    #expect(error?.kind == .mismatch)
    #expect(error?.actual?.compliance == .nonCompliant)
    #expect(error?.description.contains("NON_COMPLIANT") == true)
    #expect(error?.description.contains("no default encryption") == true)
  }

  @Test("An unknown rule fails within seconds and names the rule that looks alike")
  func unknownRule() async throws {
    let (lab, buckets) = try await ComplianceLab.shared()
    let start = ContinuousClock.now
    let error = await #expect(throws: ComplianceError.self) {
      try await lab.poller.expect(
        ComplianceCase("KmsBucket", is: .compliant), rule: "s3-bucket-kms-encrytpion", in: buckets)
    }
    #expect(ContinuousClock.now - start < .seconds(10))
    #expect(error?.kind == .noSuchRule)
    #expect(error?.description.contains("'\(ComplianceLab.kmsRule)'") == true)
  }

  @Test("A resource outside the rule's scope fails within seconds", arguments: [
    ResourceReference.logical("Key"), .resource(type: "AWS::SQS::Queue", id: "queue-1"),
  ])
  func outOfScope(_ resource: ResourceReference) async throws {
    let (lab, buckets) = try await ComplianceLab.shared()
    let start = ContinuousClock.now
    let error = await #expect(throws: ComplianceError.self) {
      try await lab.poller.expect(
        ComplianceCase(resource, is: .compliant), rule: ConfigRule(ComplianceLab.kmsRule), in: buckets)
    }
    #expect(ContinuousClock.now - start < .seconds(10))
    #expect(error?.kind == .resourceOutOfScope)
    #expect(error?.description.contains("AWS::S3::Bucket") == true)
  }

  @Test("A failing rule handler fails the waiter within seconds, quoting its error")
  func failingHandler() async throws {
    let (lab, _) = try await ComplianceLab.shared()
    let rule = ComplianceLab.uniqueName("failing-rule")
    _ = try await lab.deploy("failing-rule.yml", name: ComplianceLab.uniqueName("failing-rule"), parameters: ["RuleName": rule])
    let bucket = try await lab.deploy(
      body: #"{"Resources":{"Bucket":{"Type":"AWS::S3::Bucket"}}}"#, name: ComplianceLab.uniqueName("failing-bucket"))
    let start = ContinuousClock.now
    let error = await #expect(throws: ComplianceError.self) {
      try await lab.poller.expect(ComplianceCase("Bucket", is: .compliant), rule: ConfigRule(rule), in: bucket)
    }
    #expect(ContinuousClock.now - start < .seconds(15))
    #expect(error?.kind == .evaluationFailing)
    #expect(error?.description.contains("bucket policy lookup exploded") == true)
    try await lab.delete(bucket)
  }

  @Test("A result recorded before not-before is stale; a triggered evaluation is fresh")
  func staleResults() async throws {
    let (lab, buckets) = try await ComplianceLab.shared()
    let kms = try await lab.poller.resolve("KmsBucket", in: buckets)
    _ = try await lab.poller.waitForCompliance(
      rule: ComplianceLab.kmsRule, resource: kms, expected: .compliant, notBefore: buckets.createdAt,
      timeout: .seconds(120))
    // Later than the evaluation by more than the freshness allowance (2 s).
    let notBefore = Date().addingTimeInterval(3)
    let error = await #expect(throws: ComplianceError.self) {
      try await lab.poller.waitForCompliance(
        rule: ComplianceLab.kmsRule, resource: kms, expected: .compliant, notBefore: notBefore, timeout: .seconds(3))
    }
    #expect(error?.kind == .timedOut)
    #expect(error?.actual?.compliance == .compliant)
    #expect(error?.description.contains("stale") == true)

    let fresh = try await lab.poller.waitForCompliance(
      rule: ComplianceLab.kmsRule, resource: kms, expected: .compliant, notBefore: notBefore, trigger: true,
      timeout: .seconds(120))
    #expect(try #require(fresh.evaluatedAt) >= notBefore.addingTimeInterval(-2))
  }

  @Test("Deleted resources leave the rule's results or turn NOT_APPLICABLE")
  func removalAfterDeletion() async throws {
    let (lab, _) = try await ComplianceLab.shared()
    let stack = try await lab.deploy(
      body: #"{"Resources":{"Doomed":{"Type":"AWS::S3::Bucket"}}}"#, name: ComplianceLab.uniqueName("doomed"))
    let doomed = try await lab.poller.resolve("Doomed", in: stack)
    _ = try await lab.poller.waitForCompliance(
      rule: ComplianceLab.kmsRule, resource: doomed, expected: .nonCompliant, notBefore: stack.createdAt,
      timeout: .seconds(120))
    let deletion = Date()
    try await lab.delete(stack)
    let results = try await lab.poller.waitForRemoval(
      rule: ComplianceLab.kmsRule, of: stack, deletionStartedAt: deletion, timeout: .seconds(120))
    #expect(results.map(\.resource) == [doomed])
    #expect(results.allSatisfy { $0.compliance == nil || $0.compliance == .notApplicable })
  }

  @Test("Without a configuration recorder, waiting fails within seconds")
  func noRecorder() async throws {
    var options = LocalBackendOptions()
    options.noRecorder = true
    try await ComplianceLab.withOwn(options) { lab in
      let start = ContinuousClock.now
      let error = await #expect(throws: ComplianceError.self) {
        try await lab.poller.waitForCompliance(
          rule: ComplianceLab.kmsRule, resource: ResolvedResource(type: "AWS::S3::Bucket", id: "b"),
          expected: .compliant, notBefore: Date())
      }
      #expect(ContinuousClock.now - start < .seconds(10))
      #expect(error?.kind == .noRecorder)
    }
  }

  @Test("Cancelling a waiting task removes its waiter at once")
  func cancellation() async throws {
    let (lab, buckets) = try await ComplianceLab.shared()
    let waiting = Task {
      try await lab.poller.waitForCompliance(
        rule: ComplianceLab.kmsRule, resource: ResolvedResource(type: "AWS::S3::Bucket", id: "never-created"),
        expected: .compliant, notBefore: buckets.createdAt, timeout: .seconds(300))
    }
    try await Task.sleep(for: .milliseconds(500))
    let start = ContinuousClock.now
    waiting.cancel()
    await #expect(throws: CancellationError.self) { try await waiting.value }
    #expect(ContinuousClock.now - start < .seconds(2))
  }

  @Test("An IAM role resolves to its RoleId through ListDiscoveredResources")
  func roleResolution() async throws {
    let (lab, _) = try await ComplianceLab.shared()
    let ruleStack = try await ComplianceLab.sharedRuleStack()
    let role = try await lab.poller.resolve("RuleRole", in: ruleStack, timeout: .seconds(60))
    #expect(role.type == "AWS::IAM::Role")
    #expect(role.id.hasPrefix("AROA"))
    #expect(role.id != ruleStack.resource("RuleRole")?.physicalId)
  }

  @Test("Unknown logical ids and outputs fail with what the stack has")
  func unknownReferences() async throws {
    let (lab, buckets) = try await ComplianceLab.shared()
    let missing = await #expect(throws: ComplianceError.self) { try await lab.poller.resolve("NoSuchBucket", in: buckets) }
    #expect(missing?.kind == .unknownLogicalId)
    #expect(missing?.description.contains("KmsBucket") == true)
    let output = try await lab.poller.resolve(.output("KmsBucketName"), in: buckets)
    #expect(output == ResolvedResource(type: "AWS::S3::Bucket", id: buckets.resource("KmsBucket")!.physicalId))
  }
}
