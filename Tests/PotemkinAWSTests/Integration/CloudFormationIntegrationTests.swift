import Foundation
import Testing
@testable import PotemkinAWS

@Suite("CloudFormation against a real server")
struct CloudFormationIntegrationTests {
  static func template(_ first: String, _ second: String) -> String {
    """
    AWSTemplateFormatVersion: "2010-09-09"
    Description: Two buckets for the client tests
    Parameters:
      Env:
        Type: String
        Default: test
    Resources:
      FirstBucket:
        Type: AWS::S3::Bucket
        Properties:
          BucketName: \(first)
          Tags:
            - Key: env
              Value: !Ref Env
      SecondBucket:
        Type: AWS::S3::Bucket
        Properties:
          BucketName: \(second)
          BucketEncryption:
            ServerSideEncryptionConfiguration:
              - ServerSideEncryptionByDefault:
                  SSEAlgorithm: AES256
    Outputs:
      FirstBucketName:
        Value: !Ref FirstBucket
      SecondBucketArn:
        Value: !GetAtt SecondBucket.Arn
    """
  }

  @Test("A stack of two buckets is created, described, listed and deleted")
  func stackLifecycle() async throws {
    let server = try await TestBackend.shared.server()
    let client = try IntegrationClients.client(server)
    let cloudFormation = CloudFormationClient(client: client)
    let s3 = S3Client(client: client)
    let stackName = IntegrationClients.uniqueName("potemkin-client")
    let first = IntegrationClients.uniqueName("first")
    let second = IntegrationClients.uniqueName("second")

    let validation = try await cloudFormation.validateTemplate(.body(Self.template(first, second)))
    #expect(validation.description == "Two buckets for the client tests")

    let stackId = try await cloudFormation.createStack(
      CreateStackInput(
        stackName: stackName, template: .body(Self.template(first, second)),
        parameters: [StackParameter(key: "Env", value: "ci")], tags: [ResourceTag(key: "potemkin:run-id", value: "t1")],
        onFailure: .delete))
    #expect(stackId.contains(stackName))

    var stack = try await cloudFormation.describeStack(stackName)
    for _ in 0..<100 where stack.status.isInProgress {
      try await Task.sleep(for: .milliseconds(200))
      stack = try await cloudFormation.describeStack(stackName)
    }
    #expect(stack.status == .createComplete)
    #expect(stack.id == stackId)
    #expect(stack.output("FirstBucketName") == first)
    #expect(stack.output("SecondBucketArn") == "arn:aws:s3:::\(second)")
    #expect(stack.parameters.contains(StackParameter(key: "Env", value: "ci")))
    #expect(stack.tags.contains(ResourceTag(key: "potemkin:run-id", value: "t1")))
    #expect(stack.creationTime != nil)

    let resources = try await cloudFormation.allStackResources(stackName: stackName)
    #expect(Set(resources.map(\.logicalResourceId)) == ["FirstBucket", "SecondBucket"])
    #expect(resources.allSatisfy { $0.resourceType == "AWS::S3::Bucket" })
    #expect(resources.first { $0.logicalResourceId == "FirstBucket" }?.physicalResourceId == first)
    try await s3.headBucket(first)

    let events = try await cloudFormation.describeStackEventsPages(stackName: stackName).collect().flatMap { $0 }
    #expect(!events.isEmpty)

    let listed = try await cloudFormation.allStacks(statusFilter: [.createComplete])
    #expect(listed.contains { $0.name == stackName && $0.id == stackId })

    try await cloudFormation.deleteStack(stackName: stackName)
    let afterDelete = try await cloudFormation.allStacks(statusFilter: [.deleteComplete])
    #expect(afterDelete.contains { $0.id == stackId })
    let gone = await #expect(throws: AWSError.self) { try await s3.headBucket(first) }
    #expect(gone?.code == "NotFound")
    #expect(client.requestCounts["cloudformation.CreateStack"] == 1)
  }

  @Test("An invalid template is a readable ValidationError")
  func invalidTemplate() async throws {
    let server = try await TestBackend.shared.server()
    let cloudFormation = CloudFormationClient(client: try IntegrationClients.client(server))
    let error = await #expect(throws: AWSError.self) {
      try await cloudFormation.validateTemplate(.body("{ this is not a template"))
    }
    #expect(error?.service == "CloudFormation")
    #expect(error?.operation == "ValidateTemplate")
    #expect(error?.httpStatus == 400)
    #expect(error?.description.hasPrefix("CloudFormation ValidateTemplate failed: ") == true)
  }

  @Test("Describing a missing stack is a ValidationError naming it")
  func missingStack() async throws {
    let server = try await TestBackend.shared.server()
    let cloudFormation = CloudFormationClient(client: try IntegrationClients.client(server))
    let error = await #expect(throws: AWSError.self) { try await cloudFormation.describeStack("no-such-stack-xyz") }
    #expect(error?.code == "ValidationError")
    #expect(error?.message.contains("no-such-stack-xyz") == true)
  }
}
