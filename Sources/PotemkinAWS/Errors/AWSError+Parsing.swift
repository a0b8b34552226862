import Foundation

extension AWSError {
  /// Builds the error for an unsuccessful `response`, from whichever form the service used:
  /// a Query or S3 XML body, a JSON body (`__type`, `code`, `message`), the `x-amzn-ErrorType`
  /// header, or, when none parses (an HTML page from a proxy), the status and the body's text.
  public init(response: HTTPResponse, service: String, operation: String) {
    let headerRequestId =
      response.headers["x-amzn-RequestId"] ?? response.headers["x-amz-request-id"]
      ?? response.headers["x-amzn-request-id"]
    let headerCode = response.headers["x-amzn-ErrorType"].map(Self.cleanCode)

    var code: String?
    var message: String?
    var bodyRequestId: String?
    var parsed = false
    let text = String(decoding: response.body, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)

    if text.hasPrefix("{"), let object = try? JSONSerialization.jsonObject(with: response.body) as? [String: Any] {
      parsed = true
      let rawCode = (object["__type"] ?? object["code"] ?? object["Code"]) as? String
      code = rawCode.map(Self.cleanCode)
      message = (object["message"] ?? object["Message"] ?? object["errorMessage"]) as? String
    } else if text.hasPrefix("<"), let root = XMLTree.parse(response.body), let error = root.firstDescendant("Error") {
      parsed = error.child("Code") != nil || error.child("Message") != nil
      code = error.string("Code").map(Self.cleanCode)
      message = error.string("Message")
      bodyRequestId = root.string("RequestId") ?? root.string("RequestID") ?? error.string("RequestId")
    }

    let finalCode = [code, headerCode].compactMap { $0 }.first { !$0.isEmpty }
    self.init(
      code: finalCode ?? Self.codeForStatus(response.status),
      message: message ?? (parsed ? "" : Self.readableText(text)),
      httpStatus: response.status,
      requestId: headerRequestId ?? bodyRequestId,
      service: service,
      operation: operation,
      isRawFallback: !parsed && finalCode == nil
    )
  }

  /// Removes a namespace before `#` and anything after `:` (`aws.config#NoSuchConfigRuleException:http://...`).
  static func cleanCode(_ raw: String) -> String {
    var code = Substring(raw.trimmingCharacters(in: .whitespaces))
    if let hash = code.lastIndex(of: "#") { code = code[code.index(after: hash)...] }
    if let colon = code.firstIndex(of: ":") { code = code[..<colon] }
    return String(code)
  }

  /// A code for a response whose body names none (an S3 HEAD, a proxy's error page).
  static func codeForStatus(_ status: Int) -> String {
    switch status {
    case 301: "PermanentRedirect"
    case 400: "BadRequest"
    case 403: "Forbidden"
    case 404: "NotFound"
    case 429: "TooManyRequestsException"
    case 500: "InternalServerError"
    case 502: "BadGateway"
    case 503: "ServiceUnavailable"
    case 504: "GatewayTimeout"
    default: "HTTP\(status)"
    }
  }

  /// The first ~200 characters of `text` with markup removed and whitespace collapsed.
  static func readableText(_ text: String, limit: Int = 200) -> String {
    var withoutTags = text
    for block in ["script", "style"] {
      withoutTags = withoutTags.replacingOccurrences(
        of: "<\(block)[^>]*>.*?</\(block)>", with: " ", options: [.regularExpression, .caseInsensitive])
    }
    withoutTags = withoutTags.replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression)
    for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
      withoutTags = withoutTags.replacingOccurrences(of: entity, with: character)
    }
    let collapsed = withoutTags.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    if collapsed.isEmpty { return "(empty response body)" }
    return collapsed.count > limit ? String(collapsed.prefix(limit)) + "…" : collapsed
  }
}
