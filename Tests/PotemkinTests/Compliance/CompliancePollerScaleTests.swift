import Foundation
import Testing

@testable import Potemkin

@Suite("Compliance poller with many waiters and throttling")
struct CompliancePollerScaleTests {
  static let periodicRule = "s3-bucket-kms-encryption-periodic"

  /// Waits for every bucket of a `manyBuckets` stack and returns how many results were wrong.
  static func waitForAll(_ count: Int, lab: ComplianceLab, stack: DeployedStack, rule: String) async throws -> Int {
    try await withThrowingTaskGroup(of: Bool.self) { group in
      for index in 0..<count {
        group.addTask {
          let expected = ComplianceLab.expectedCompliance(index)
          let result = try await lab.poller.expect(
            ComplianceCase(.logical(ComplianceLab.bucketId(index)), is: expected), rule: ConfigRule(rule),
            in: stack, trigger: true, timeout: .seconds(240))
          return result.compliance == expected.compliance
        }
      }
      var wrong = 0
      for try await correct in group where !correct { wrong += 1 }
      return wrong
    }
  }

  /// Waits until the run a periodic rule makes when it is created has ended. Buckets created after
  /// it have no result until a start, and the start is not refused as "already in progress" (after
  /// which the poller would try again 15 s later).
  static func waitForFirstRun(of rule: String, lab: ComplianceLab) async throws {
    let config = lab.connection.config
    let start = ContinuousClock.now
    while ContinuousClock.now - start < .seconds(120) {
      let status = try await AWSRetry.call { try await config.describeConfigRuleEvaluationStatus(configRuleNames: [rule]) }
      if let first = status.statuses.first, first.lastSuccessfulInvocationTime != nil || first.lastFailedInvocationTime != nil {
        return
      }
      try await Task.sleep(for: .milliseconds(100))
    }
    Issue.record("The first run of \(rule) did not end within 120 s")
  }

  @Test("300 waiters on one rule cost at most 3 compliance calls per poll tick")
  func threeHundredWaiters() async throws {
    try await ComplianceLab.withOwn { lab in
      _ = try await lab.deploy("s3-bucket-kms-encryption-periodic-rule.yml", name: "periodic-rule")
      try await Self.waitForFirstRun(of: Self.periodicRule, lab: lab)
      let stack = try await lab.deploy(body: ComplianceLab.manyBuckets(300), name: "many-buckets")
      try await lab.backend.resetStats()
      await lab.poller.resetStatistics()

      let wrong = try await Self.waitForAll(300, lab: lab, stack: stack, rule: Self.periodicRule)

      let stats = try await lab.backend.stats()
      let poller = await lab.poller.statistics
      let byRule = stats.count("config.GetComplianceDetailsByConfigRule")
      let byResource = stats.count("config.GetComplianceDetailsByResource")
      #expect(wrong == 0)
      #expect(poller.resolved == 300)
      #expect(poller.ticks > 0)
      #expect(byRule + byResource <= 3 * poller.ticks, "\(byRule) + \(byResource) calls in \(poller.ticks) ticks")
      // One start covers every waiter of the stack, also those that registered after it.
      #expect(poller.callCounts["StartConfigRulesEvaluation"] == 1)
      #expect(stats.count("config.StartConfigRulesEvaluation") >= 1)

      // The rule now has 300 results: one more waiter reads its resource, not 3 pages, and the
      // evaluation started after its stack was ready covers it: no second start.
      try await lab.backend.resetStats()
      let again = try await lab.poller.expect(
        ComplianceCase("B001", is: .nonCompliant), rule: ConfigRule(Self.periodicRule), in: stack, trigger: true,
        timeout: .seconds(60))
      #expect(again.compliance == .nonCompliant)
      let single = try await lab.backend.stats()
      #expect(single.count("config.GetComplianceDetailsByResource") == 1)
      #expect(single.count("config.GetComplianceDetailsByConfigRule") == 0)
      #expect(single.count("config.StartConfigRulesEvaluation") == 0)

      print("[potemkin-test] 300 waiters: \(byRule) by-rule + \(byResource) by-resource compliance calls "
            + "in \(poller.ticks) ticks; poller calls \(poller.callCounts)")
    }
  }

  @Test("With 30 % of calls throttled, every waiter still resolves correctly")
  func throttled() async throws {
    var options = LocalBackendOptions()
    options.throttleRate = 0.3
    options.seed = 7
    try await ComplianceLab.withOwn(options) { lab in
      _ = try await lab.deploy("s3-bucket-kms-encryption-periodic-rule.yml", name: "periodic-rule")
      let stack = try await lab.deploy(body: ComplianceLab.manyBuckets(30), name: "throttled-buckets")
      let wrong = try await Self.waitForAll(30, lab: lab, stack: stack, rule: Self.periodicRule)
      #expect(wrong == 0)
      #expect(await lab.poller.statistics.resolved == 30)
    }
  }
}
