import PotemkinTesting
import Testing

/// Teardown `.onSuccess` with every case passing: the stack must be deleted.
@Suite(.potemkinStack(template: .body(ProbeTemplates.bucket, name: "probe-passing"), teardown: .onSuccess))
struct OnSuccessPassing {
  @Test("Cases run against the stack", arguments: 1...3)
  func check(index: Int) throws {
    let stack = try DeployedStack.current
    ProbeOutput.append("case \(index) \(stack.name)")
    #expect(stack.resource("ProbeBucket") != nil)
  }
}
