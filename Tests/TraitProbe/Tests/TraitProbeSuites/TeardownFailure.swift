import Foundation
import PotemkinAWS
import PotemkinTesting
import Testing

/// Two passing cases, one of which leaves an object in the stack's bucket: the teardown ends in
/// DELETE_FAILED, which must fail the run visibly (console and xunit) and name the bucket.
@Suite(.potemkinStack(template: .body(ProbeTemplates.bucket, name: "probe-full")))
struct TeardownFailure {
  @Test("Writes an object into the stack's bucket")
  func fillsTheBucket() async throws {
    let stack = try DeployedStack.current
    let connection = try await AWSConnection.resolve(region: stack.region)
    let bucket = try #require(stack.outputs["ProbeBucketName"])
    _ = try await connection.s3.putObject(bucket: bucket, key: "left-behind.txt", body: Data("x".utf8))
    ProbeOutput.append("filled \(bucket)")
  }

  @Test("Only reads the stack")
  func readsTheStack() throws {
    ProbeOutput.append("read \(try DeployedStack.current.name)")
  }
}
