import Foundation
import Testing
@testable import PotemkinAWS

@Suite("AWS error parsing")
struct AWSErrorParsingTests {
  struct Case: Sendable, CustomTestStringConvertible {
    var name: String
    var status: Int
    var headers: [(String, String)]
    var body: String
    var code: String
    var message: String
    var requestId: String?
    var isRawFallback = false
    var testDescription: String { name }
  }

  static let cases: [Case] = [
    Case(
      name: "Query ErrorResponse",
      status: 400, headers: [],
      body: """
        <ErrorResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/">
          <Error><Type>Sender</Type><Code>ValidationError</Code><Message>Template format error: unsupported structure.</Message></Error>
          <RequestId>b5e7d1a2-0000</RequestId>
        </ErrorResponse>
        """,
      code: "ValidationError", message: "Template format error: unsupported structure.", requestId: "b5e7d1a2-0000"),
    Case(
      name: "S3 Error with header request id",
      status: 404, headers: [("x-amz-request-id", "S3REQ")],
      body: """
        <?xml version="1.0" encoding="UTF-8"?>
        <Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist</Message><BucketName>b</BucketName><RequestId>BODYREQ</RequestId></Error>
        """,
      code: "NoSuchBucket", message: "The specified bucket does not exist", requestId: "S3REQ"),
    Case(
      name: "JSON __type with namespace",
      status: 400, headers: [("x-amzn-RequestId", "J1")],
      body: #"{"__type":"com.amazonaws.starlingdove#NoSuchConfigRuleException","message":"The ConfigRule 'x' provided in the request is invalid."}"#,
      code: "NoSuchConfigRuleException", message: "The ConfigRule 'x' provided in the request is invalid.",
      requestId: "J1"),
    Case(
      name: "JSON Code/Message capitalised",
      status: 400, headers: [],
      body: #"{"Code":"ThrottlingException","Message":"Rate exceeded"}"#,
      code: "ThrottlingException", message: "Rate exceeded"),
    Case(
      name: "x-amzn-ErrorType header with a suffix",
      status: 400, headers: [("x-amzn-ErrorType", "LimitExceededException:http://internal.amazon.com/coral/")],
      body: #"{"message":"Too many evaluations"}"#,
      code: "LimitExceededException", message: "Too many evaluations"),
    Case(
      name: "HTML 500 from a proxy",
      status: 500, headers: [],
      body: """
        <!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 3.2 Final//EN">
        <html><head><title>500 Internal Server Error</title><style>body{color:red}</style></head>
        <body><h1>Internal Server Error</h1><p>The server encountered an internal error and was unable to complete your request.</p></body></html>
        """,
      code: "InternalServerError",
      message:
        "500 Internal Server Error Internal Server Error The server encountered an internal error and was unable to complete your request.",
      isRawFallback: true),
    Case(
      name: "Empty 404 body of a HEAD request",
      status: 404, headers: [("x-amz-request-id", "H1")], body: "",
      code: "NotFound", message: "(empty response body)", requestId: "H1", isRawFallback: true),
  ]

  @Test("Code, message and request id come from each protocol's error form", arguments: cases)
  func parses(_ testCase: Case) {
    let response = HTTPResponse(
      status: testCase.status, headers: HTTPHeaders(testCase.headers), body: Data(testCase.body.utf8))
    let error = AWSError(response: response, service: "CloudFormation", operation: "CreateStack")
    #expect(error.code == testCase.code)
    #expect(error.message == testCase.message)
    #expect(error.requestId == testCase.requestId)
    #expect(error.httpStatus == testCase.status)
    #expect(error.isRawFallback == testCase.isRawFallback)
  }

  @Test("The description names service, operation, code, status, message and request id")
  func description() {
    let error = AWSError(
      code: "ValidationError", message: "Template format error: bad", httpStatus: 400, requestId: "r-1",
      service: "CloudFormation", operation: "CreateStack")
    #expect(
      error.description
        == "CloudFormation CreateStack failed: ValidationError (HTTP 400): Template format error: bad [request id r-1]")
  }

  @Test("A long raw body is cut to about 200 characters")
  func truncates() {
    let body = "<html><body>" + String(repeating: "word ", count: 200) + "</body></html>"
    let error = AWSError(
      response: HTTPResponse(status: 502, body: Data(body.utf8)), service: "S3", operation: "PutObject")
    #expect(error.code == "BadGateway")
    #expect(error.message.count <= 201)
    #expect(error.message.hasSuffix("…"))
  }

  @Test("Classification helpers", arguments: [
    ("Throttling", 400, "", true, false, false),
    ("SlowDown", 503, "", true, true, false),
    ("InternalError", 500, "", false, true, false),
    ("RequestTimeTooSkewed", 403, "", false, false, true),
    ("SignatureDoesNotMatch", 403, "Signature expired: 20240101T000000Z is now earlier than ...", false, false, true),
    ("SignatureDoesNotMatch", 403, "The request signature we calculated does not match", false, false, false),
    ("ValidationError", 400, "", false, false, false),
  ])
  func classification(code: String, status: Int, message: String, throttling: Bool, transient: Bool, skew: Bool) {
    let error = AWSError(code: code, message: message, httpStatus: status, service: "S", operation: "O")
    #expect(error.isThrottling == throttling)
    #expect(error.isTransient == transient)
    #expect(error.isClockSkew == skew)
    #expect(AWSError.isThrottling(error) == throttling)
  }
}
