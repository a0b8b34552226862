import PotemkinTesting
import Testing

/// Teardown `.onSuccess` with a failing case: the stack must be kept, with a hint how to delete it.
@Suite(.potemkinStack(template: .body(ProbeTemplates.bucket, name: "probe-kept"), teardown: .onSuccess))
struct OnSuccessFailing {
  @Test("Cases run against the stack", arguments: 1...3)
  func check(index: Int) throws {
    let stack = try DeployedStack.current
    ProbeOutput.append("case \(index) \(stack.name)")
    #expect(index != 3, "PROBE-INTENDED-FAILURE in case \(index)")
  }
}
