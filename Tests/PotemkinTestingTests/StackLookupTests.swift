import Foundation
import PotemkinTesting
import Testing

/// Lookups that need no stack: outside a `.potemkinStack` suite the DSL says what to do.
@Suite("Stack lookup outside a trait")
struct StackLookupTests {
  @Test("Asking for the current stack outside a suite trait explains how to get one")
  func noStack() {
    let error = #expect(throws: PotemkinTestingError.self) { try DeployedStack.current }
    #expect(error?.description.contains(".potemkinStack(template:") == true)
  }

  @Test("Compliance cases print as readable test-case names")
  func caseNames() {
    #expect(ComplianceCase("KmsBucket", is: .compliant).description == "KmsBucket is COMPLIANT")
    #expect(ComplianceCase("PlainBucket", is: .nonCompliant).description == "PlainBucket is NON_COMPLIANT")
  }
}
