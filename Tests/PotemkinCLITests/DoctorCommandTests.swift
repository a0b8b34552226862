import Foundation
import Testing

@Suite("potemkin doctor")
struct DoctorCommandTests {
  @Test("Against a backend without a recorder, shows the ✘ with the fix and exits non-zero")
  func missingRecorder() async throws {
    try await BackendUnderTest.with(["--no-recorder"]) { backend in
      let result = try await backend.potemkin(["doctor", "--region", "eu-west-1"])
      #expect(result.status == 1, "stdout: \(result.stdout)\nstderr: \(result.stderr)")
      #expect(result.stdout.contains("✘ Config recorder: none in eu-west-1"), "stdout: \(result.stdout)")
      #expect(result.stdout.contains("→ Enable AWS Config recording"), "stdout: \(result.stdout)")
      #expect(result.stdout.contains("✔ Region: eu-west-1 (from --region)"))
      #expect(result.stdout.contains("✔ Identity: account 123456789012"))
      #expect(result.stdout.contains("✔ Endpoint: \(backend.endpoint)"))
      #expect(result.stdout.contains("✔ CloudFormation: reachable"))
    }
  }

  @Test("With a recorder and a deployed rule every check passes; a missing rule is a ✘ with a suggestion")
  func readyAccount() async throws {
    try await BackendUnderTest.with { backend in
      try await backend.createStack("prefix-rule", fixture: "name-prefix-rule.yml")
      let ready = try await backend.potemkin(["doctor", "--rule", "bucket-name-prefix"])
      #expect(ready.status == 0, "stdout: \(ready.stdout)\nstderr: \(ready.stderr)")
      #expect(ready.stdout.contains("✔ Credentials: from "), "stdout: \(ready.stdout)")
      #expect(ready.stdout.contains("✔ Config recorder: default is recording all supported types"))
      #expect(ready.stdout.contains("✔ Rule bucket-name-prefix: exists, scoped to AWS::S3::Bucket"))
      #expect(!ready.stdout.contains("✘"))

      let missing = try await backend.potemkin(["doctor", "--rule", "bucket-name-prefx"])
      #expect(missing.status == 1)
      #expect(missing.stdout.contains("✘ Rule bucket-name-prefx: does not exist in us-east-1; did you mean 'bucket-name-prefix'?"),
              "stdout: \(missing.stdout)")
      #expect(missing.stdout.contains("→ Deploy the rule's stack"))
    }
  }
}
