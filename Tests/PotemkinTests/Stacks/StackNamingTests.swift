import Testing

@testable import Potemkin

@Suite("Stack names and unique parameter values")
struct StackNamingTests {
  @Test("stems are sanitized to letters, digits and hyphens starting with a letter", arguments: [
    ("all_three_buckets", "all-three-buckets"), ("My Stack!!", "my-stack"), ("42things", "s-42things"),
    ("__", "stack"),
  ])
  func sanitize(stem: String, expected: String) {
    #expect(StackNaming.sanitize(stem) == expected)
  }

  @Test("names are <stem>-<run id>, valid and at most 128 characters")
  func names() throws {
    let runId = try #require(RunID("p20261126t1405-7k3q"))
    #expect(StackNaming.name(stem: "all_three_buckets", runId: runId) == "all-three-buckets-p20261126t1405-7k3q")
    let long = StackNaming.name(stem: String(repeating: "a", count: 300), runId: runId)
    #expect(long.count == 128)
    #expect(StackNaming.isValid(long))
    let reuse = StackNaming.reuseName(stem: "x", owner: "me@host")
    #expect(reuse == StackNaming.reuseName(stem: "x", owner: "me@host"))
    #expect(reuse.hasPrefix("x-reuse-"))
  }

  @Test("unique values are valid S3 bucket names and differ per call")
  func unique() {
    let a = FixtureParameter.unique("KMS_Bucket")
    let b = FixtureParameter.unique("KMS_Bucket")
    #expect(a != b)
    #expect(a.hasPrefix("kms-bucket-\(RunID.current.value)-"))
    let long = FixtureParameter.unique(String(repeating: "x", count: 100))
    #expect(long.count <= 63)
    #expect(long.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" })
  }

  @Test("the {{unique}} placeholder is replaced, stably in reuse mode")
  func placeholder() {
    let params = ["BucketName": "{{unique}}", "Other": "plain"]
    let first = FixtureParameter.resolvePlaceholders(params, stableScope: nil)
    #expect(first["Other"] == "plain")
    #expect(first["BucketName"]?.hasPrefix("bucketname-\(RunID.current.value)-") == true)
    let stable1 = FixtureParameter.resolvePlaceholders(params, stableScope: "s")
    let stable2 = FixtureParameter.resolvePlaceholders(params, stableScope: "s")
    #expect(stable1 == stable2)
    #expect(stable1["BucketName"]!.count <= 63)
  }
}
