import Foundation
import Testing

@Suite("potemkin sweep")
struct SweepCommandTests {
  static let tags = [
    "potemkin:run-id": "p20261126t1405-sweep", "potemkin:owner": "ci@runner-7",
    "potemkin:created-at": "2026-01-01T00:00:00Z",
  ]

  @Test("Lists only tagged stacks, deletes nothing without --yes, and with --yes removes only the tagged one")
  func sweepsOnlyTaggedStacks() async throws {
    try await BackendUnderTest.with { backend in
      try await backend.createStack("untagged-bucket", fixture: "two-buckets.yml")
      try await backend.createStack("tagged-rule", fixture: "name-prefix-rule.yml", tags: Self.tags)

      let listing = try await backend.potemkin(["sweep"])
      #expect(listing.status == 0, "stderr: \(listing.stderr)")
      #expect(listing.stdout.contains("tagged-rule"))
      #expect(listing.stdout.contains("ci@runner-7"))
      #expect(listing.stdout.contains("CREATE_COMPLETE"))
      #expect(!listing.stdout.contains("untagged-bucket"), "stdout: \(listing.stdout)")
      #expect(listing.stdout.contains("--yes"))
      #expect(try await backend.stackNames() == ["untagged-bucket", "tagged-rule"])

      let sweep = try await backend.potemkin(["sweep", "--yes"])
      #expect(sweep.status == 0, "stdout: \(sweep.stdout)\nstderr: \(sweep.stderr)")
      #expect(sweep.stdout.contains("✔ tagged-rule deleted"), "stdout: \(sweep.stdout)")
      #expect(try await backend.stackNames() == ["untagged-bucket"])

      let after = try await backend.potemkin(["sweep"])
      #expect(after.stdout.contains("No Potemkin stacks in us-east-1."), "stdout: \(after.stdout)")
    }
  }

  @Test("Filters by age, run id and owner")
  func filters() async throws {
    try await BackendUnderTest.with { backend in
      try await backend.createStack("old-run", fixture: "two-buckets.yml", tags: Self.tags)
      let cases: [([String], Bool)] = [
        (["--older-than", "2h"], true),
        (["--older-than", "100000d"], false),
        (["--run-id", "p20261126t1405-sweep"], true),
        (["--run-id", "p20261126t1405-other"], false),
        (["--owner", "ci@runner-7"], true),
        (["--owner", "someone@else"], false),
      ]
      for (arguments, listed) in cases {
        let result = try await backend.potemkin(["sweep"] + arguments + ["--yes"].filter { _ in !listed })
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        #expect(result.stdout.contains("old-run") == listed, "\(arguments): \(result.stdout)")
      }
      #expect(try await backend.stackNames() == ["old-run"])
    }
  }

  @Test("A stack whose bucket holds objects is reported DELETE_FAILED with what is left, and swept once emptied")
  func deleteFailed() async throws {
    try await BackendUnderTest.with { backend in
      try await backend.createStack("full-bucket", fixture: "two-buckets.yml", tags: Self.tags)
      let s3 = try await backend.connection().s3
      _ = try await s3.putObject(bucket: "bad-potemkin-cli-bucket", key: "report.csv", body: Data("a,b\n".utf8))

      let failed = try await backend.potemkin(["sweep", "--yes"])
      #expect(failed.status != 0, "stdout: \(failed.stdout)")
      #expect(failed.stdout.contains("✘ full-bucket DELETE_FAILED"), "stdout: \(failed.stdout)")
      #expect(failed.stdout.contains("left behind: BadBucket"), "stdout: \(failed.stdout)")
      #expect(failed.stdout.contains("not empty"), "stdout: \(failed.stdout)")
      #expect(failed.stdout.contains("--run-id p20261126t1405-sweep --yes"), "stdout: \(failed.stdout)")
      #expect(try await backend.stackNames() == ["full-bucket"])

      try await s3.deleteObject(bucket: "bad-potemkin-cli-bucket", key: "report.csv")
      let swept = try await backend.potemkin(["sweep", "--yes"])
      #expect(swept.status == 0, "stdout: \(swept.stdout)\nstderr: \(swept.stderr)")
      #expect(swept.stdout.contains("✔ full-bucket deleted"), "stdout: \(swept.stdout)")
      #expect(try await backend.stackNames().isEmpty)
    }
  }

  @Test("Rejects a malformed --older-than with how to write one")
  func rejectsBadDuration() async throws {
    let result = try await CLIRunner.run(["sweep", "--older-than", "two hours"], timeout: .seconds(30))
    #expect(result.status == 64)
    #expect(result.stderr.contains("like 90s, 15m, 2h"), "stderr: \(result.stderr)")
  }
}
