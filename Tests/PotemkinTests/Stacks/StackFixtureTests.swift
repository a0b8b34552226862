import Foundation
import PotemkinAWS
import Testing

@testable import Potemkin

@Suite("Stack fixtures against the local backend")
struct StackFixtureTests {
  static let twoBuckets = StackTemplate.file("Tests/PotemkinTests/Fixtures/stacks/two_buckets.yml")

  @Test("withStack creates the stack, exposes outputs and resources, and deletes it")
  func createAndTeardown() async throws {
    let (_, connection) = try await SharedBackends.delayedConnection()
    let before = Date().addingTimeInterval(-60)
    let name = try await withStack(
      Self.twoBuckets, parameters: ["BucketName": "{{unique}}"], tags: ["team": "rules"], connection: connection
    ) { stack in
      #expect(stack.name.hasPrefix("two-buckets-\(RunID.current.value)"))
      #expect(stack.id.hasPrefix("arn:aws:cloudformation:us-east-1:123456789012:stack/\(stack.name)/"))
      #expect(stack.account == "123456789012")
      #expect(stack.region == "us-east-1")
      let bucket = try #require(stack.parameters["BucketName"])
      #expect(bucket.hasPrefix("bucketname-\(RunID.current.value)-"))
      #expect(stack.outputs["KmsBucketName"] == bucket)
      #expect(stack.outputs["PlainBucketName"] != nil)
      #expect(Set(stack.resources.map(\.logicalId)) == ["KmsBucket", "PlainBucket"])
      #expect(stack.resource("KmsBucket")?.physicalId == bucket)
      #expect(stack.resources.allSatisfy { $0.type == "AWS::S3::Bucket" && $0.status == "CREATE_COMPLETE" })
      #expect(stack.createdAt > before && stack.createdAt < Date().addingTimeInterval(60))
      #expect(stack.tags["potemkin:run-id"] == RunID.current.value)
      #expect(stack.tags["potemkin:owner"]?.contains("@") == true)
      #expect(stack.tags["potemkin:created-at"] != nil)
      #expect(stack.tags["team"] == "rules")
      #expect(LiveStackRegistry.shared.liveStackNames.contains(stack.name))
      return stack.name
    }
    #expect(try await connection.liveStacks(containing: name).isEmpty)
    #expect(!LiveStackRegistry.shared.liveStackNames.contains(name))
  }

