import Foundation
import Testing

@testable import Potemkin

@Suite("Concurrent fixtures under throttling")
struct StackConcurrencyTests {
  @Test("ten fixtures deployed at once with 30% of calls throttled all complete, and none leaks")
  func tenUnderThrottling() async throws {
    try await TestBackend.with(LocalBackendOptions(stackDelay: 1, throttleRate: 0.3, seed: 11)) { backend in
      let connection = try await AWSConnection.local(backend)
      let template = StackTemplate.body(
        "Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\nOutputs:\n  Name:\n    Value: !Ref Bucket\n", name: "burst")
      let names = try await withThrowingTaskGroup(of: String.self) { group in
        for index in 0..<10 {
          group.addTask {
            try await withStack(template, name: "burst-\(index)-\(RunID.current.value)", connection: connection) { stack in
              #expect(stack.outputs["Name"] != nil)
              return stack.name
            }
          }
        }
        return try await group.reduce(into: [String]()) { $0.append($1) }
      }
      #expect(names.count == 10)
      #expect(try await backend.stats().faults["throttled", default: 0] > 0)
      #expect(try await connection.liveStacks(containing: "burst-").isEmpty)
    }
  }
}
