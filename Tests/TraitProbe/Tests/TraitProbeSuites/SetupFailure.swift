import PotemkinTesting
import Testing

/// The stack fails to deploy: each of the three tests must report the deploy error.
@Suite(.potemkinStack(template: .body(ProbeTemplates.broken, name: "probe-broken")))
struct SetupFailure {
  @Test("First test of a suite whose stack fails")
  func first() throws {
    ProbeOutput.append("ran first")
  }

  @Test("Second test of a suite whose stack fails")
  func second() throws {
    ProbeOutput.append("ran second")
  }

  @Test("Third test of a suite whose stack fails")
  func third() throws {
    ProbeOutput.append("ran third")
  }
}
