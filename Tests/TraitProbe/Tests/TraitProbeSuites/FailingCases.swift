import PotemkinTesting
import Testing

/// Three cases, one failing on purpose; the stack must be deleted anyway (teardown `.always`).
@Suite(.potemkinStack(template: .body(ProbeTemplates.bucket, name: "probe-failing")))
struct FailingCases {
  @Test("Cases run against the stack", arguments: 1...3)
  func check(index: Int) throws {
    let stack = try DeployedStack.current
    ProbeOutput.append("case \(index) \(stack.name)")
    #expect(index != 2, "PROBE-INTENDED-FAILURE in case \(index)")
  }
}
