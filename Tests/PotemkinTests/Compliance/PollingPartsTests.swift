import Foundation
import Testing
@testable import Potemkin

@Suite("Poll interval and rule-name suggestions")
struct PollingPartsTests {
  @Test("The interval stays short in the fast phase, then backs off to the cap, and resets on change")
  func backoff() {
    let start = ContinuousClock.now
    var interval = PollInterval(
      minimum: .milliseconds(500), maximum: .seconds(10), factor: 2, jitter: 0, fastPhase: .seconds(5), now: start)
    interval.unchanged(now: start + .seconds(1))
    #expect(interval.current == .milliseconds(500))
    for _ in 0..<10 { interval.unchanged(now: start + .seconds(6)) }
    #expect(interval.current == .seconds(10))
    interval.reset(now: start + .seconds(7))
    #expect(interval.current == .milliseconds(500))
    interval.throttled()
    #expect(interval.current == .seconds(1))
  }

  @Test("Jitter stays within bounds")
  func jitter() {
    var interval = PollInterval(
      minimum: .milliseconds(500), maximum: .seconds(4), factor: 2, jitter: 0.5, fastPhase: .zero)
    for _ in 0..<3 { interval.unchanged() }
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<100 {
      let delay = interval.nextDelay(using: &generator)
      #expect(delay >= .milliseconds(500) && delay <= .seconds(4))
    }
  }

  @Test("Look-alike rule names are suggested, closest first", arguments: [
    ("s3-bucket-kms-encryptoin", ["s3-bucket-kms-encryption", "iam-role-admin", "s3-bucket-versioning"],
     ["s3-bucket-kms-encryption"]),
    ("kms-encryption", ["s3-bucket-kms-encryption", "iam-role-admin"], ["s3-bucket-kms-encryption"]),
    ("totally-different", ["s3-bucket-kms-encryption"], []),
  ])
  func suggestions(_ name: String, _ candidates: [String], _ expected: [String]) {
    #expect(RuleNameSuggestions.similar(to: name, in: candidates) == expected)
  }

  @Test("Edit distance")
  func editDistance() {
    #expect(RuleNameSuggestions.editDistance("kitten", "sitting") == 3)
    #expect(RuleNameSuggestions.editDistance("", "abc") == 3)
    #expect(RuleNameSuggestions.editDistance("same", "same") == 0)
  }

  @Test("Error kinds compare; messages say what to do")
  func errors() {
    let error = ComplianceError.noSuchRule("s3-kms", similar: ["s3-bucket-kms"], region: "us-east-1")
    #expect(error.kind == .noSuchRule)
    #expect(error.kind != .timedOut)
    #expect(error.description.contains("Did you mean 's3-bucket-kms'?"))
    let scoped = ComplianceError.outOfScope(
      rule: "r", resource: ResolvedResource(type: "AWS::SQS::Queue", id: "q"), scope: ["AWS::S3::Bucket"])
    #expect(scoped.kind == .resourceOutOfScope)
    #expect(scoped.description.contains("AWS::S3::Bucket"))
  }
}
