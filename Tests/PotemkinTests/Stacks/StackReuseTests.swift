import Foundation
import Testing

@testable import Potemkin

@Suite("Dev-loop reuse")
struct StackReuseTests {
  @Test("an unchanged stack is reused with no CreateStack call; a changed one is replaced")
  func reuse() async throws {
    try await TestBackend.with(LocalBackendOptions(stackDelay: 1)) { backend in
      let connection = try await AWSConnection.local(backend)
      let template = StackTemplate.file("Tests/PotemkinTests/Fixtures/stacks/two_buckets.yml")
      let parameters = ["BucketName": "{{unique}}"]

      let first = try await withStack(template, parameters: parameters, connection: connection, reuse: true) { $0 }
      #expect(first.isReused)
      #expect(first.name.hasPrefix("two-buckets-reuse-"))
      #expect(first.tags[StackReuse.hashTag] != nil)
      #expect(try await connection.liveStacks(containing: first.name).count == 1, "reuse stacks are not torn down")

      try await backend.resetStats()
      let second = try await withStack(template, parameters: parameters, connection: connection, reuse: true) { $0 }
      let stats = try await backend.stats()
      #expect(stats.count("cloudformation.CreateStack") == 0)
      #expect(stats.count("cloudformation.DeleteStack") == 0)
      #expect(stats.calls.values.reduce(0, +) <= 5, "a reused stack needs only a handful of calls: \(stats.calls)")
      #expect(second.name == first.name)
      #expect(second.parameters == first.parameters)
      #expect(second.outputs == first.outputs)

      try await backend.resetStats()
      let changed = try await withStack(
        template, parameters: parameters, tags: ["variant": "2"], connection: connection, reuse: true
      ) { $0 }
      #expect(try await backend.stats().count("cloudformation.CreateStack") == 1)
      #expect(changed.name == first.name)
      #expect(changed.id != first.id)
    }
  }

  @Test("POTEMKIN_REUSE=1 turns reuse on")
  func environment() {
    #expect(StackFixture.isReuseEnabled(["POTEMKIN_REUSE": "1"]))
    #expect(!StackFixture.isReuseEnabled([:]))
  }
}
