import Foundation
import Testing
import Potemkin

@Suite("Deployed stack")
struct DeployedStackTests {
  @Test("Resources are found by logical id")
  func resourceLookup() {
    let stack = DeployedStack(
      name: "buckets-r1", id: "arn:aws:cloudformation:us-east-1:123456789012:stack/buckets-r1/1",
      region: "us-east-1", account: "123456789012",
      resources: [.init(logicalId: "KmsBucket", physicalId: "kms-bucket-1", type: "AWS::S3::Bucket", status: "CREATE_COMPLETE")],
      createdAt: Date(timeIntervalSince1970: 0), runId: "r1")
    #expect(stack.resource("KmsBucket")?.physicalId == "kms-bucket-1")
    #expect(stack.resource("Missing") == nil)
  }
}
