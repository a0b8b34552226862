import PotemkinTesting
import Testing

/// Scenario 1: the S3 sample's three cases on its three-bucket fixture, one stack for the suite.
///
/// The rule stack (`Samples/Rules/s3_bucket_kms_encryption.yml`) is deployed by `Benchmarks/run`
/// before timing, as it is for every contender.
@Suite(.potemkinStack(template: "../../Samples/Fixtures/all_three_buckets.yml"))
struct ThreeBuckets {
  static let rule = ConfigRule("s3-bucket-kms-encryption")

  @Test(arguments: [
    ComplianceCase("KmsBucket", is: .compliant),
    ComplianceCase("AesBucket", is: .nonCompliant),
    ComplianceCase("PlainBucket", is: .nonCompliant),
  ])
  func evaluates(_ expected: ComplianceCase) async throws {
    try await Self.rule.expect(expected)
  }
}
