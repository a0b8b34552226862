import Foundation
import PotemkinTesting

/// The generated fixture of `ScaledBuckets`: `BENCH_N` buckets (default 3) and one case per bucket.
///
/// Even-numbered buckets use SSE-KMS (compliant), odd-numbered ones SSE-S3 (non-compliant).
enum ScaledFixture {
  /// The bucket count, from the environment variable `BENCH_N`.
  static let count: Int = Int(ProcessInfo.processInfo.environment["BENCH_N"] ?? "") ?? 3

  /// One case per bucket: `Bucket0` compliant, `Bucket1` non-compliant, and so on.
  static let cases: [ComplianceCase] = (0..<count).map { index in
    ComplianceCase(.logical("Bucket\(index)"), is: index.isMultiple(of: 2) ? .compliant : .nonCompliant)
  }

  /// A template with `count` buckets alternating between aws:kms and AES256 default encryption.
  static let template: String = {
    var lines = ["AWSTemplateFormatVersion: \"2010-09-09\"", "Resources:"]
    for index in 0..<count {
      let algorithm = index.isMultiple(of: 2) ? "aws:kms" : "AES256"
      lines += [
        "  Bucket\(index):",
        "    Type: AWS::S3::Bucket",
        "    Properties:",
        "      BucketEncryption:",
        "        ServerSideEncryptionConfiguration:",
        "          - ServerSideEncryptionByDefault:",
        "              SSEAlgorithm: \(algorithm)",
      ]
    }
    return lines.joined(separator: "\n") + "\n"
  }()
}
