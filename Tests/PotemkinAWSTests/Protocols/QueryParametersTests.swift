import Foundation
import Testing
@testable import PotemkinAWS

@Suite("AWS Query encoding")
struct QueryParametersTests {
  @Test("Escaping keeps only unreserved characters", arguments: [
    ("abc-._~XYZ09", "abc-._~XYZ09"),
    ("a b", "a%20b"),
    ("a+b=c&d", "a%2Bb%3Dc%26d"),
    ("Résumé/ü", "R%C3%A9sum%C3%A9%2F%C3%BC"),
    ("*", "%2A"),
  ])
  func escaping(input: String, expected: String) {
    #expect(QueryParameters.escape(input) == expected)
  }

  @Test("CreateStack flattens parameters, capabilities and tags as member lists")
  func createStackEncoding() {
    let input = CreateStackInput(
      stackName: "fixture-1", template: .body("Resources: {}"),
      parameters: [StackParameter(key: "Env", value: "test"), StackParameter(key: "Size", usePreviousValue: true)],
      capabilities: ["CAPABILITY_IAM", "CAPABILITY_NAMED_IAM"],
      tags: [ResourceTag(key: "potemkin:run-id", value: "r1")], onFailure: .delete, timeoutInMinutes: 30,
      clientRequestToken: "tok")
    let encoded = input.queryParameters().encoded
    #expect(
      encoded
        == "Action=CreateStack&Version=2010-05-15&StackName=fixture-1&TemplateBody=Resources%3A%20%7B%7D"
        + "&Parameters.member.1.ParameterKey=Env&Parameters.member.1.ParameterValue=test"
        + "&Parameters.member.2.ParameterKey=Size&Parameters.member.2.UsePreviousValue=true"
        + "&Capabilities.member.1=CAPABILITY_IAM&Capabilities.member.2=CAPABILITY_NAMED_IAM"
        + "&Tags.member.1.Key=potemkin%3Arun-id&Tags.member.1.Value=r1"
        + "&OnFailure=DELETE&TimeoutInMinutes=30&ClientRequestToken=tok")
  }

  @Test("DisableRollback replaces OnFailure, and a template URL is sent as TemplateURL")
  func disableRollback() {
    let input = CreateStackInput(
      stackName: "s", template: .url(URL(string: "https://b.s3.amazonaws.com/t.yml")!), onFailure: .delete,
      disableRollback: true)
    let names = input.queryParameters().pairs.map(\.name)
    #expect(names.contains("DisableRollback"))
    #expect(!names.contains("OnFailure"))
    #expect(input.queryParameters().pairs.contains { $0.name == "TemplateURL" && $0.value == "https://b.s3.amazonaws.com/t.yml" })
  }

  @Test("Maps flatten to sorted entry.N.key and entry.N.value pairs")
  func maps() {
    var query = QueryParameters(action: "A", version: "1")
    query.setMap("Attributes", ["b": "2", "a": "1"])
    #expect(query.encoded == "Action=A&Version=1&Attributes.entry.1.key=a&Attributes.entry.1.value=1"
      + "&Attributes.entry.2.key=b&Attributes.entry.2.value=2")
  }

  @Test("Nil values and empty lists are left out")
  func omitsNil() {
    var query = QueryParameters(action: "ListStacks", version: "2010-05-15")
    query.set("NextToken", nil as String?)
    query.setList("StackStatusFilter", [])
    query.set("Limit", nil as Int?)
    #expect(query.encoded == "Action=ListStacks&Version=2010-05-15")
  }
}