  @Test("a template with a bad property fails with the root cause, and no stack is left")
  func badProperty() async throws {
    let (_, connection) = try await SharedBackends.delayedConnection()
    let error = try await #require(throws: StackError.self) {
      try await StackFixture.deploy(
        .file("Tests/PotemkinTests/Fixtures/stacks/bad_property.yml"), name: "bad-property-\(RunID.current.value)",
        connection: connection)
    }
    #expect(error.rootCause?.logicalId == "BadBucket")
    #expect(error.rootCause?.reason?.isEmpty == false)
    #expect(error.description.contains("Root cause: BadBucket (AWS::S3::Bucket)"))
    #expect(error.description.contains("nothing is left behind"))
    #expect(error.cleanedUp == true)
    #expect(try await connection.liveStacks(containing: "bad-property-\(RunID.current.value)").isEmpty)
  }

  @Test("a template CloudFormation rejects is reported with its message before any wait, and no stack is left")
  func rejectedTemplate() async throws {
    let (_, connection) = try await SharedBackends.delayedConnection()
    let body = """
      Resources:
        Bucket:
          Type: AWS::S3::Bucket
      Outputs:
        Name:
          Value: !Ref NoSuchResource
      """
    let error = try await #require(throws: StackError.self) {
      try await StackFixture.deploy(.body(body, name: "rejected"), connection: connection)
    }
    #expect(error.isValidationError, "\(error)")
    #expect(error.description.contains("rejected the template"))
    #expect(error.description.contains("NoSuchResource"))
    #expect(error.rootCause == nil)
    #expect(try await connection.liveStacks(containing: "rejected-\(RunID.current.value)").isEmpty)
  }

  @Test("a missing template names every path tried and calls no API")
  func missingTemplate() async throws {
    let (_, connection) = try await SharedBackends.delayedConnection()
    let error = try await #require(throws: StackError.self) {
      try await withStack("Fixtures/stacks/missing.yml", connection: connection) { _ in }
    }
    let root = try #require(StackTemplate.packageRoot(from: #filePath))
    #expect(error.pathsTried.first == "\(root)/Fixtures/stacks/missing.yml")
    #expect(error.pathsTried.contains("\(FileManager.default.currentDirectoryPath)/Fixtures/stacks/missing.yml"))
    #expect(error.description.contains("\(root)/Fixtures/stacks/missing.yml"))
    #expect(try await connection.liveStacks(containing: "missing-\(RunID.current.value)").isEmpty)
  }

  @Test("a template over 51,200 bytes goes through the staging bucket, removed at teardown")
  func largeTemplate() async throws {
    let (backend, connection) = try await SharedBackends.delayedConnection()
    let padding = String(repeating: "padding to exceed the TemplateBody limit. ", count: 1_400)
    let body = """
      Description: large fixture
      Metadata:
        Padding: "\(padding)"
      Resources:
        Bucket:
          Type: AWS::S3::Bucket
      Outputs:
        Name:
          Value: !Ref Bucket
      """
    #expect(body.utf8.count > 51_200)
    let deletesBefore = try await backend.stats().count("s3.DeleteObject")
    try await withStack(.body(body, name: "large"), connection: connection) { stack in
      let staged = try #require(stack.stagedTemplate)
      #expect(staged.bucket == "potemkin-staging-123456789012-us-east-1")
      #expect(staged.key.hasPrefix("\(stack.name)/"))
      #expect(stack.outputs["Name"] != nil)
    }
    let stats = try await backend.stats()
    #expect(stats.count("s3.DeleteObject") == deletesBefore + 1)
    #expect(stats.count("s3.PutBucketTagging") == 1, "\(stats.calls)")
  }

  @Test("a bucket left with objects fails the teardown with DELETE_FAILED naming it; emptied, the stack goes")
  func deleteFailed() async throws {
    // Its own backend: the shared one's S3 call counts are other tests' evidence.
    try await TestBackend.with(LocalBackendOptions()) { backend in
      let connection = try await AWSConnection.local(backend)
      let name = "full-bucket-\(RunID.current.value)"
      let object = "left-by-the-test.txt"
      var deployed: DeployedStack?
      let error = try await #require(throws: StackError.self) {
        try await withStack(
          Self.twoBuckets, parameters: ["BucketName": "{{unique}}"], name: name, connection: connection
        ) { stack in
          deployed = stack
          let plain = try #require(stack.outputs["PlainBucketName"])
          _ = try await connection.s3.putObject(bucket: plain, key: object, body: Data("x".utf8))
        }
      }
      let stack = try #require(deployed)
      let plain = try #require(stack.outputs["PlainBucketName"])
      #expect(error.failedResources.map(\.logicalId) == ["PlainBucket"])
      #expect(error.description.contains("failed to delete (DELETE_FAILED)"))
      #expect(error.description.contains(
        "PlainBucket (AWS::S3::Bucket) DELETE_FAILED: The bucket you tried to delete is not empty"))
      #expect(error.description.contains("aws s3 rm s3://\(plain) --recursive"))
      #expect(try await connection.liveStacks(containing: name) == ["\(name) DELETE_FAILED"])
      // The other bucket is gone; only the one with objects is left.
      try await connection.s3.headBucket(plain)
      await #expect(throws: AWSError.self) { try await connection.s3.headBucket(stack.parameters["BucketName"] ?? "") }

      try await connection.s3.deleteObject(bucket: plain, key: object)
      try await StackFixture.teardown(stack, connection: connection)
      #expect(try await connection.liveStacks(containing: name).isEmpty)
    }
  }

  @Test("a wait that times out lists the resources in progress and deletes the stack")
  func timeout() async throws {
    try await TestBackend.with(LocalBackendOptions(stackDelay: 6)) { backend in
      let connection = try await AWSConnection.local(backend)
      let error = try await #require(throws: StackError.self) {
        try await StackFixture.deploy(
          Self.twoBuckets, parameters: ["BucketName": "{{unique}}"], name: "slow-\(RunID.current.value)",
          connection: connection, timeout: .seconds(1))
      }
      #expect(error.isTimeout)
      #expect(error.description.contains("did not finish creating within 1.0 s"))
      #expect(error.cleanedUp == true)
      #expect(try await connection.liveStacks(containing: "slow-\(RunID.current.value)").isEmpty)
    }
  }
}
