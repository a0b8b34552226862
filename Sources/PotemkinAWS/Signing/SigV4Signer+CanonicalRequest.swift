/// The canonical request and string to sign, built from the request as it goes on the wire.
extension SigV4Signer {
  /// Header names never signed, because proxies and HTTP clients may add, change or drop them
  /// (the same list as botocore's).
  static let unsignedHeaderNames: Set<String> = [
    "connection", "expect", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailer",
    "transfer-encoding", "upgrade", "user-agent", "x-amzn-trace-id",
  ]

  /// The canonical request text and the signed-headers list for the given wire parts.
  ///
  /// - Parameters:
  ///   - path: the path as sent, percent-encoded.
  ///   - query: the query as sent, percent-encoded, without `?`.
  ///   - headers: every header field to consider, in order.
  func canonicalRequest(
    method: String, path: String, query: String?, headers: [(name: String, value: String)], payloadHash: String
  ) -> (text: String, signedHeaders: String) {
    let headerPart = Self.canonicalHeaders(headers)
    var text = method.uppercased()
    text.reserveCapacity(256 + headerPart.canonical.utf8.count)
    text += "\n"
    text += canonicalPath(path)
    text += "\n"
    text += Self.canonicalQuery(query)
    text += "\n"
    text += headerPart.canonical
    text += "\n\n"
    text += headerPart.signed
    text += "\n"
    text += payloadHash
    return (text, headerPart.signed)
  }

  /// The canonical URI: normalized and encoded once more for most services, as sent for S3.
  func canonicalPath(_ path: String) -> String {
    var path = path.isEmpty ? "/" : path
    if options.normalizePath { path = Self.removeDotSegments(path) }
    guard options.doubleURIEncodePath, !URIEncoding.isEncodedForm(path.utf8, keepSlash: true) else { return path }
    return URIEncoding.encode(path.utf8, keepSlash: true)
  }

  /// The path without `.`, `..` and empty segments, keeping a leading and a trailing slash.
  static func removeDotSegments(_ path: String) -> String {
    var output: [Substring] = []
    for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
      switch segment {
      case ".": continue
      case "..": _ = output.popLast()
      default: output.append(segment)
      }
    }
    var result = path.hasPrefix("/") ? "/" : ""
    result += output.joined(separator: "/")
    if path.hasSuffix("/") && !output.isEmpty { result += "/" }
    return result
  }

  /// The canonical query: each name and value decoded and re-encoded, sorted by name then value,
  /// repeated names kept, a name without `=` given an empty value.
  static func canonicalQuery(_ query: String?) -> String {
    guard let query, !query.isEmpty else { return "" }
    var pairs: [(name: String, value: String)] = []
    for pair in query.utf8.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: false) {
      let name: Substring.UTF8View.SubSequence
      let value: Substring.UTF8View.SubSequence
      if let equals = pair.firstIndex(of: UInt8(ascii: "=")) {
        name = pair[..<equals]
        value = pair[pair.index(after: equals)...]
      } else {
        name = pair
        value = pair[pair.endIndex...]
      }
      pairs.append((reencode(name), reencode(value)))
    }
    pairs.sort { lhs, rhs in
      lhs.name == rhs.name
        ? lhs.value.utf8.lexicographicallyPrecedes(rhs.value.utf8)
        : lhs.name.utf8.lexicographicallyPrecedes(rhs.name.utf8)
    }
    var result = ""
    result.reserveCapacity(query.utf8.count + 16)
    for (index, pair) in pairs.enumerated() {
      if index > 0 { result += "&" }
      result += pair.name
      result += "="
      result += pair.value
    }
    return result
  }

  private static func reencode(_ part: some Collection<UInt8>) -> String {
    if URIEncoding.isEncodedForm(part, keepSlash: false) { return String(decoding: part, as: UTF8.self) }
    return URIEncoding.encode(URIEncoding.decode(part), keepSlash: false)
  }

  /// The canonical headers block (without its final newline) and the signed-headers list.
  ///
  /// Names are lower-cased; values trimmed with inner whitespace runs collapsed to one space;
  /// values of repeated names joined with commas in their original order; names sorted.
  static func canonicalHeaders(_ headers: [(name: String, value: String)]) -> (canonical: String, signed: String) {
    var groups: [(name: String, values: [String])] = []
    groups.reserveCapacity(headers.count)
    for field in headers {
      let name = lowercasedASCII(field.name)
      if unsignedHeaderNames.contains(name) { continue }
      let value = trimAll(field.value)
      if let index = groups.firstIndex(where: { $0.name == name }) {
        groups[index].values.append(value)
      } else {
        groups.append((name, [value]))
      }
    }
    groups.sort { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
    var canonical = ""
    var signed = ""
    for (index, group) in groups.enumerated() {
      if index > 0 {
        canonical += "\n"
        signed += ";"
      }
      canonical += group.name
      canonical += ":"
      canonical += group.values.count == 1 ? group.values[0] : group.values.joined(separator: ",")
      signed += group.name
    }
    return (canonical, signed)
  }

  /// `value` without leading and trailing whitespace and with each inner run of whitespace as one space.
  static func trimAll(_ value: String) -> String {
    var output: [UInt8] = []
    output.reserveCapacity(value.utf8.count)
    var pendingSpace = false
    for byte in value.utf8 {
      switch byte {
      case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"), 0x0B, 0x0C:
        pendingSpace = !output.isEmpty
      default:
        if pendingSpace {
          output.append(UInt8(ascii: " "))
          pendingSpace = false
        }
        output.append(byte)
      }
    }
    return String(decoding: output, as: UTF8.self)
  }

  private static func lowercasedASCII(_ name: String) -> String {
    if !name.utf8.contains(where: { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }) { return name }
    return String(decoding: name.utf8.map { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") ? $0 + 32 : $0 }, as: UTF8.self)
  }

  /// `AWS4-HMAC-SHA256`, the date, the scope and the hex SHA-256 of the canonical request, one per line.
  static func stringToSign(canonicalRequest: String, amzDate: String, scope: String) -> String {
    "AWS4-HMAC-SHA256\n\(amzDate)\n\(scope)\n\(Hex.encode(SHA256.hash(utf8: canonicalRequest)))"
  }
}
