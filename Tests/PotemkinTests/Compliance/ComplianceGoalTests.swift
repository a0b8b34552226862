import Foundation
import Testing
@testable import Potemkin

@Suite("Deciding a waiter from a result")
struct ComplianceGoalTests {
  static let notBefore = Date(timeIntervalSince1970: 10_000)
  static let placeholder = ComplianceResult(ruleName: "r", resourceType: "AWS::S3::Bucket", resourceId: "b", compliance: nil)

  static func result(_ compliance: Compliance?, at offset: TimeInterval, annotation: String? = nil) -> ComplianceResult {
    let time = notBefore.addingTimeInterval(offset)
    return ComplianceResult(
      ruleName: "r", resourceType: "AWS::S3::Bucket", resourceId: "b", compliance: compliance, annotation: annotation,
      recordedAt: time, invokedAt: time)
  }

  static func goal(_ expected: ExpectedCompliance, _ mode: ComplianceWaitMode = .firstResult,
                   annotation: AnnotationMatcher? = nil) -> ComplianceGoal {
    ComplianceGoal(target: .compliance(expected, annotation, mode), notBefore: notBefore, allowance: .seconds(1))
  }

  func decide(_ goal: ComplianceGoal, _ result: ComplianceResult?, complete: Bool = true, evaluated: Bool = true)
    -> ComplianceGoal.Decision
  {
    goal.decide(result, placeholder: Self.placeholder, complete: complete, ruleEvaluatedSince: evaluated)
  }

  @Test("A fresh match resolves; a fresh mismatch fails at once")
  func firstResult() {
    let fresh = Self.result(.nonCompliant, at: 5)
    #expect(decide(Self.goal(.nonCompliant), fresh) == .resolved(fresh))
    #expect(decide(Self.goal(.compliant), fresh) == .mismatch(fresh))
  }

  @Test("A stale result never decides")
  func stale() {
    let stale = Self.result(.compliant, at: -30)
    #expect(decide(Self.goal(.compliant), stale) == .pending)
    #expect(decide(Self.goal(.nonCompliant), stale) == .pending)
    #expect(decide(Self.goal(.compliant), Self.result(.compliant, at: -0.5)) == .resolved(Self.result(.compliant, at: -0.5)))
  }

  @Test("Eventually ignores a fresh mismatch")
  func eventually() {
    #expect(decide(Self.goal(.compliant, .eventually), Self.result(.nonCompliant, at: 5)) == .pending)
  }

  @Test("The annotation must match too")
  func annotation() {
    let fresh = Self.result(.nonCompliant, at: 5, annotation: "SSE is AES256")
    #expect(decide(Self.goal(.nonCompliant, annotation: .containing("AES256")), fresh) == .resolved(fresh))
    #expect(decide(Self.goal(.nonCompliant, annotation: .containing("none")), fresh) == .mismatch(fresh))
  }

  @Test("Absent needs a complete read and an evaluation since not-before")
  func absent() {
    #expect(decide(Self.goal(.absent), nil) == .resolved(Self.placeholder))
    #expect(decide(Self.goal(.absent), nil, complete: false) == .pending)
    #expect(decide(Self.goal(.absent), nil, evaluated: false) == .pending)
    let fresh = Self.result(.compliant, at: 5)
    #expect(decide(Self.goal(.absent), fresh) == .mismatch(fresh))
  }

  @Test("Removal: gone, or a fresh NOT_APPLICABLE")
  func removal() {
    let goal = ComplianceGoal(target: .removal, notBefore: Self.notBefore, allowance: .zero)
    #expect(decide(goal, nil) == .resolved(Self.placeholder))
    #expect(decide(goal, nil, complete: false) == .pending)
    #expect(decide(goal, Self.result(.notApplicable, at: 3)) == .resolved(Self.result(.notApplicable, at: 3)))
    #expect(decide(goal, Self.result(.notApplicable, at: -3)) == .pending)
    #expect(decide(goal, Self.result(.compliant, at: 3)) == .pending)
  }
}
