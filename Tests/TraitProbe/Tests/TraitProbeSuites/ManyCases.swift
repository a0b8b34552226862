import PotemkinTesting
import Testing

/// Twenty cases and a nested suite share one stack, deployed once.
@Suite(.potemkinStack(template: .body(ProbeTemplates.bucket, name: "probe-many")))
struct ManyCases {
  @Test("Every case sees the suite's stack", arguments: 1...20)
  func seesStack(index: Int) throws {
    let stack = try DeployedStack.current
    #expect(stack.resource("ProbeBucket")?.type == "AWS::S3::Bucket")
    #expect(stack.outputs["ProbeBucketName"]?.isEmpty == false)
    ProbeOutput.append("case \(index) \(stack.name)")
  }

  @Suite struct Nested {
    @Test("A nested suite's test sees the outer stack")
    func seesOuterStack() throws {
      let stack = try DeployedStack.current
      #expect(stack.resource("ProbeBucket") != nil)
      ProbeOutput.append("nested \(stack.name)")
    }
  }
}
