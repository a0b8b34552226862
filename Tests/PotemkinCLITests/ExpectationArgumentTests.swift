import Potemkin
import Testing

@Suite("RESOURCE=COMPLIANCE arguments")
struct ExpectationArgumentTests {
  @Test("Reads logical ids and Type/id with any spelling of the compliance", arguments: [
    ("KmsBucket=compliant", ResourceReference.logical("KmsBucket"), ExpectedCompliance.compliant),
    ("AesBucket=NON_COMPLIANT", .logical("AesBucket"), .nonCompliant),
    ("AesBucket=Non-Compliant", .logical("AesBucket"), .nonCompliant),
    ("AWS::S3::Bucket/my-bucket=not-applicable", .resource(type: "AWS::S3::Bucket", id: "my-bucket"), .notApplicable),
    ("AWS::IAM::Role/AROA123=insufficient_data", .resource(type: "AWS::IAM::Role", id: "AROA123"), .insufficientData),
    ("AWS::SNS::Topic/arn:aws:sns:us-east-1:1:t=absent",
     .resource(type: "AWS::SNS::Topic", id: "arn:aws:sns:us-east-1:1:t"), .absent),
  ])
  func parses(_ text: String, resource: ResourceReference, expected: ExpectedCompliance) throws {
    let parsed = try ExpectationArgument.parse(text).get()
    #expect(parsed.resource == resource)
    #expect(parsed.expected == expected)
  }

  @Test("Says what is wrong with a malformed argument", arguments: [
    ("KmsBucket", "has no '='"),
    ("=compliant", "names no resource"),
    ("KmsBucket=green", "is not a compliance"),
    ("AWS::S3::Bucket=compliant", "no id"),
    ("AWS::S3/x=compliant", "is not Type/id"),
    ("Kms-Bucket=compliant", "neither a logical id"),
  ])
  func rejects(_ text: String, message: String) {
    guard case .failure(let error) = ExpectationArgument.parse(text) else {
      Issue.record("\(text) was accepted")
      return
    }
    #expect(error.description.contains(message), "\(error)")
  }

  @Test("The resource part is kept as the user wrote it")
  func resourceText() {
    #expect(ExpectationArgument.resourceText(of: "AWS::S3::Bucket/b=compliant") == "AWS::S3::Bucket/b")
    #expect(ExpectationArgument.resourceText(of: "KmsBucket") == "KmsBucket")
  }
}
