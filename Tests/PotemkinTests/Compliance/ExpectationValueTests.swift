import Foundation
import Testing
@testable import Potemkin

@Suite("Compliance expectation values")
struct ExpectationValueTests {
  @Test("Cases print as parameterized test names", arguments: [
    (ComplianceCase("KmsBucket", is: .compliant), "KmsBucket is COMPLIANT"),
    (ComplianceCase("AesBucket", is: .nonCompliant), "AesBucket is NON_COMPLIANT"),
    (ComplianceCase(.output("BucketName"), is: .notApplicable), "output BucketName is NOT_APPLICABLE"),
    (ComplianceCase(.resource(type: "AWS::S3::Bucket", id: "x"), is: .absent), "AWS::S3::Bucket x has no result"),
    (ComplianceCase("Role", is: .nonCompliant, annotation: .containing("admin"), mode: .eventually),
     "Role is NON_COMPLIANT with annotation containing \"admin\" eventually"),
  ])
  func caseNames(_ expectation: ComplianceCase, _ name: String) {
    #expect(expectation.description == name)
  }

  @Test("Compliance round-trips its Config wire string", arguments: Compliance.allCases)
  func wireStrings(_ compliance: Compliance) {
    #expect(Compliance(wireValue: compliance.wireValue) == compliance)
    #expect(ExpectedCompliance(compliance).compliance == compliance)
  }

  @Test("The filter never asks for INSUFFICIENT_DATA, which Config rejects")
  func filterableTypes() {
    #expect(!Compliance.filterable.contains(.insufficientData))
    #expect(Compliance.filterable.contains(.notApplicable))
  }

  @Test("Annotation matchers", arguments: [
    (AnnotationMatcher.exactly("Bucket uses AES256"), "Bucket uses AES256", true),
    (AnnotationMatcher.exactly("AES256"), "Bucket uses AES256", false),
    (AnnotationMatcher.containing("AES256"), "Bucket uses AES256", true),
    (AnnotationMatcher.matching("^Bucket .* AES[0-9]+$"), "Bucket uses AES256", true),
    (AnnotationMatcher.matching("kms"), "Bucket uses AES256", false),
  ])
  func matchers(_ matcher: AnnotationMatcher, _ annotation: String, _ matches: Bool) {
    #expect(matcher.matches(annotation) == matches)
  }

  @Test("An invalid pattern is reported, a missing annotation matches nothing but empty exact text")
  func matcherEdges() {
    #expect(AnnotationMatcher.matching("(").problem != nil)
    #expect(AnnotationMatcher.containing("x").problem == nil)
    #expect(!AnnotationMatcher.containing("x").matches(nil))
    #expect(AnnotationMatcher.exactly("").matches(nil))
  }

  @Test("Results encode to JSON and back")
  func resultCodable() throws {
    let result = ComplianceResult(
      ruleName: "r", resourceType: "AWS::S3::Bucket", resourceId: "b", compliance: .nonCompliant,
      annotation: "no KMS", recordedAt: Date(timeIntervalSince1970: 1_700_000_000),
      invokedAt: Date(timeIntervalSince1970: 1_699_999_999))
    let data = try JSONEncoder().encode(result)
    #expect(try JSONDecoder().decode(ComplianceResult.self, from: data) == result)
    #expect(result.description.hasPrefix("AWS::S3::Bucket b is NON_COMPLIANT (annotation: \"no KMS\")"))
  }

  @Test("Freshness is judged by invocation time with the allowance")
  func freshness() {
    let notBefore = Date(timeIntervalSince1970: 1000)
    func result(invoked: TimeInterval?, recorded: TimeInterval?) -> ComplianceResult {
      ComplianceResult(
        ruleName: "r", resourceType: "t", resourceId: "i", compliance: .compliant,
        recordedAt: recorded.map(Date.init(timeIntervalSince1970:)),
        invokedAt: invoked.map(Date.init(timeIntervalSince1970:)))
    }
    #expect(result(invoked: 1000, recorded: 1001).isFresh(notBefore: notBefore))
    #expect(!result(invoked: 999, recorded: 1001).isFresh(notBefore: notBefore))
    #expect(result(invoked: 999, recorded: 1001).isFresh(notBefore: notBefore, allowance: .seconds(2)))
    #expect(result(invoked: nil, recorded: 1001).isFresh(notBefore: notBefore))
    #expect(!result(invoked: nil, recorded: nil).isFresh(notBefore: notBefore))
  }
}
