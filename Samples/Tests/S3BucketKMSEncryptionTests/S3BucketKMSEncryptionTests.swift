import PotemkinTesting
import Testing

/// The rule `s3-bucket-kms-encryption`: S3 buckets must use SSE-KMS default encryption.
///
/// The outer suite deploys the rule itself (IAM role, Lambda, Config rule), so the
/// whole sample runs against an empty account or local backend.
@Suite(.potemkinStack(template: "Rules/s3_bucket_kms_encryption.yml"))
struct S3BucketKMSEncryption {
  static let rule = ConfigRule("s3-bucket-kms-encryption")

  /// One fixture stack with three buckets, one parameterized case per bucket.
  @Suite(.potemkinStack(template: "Fixtures/all_three_buckets.yml"))
  struct AllThreeBuckets {
    @Test(arguments: [
      ComplianceCase("KmsBucket", is: .compliant),
      ComplianceCase("AesBucket", is: .nonCompliant, annotation: .containing("AES256")),
      ComplianceCase("PlainBucket", is: .nonCompliant),
    ])
    func evaluates(_ expected: ComplianceCase) async throws {
      try await S3BucketKMSEncryption.rule.expect(expected)
    }
  }

  /// Once its stack is deleted, a bucket must leave the rule's results or turn NOT_APPLICABLE.
  @Test("A deleted bucket turns NOT_APPLICABLE")
  func deletedBucketTurnsNotApplicable() async throws {
    let deleted = try await withStack("Fixtures/encrypted_bucket.yml", parameters: ["Algorithm": "aws:kms"]) { stack in
      try await Self.rule.expect("Bucket", is: .compliant, in: stack)
      return stack
    }
    try await Self.rule.expectRemoval(of: ["Bucket"], from: deleted)
  }
}
