import Foundation
import Testing

@Suite("potemkin expect")
struct ExpectCommandTests {
  @Test("Passes when each resource of a stack has the expected compliance, printing each result")
  func passes() async throws {
    try await BackendUnderTest.with { backend in
      try await backend.createStack("prefix-rule", fixture: "name-prefix-rule.yml")
      try await backend.createStack("two-buckets", fixture: "two-buckets.yml")
      let result = try await backend.potemkin([
        "expect", "--rule", "bucket-name-prefix", "--stack", "two-buckets", "--timeout", "60s",
        "GoodBucket=compliant", "BadBucket=NON_COMPLIANT", "AWS::S3::Bucket/bad-potemkin-cli-bucket=non-compliant",
      ])
      #expect(result.status == 0, "stdout: \(result.stdout)\nstderr: \(result.stderr)")
      #expect(result.stdout.contains("✔ GoodBucket (AWS::S3::Bucket good-potemkin-cli-bucket) is COMPLIANT"),
              "stdout: \(result.stdout)")
      #expect(result.stdout.contains("✔ BadBucket (AWS::S3::Bucket bad-potemkin-cli-bucket) is NON_COMPLIANT"))
      #expect(result.stdout.contains("All 3 expectation(s) of bucket-name-prefix met."))

      let mismatch = try await backend.potemkin([
        "expect", "--rule", "bucket-name-prefix", "--stack", "two-buckets", "--json", "BadBucket=compliant",
      ])
      #expect(mismatch.status == 1)
      let line = try #require(mismatch.stdout.split(separator: "\n").first)
      let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
      #expect(object["passed"] as? Bool == false)
      #expect(object["actual"] as? String == "NON_COMPLIANT")
      #expect(object["expected"] as? String == "COMPLIANT")
      #expect(object["resourceId"] as? String == "bad-potemkin-cli-bucket")

      // Only results from a new evaluation count after --since now; --start-evaluation asks for one.
      let fresh = try await backend.potemkin([
        "expect", "--rule", "bucket-name-prefix", "--stack", "two-buckets", "--since", "now", "--start-evaluation",
        "--timeout", "90s", "GoodBucket=compliant",
      ])
      #expect(fresh.status == 0, "stdout: \(fresh.stdout)\nstderr: \(fresh.stderr)")
      #expect(fresh.stdout.contains("✔ GoodBucket"))

      let noStack = try await backend.potemkin([
        "expect", "--rule", "bucket-name-prefix", "--stack", "no-such-stack", "GoodBucket=compliant",
      ])
      #expect(noStack.status == 1)
      #expect(noStack.stderr.contains("no-such-stack does not exist"), "stderr: \(noStack.stderr)")
    }
  }

  @Test("Fails fast on an unknown rule with the poller's suggestion")
  func unknownRule() async throws {
    try await BackendUnderTest.with { backend in
      try await backend.createStack("prefix-rule", fixture: "name-prefix-rule.yml")
      let started = ContinuousClock.now
      let result = try await backend.potemkin([
        "expect", "--rule", "bucket-name-prefx", "AWS::S3::Bucket/some-bucket=compliant", "--timeout", "10m",
      ])
      #expect(ContinuousClock.now - started < .seconds(30))
      #expect(result.status == 1)
      #expect(result.stderr.contains("no rule named bucket-name-prefx"), "stderr: \(result.stderr)")
      #expect(result.stderr.contains("Did you mean 'bucket-name-prefix'?"), "stderr: \(result.stderr)")
    }
  }

  @Test("Rejects malformed expectations with how to write them", arguments: [
    (["--rule", "r", "KmsBucket"], "has no '='"),
    (["--rule", "r", "KmsBucket=green"], "is not a compliance"),
    (["--rule", "r", "KmsBucket=compliant"], "add --stack NAME"),
    (["--rule", "r", "AWS::S3::Bucket=compliant"], "no id"),
    (["--rule", "r", "--since", "last tuesday", "AWS::S3::Bucket/b=absent"], "is not a time"),
  ])
  func rejectsMalformed(_ arguments: [String], message: String) async throws {
    let result = try await CLIRunner.run(["expect"] + arguments, timeout: .seconds(30))
    #expect(result.status == 64)
    #expect(result.stderr.contains(message), "stderr: \(result.stderr)")
  }
}
