import PotemkinTesting
import Testing

/// Scenario 2: one stack of `BENCH_N` buckets (see `ScaledFixture`), one parameterized case per bucket.
@Suite(.potemkinStack(template: .body(ScaledFixture.template, name: "scaled_buckets")))
struct ScaledBuckets {
  static let rule = ConfigRule("s3-bucket-kms-encryption")

  @Test(arguments: ScaledFixture.cases)
  func evaluates(_ expected: ComplianceCase) async throws {
    try await Self.rule.expect(expected)
  }
}
