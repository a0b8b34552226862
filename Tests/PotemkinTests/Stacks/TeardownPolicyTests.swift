import Foundation
import Testing

@testable import Potemkin

@Suite("Teardown policies")
struct TeardownPolicyTests {
  static let template = StackTemplate.body("Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n", name: "policy")

  struct Failure: Error {}

  @Test(
    "each policy keeps or deletes the stack as stated",
    arguments: [
      (TeardownPolicy.always, true, false), (.always, false, false), (.onSuccess, true, true), (.onSuccess, false, false),
      (.never, false, true), (.never, true, true),
    ])
  func policies(policy: TeardownPolicy, bodyThrows: Bool, kept: Bool) async throws {
    let (_, connection) = try await SharedBackends.delayedConnection()
    let name = "policy-\(policy.rawValue)-\(bodyThrows)-\(RunID.current.value)"
    do {
      try await withStack(Self.template, name: name, connection: connection, teardown: policy) { _ in
        if bodyThrows { throw Failure() }
      }
      #expect(!bodyThrows)
    } catch is Failure {
      #expect(bodyThrows)
    }
    let live = try await connection.liveStacks(containing: name)
    #expect(live.isEmpty == !kept, "\(policy) with body throwing \(bodyThrows): \(live)")
    if kept {
      try await StackLifecycle(connection: connection, stackName: name).delete(
        timeout: .seconds(30), progress: ProgressReporter(label: name))
    }
  }

  @Test("onSuccess keeps the stack when the suite says it failed")
  func suiteFailedHook() async throws {
    let (_, connection) = try await SharedBackends.delayedConnection()
    let name = "policy-suite-failed-\(RunID.current.value)"
    try await withStack(Self.template, name: name, connection: connection, teardown: .onSuccess, suiteFailed: { true }) { _ in }
    #expect(try await connection.liveStacks(containing: name).count == 1)
    try await StackLifecycle(connection: connection, stackName: name).delete(
      timeout: .seconds(30), progress: ProgressReporter(label: name))
  }

  @Test("POTEMKIN_TEARDOWN overrides the policy in code", arguments: [
    ("always", TeardownPolicy.never, TeardownPolicy.always), ("on-success", .always, .onSuccess), ("never", .always, .never),
    ("bogus", .always, .always),
  ])
  func environmentOverride(value: String, inCode: TeardownPolicy, effective: TeardownPolicy) {
    #expect((TeardownPolicy.override(environment: ["POTEMKIN_TEARDOWN": value]) ?? inCode) == effective)
  }
}
