import Testing
@testable import PotemkinAWS

@Suite("HTTP headers")
struct HTTPHeadersTests {
  @Test("Lookup ignores case and keeps the first value")
  func caseInsensitiveLookup() {
    var headers: HTTPHeaders = ["Content-Type": "text/xml", "X-Amz-Date": "20150830T123600Z"]
    headers.add("x-amz-date", "later")
    #expect(headers["content-type"] == "text/xml")
    #expect(headers.values(for: "X-AMZ-DATE") == ["20150830T123600Z", "later"])
    headers["X-Amz-Date"] = "one"
    #expect(headers.values(for: "x-amz-date") == ["one"])
    #expect(headers.fields.last?.name == "X-Amz-Date")
  }

  @Test("Credentials never print their secrets")
  func credentialsRedacted() {
    let credentials = AWSCredentials(
      accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
      sessionToken: "FwoGZXIvYXdzEXAMPLETOKEN")
    let printed = "\(credentials) \(String(reflecting: credentials))"
    #expect(printed.contains("AKIA…MPLE"))
    #expect(!printed.contains("wJalrXUtnFEMI"))
    #expect(!printed.contains("FwoGZXIvYXdz"))
  }
}
