import Foundation
import Testing

@testable import Potemkin

@Suite("Stack error diagnostics")
struct StackErrorTests {
  static func event(_ seconds: Double, _ logical: String, _ status: String, _ reason: String? = nil,
    type: String = "AWS::S3::Bucket") -> ResourceEvent
  {
    ResourceEvent(
      eventId: "\(logical)-\(seconds)", timestamp: Date(timeIntervalSince1970: seconds), logicalId: logical,
      type: type, status: status, reason: reason)
  }

  @Test("the root cause is the first failure that is not a cancellation; the others are listed")
  func rootCause() {
    let events = [
      Self.event(1, "stack", "CREATE_IN_PROGRESS", type: "AWS::CloudFormation::Stack"),
      Self.event(2, "Role", "CREATE_FAILED", "Resource creation cancelled"),
      Self.event(3, "Bucket", "CREATE_FAILED", "Bucket name already exists"),
      Self.event(4, "Queue", "CREATE_FAILED", "Resource creation cancelled"),
      Self.event(5, "stack", "ROLLBACK_COMPLETE", type: "AWS::CloudFormation::Stack"),
    ]
    let error = StackError.createFailed(
      stack: "s-1", status: "ROLLBACK_COMPLETE", statusReason: "The following resource(s) failed to create: [Bucket]",
      events: events)
    #expect(error.rootCause?.logicalId == "Bucket")
    #expect(error.failedResources.map(\.logicalId) == ["Role", "Bucket", "Queue"])
    #expect(error.stackName == "s-1")
    let text = error.withCleanup(deleted: true).description
    #expect(text.contains("Root cause: Bucket (AWS::S3::Bucket): Bucket name already exists"))
    #expect(text.contains("Also failed:\n  - Role (AWS::S3::Bucket) CREATE_FAILED: Resource creation cancelled"))
    #expect(text.contains("Stack status reason: The following resource(s) failed to create: [Bucket]"))
    #expect(text.contains("nothing is left behind"))
  }

  @Test("DELETE_FAILED names each resource left behind with its reason")
  func deleteFailed() {
    let events = [
      Self.event(1, "Bucket", "DELETE_IN_PROGRESS"),
      Self.event(2, "Bucket", "DELETE_FAILED", "The bucket you tried to delete is not empty"),
      Self.event(3, "Role", "DELETE_COMPLETE"),
    ]
    let error = StackError.deleteFailed(stack: "s-2", statusReason: "Resources failed to delete", events: events)
    #expect(error.failedResources.map(\.logicalId) == ["Bucket"])
    #expect(error.description.contains("Left behind:\n  - Bucket (AWS::S3::Bucket) DELETE_FAILED: The bucket you tried"))
  }

  @Test("a timeout lists the resources still in progress")
  func timeout() {
    let error = StackError.timedOut(
      stack: "s-3", phase: "creating", after: .seconds(90), inProgress: ["Db (AWS::RDS::DBInstance) CREATE_IN_PROGRESS"],
      events: [])
    #expect(error.isTimeout)
    #expect(error.description.contains("did not finish creating within 90.0 s"))
    #expect(error.description.contains("  - Db (AWS::RDS::DBInstance) CREATE_IN_PROGRESS"))
  }
}
