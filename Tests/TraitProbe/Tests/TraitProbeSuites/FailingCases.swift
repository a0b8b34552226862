import PotemkinAWS
import PotemkinTesting
import Testing

/// Three cases, one failing on purpose; the stack must be deleted anyway (teardown `.always`), after the last case.
@Suite(.potemkinStack(template: .body(ProbeTemplates.bucket, name: "probe-failing")))
struct FailingCases {
  /// Case 2 fails after half a second; case 3 looks at the stack a second later: it must still be there.
  @Test("Cases run against the stack", arguments: 1...3)
  func check(index: Int) async throws {
    let stack = try DeployedStack.current
    try await Task.sleep(for: .milliseconds(500 * (index - 1)))
    let connection = try await AWSConnection.resolve(region: stack.region)
    let status = try await connection.cloudFormation.describeStacks(stackName: stack.id).stacks.first?.status.rawValue
    ProbeOutput.append("case \(index) \(status ?? "MISSING") \(stack.name)")
    #expect(index != 2, "PROBE-INTENDED-FAILURE in case \(index)")
  }
}
