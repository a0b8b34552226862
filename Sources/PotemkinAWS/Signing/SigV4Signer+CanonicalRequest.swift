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
    var bytes: [UInt8] = []
    let signedHeaders = writeCanonicalRequest(
      into: &bytes, method: method, path: path, query: query, headers: headers, payloadHash: payloadHash)
    return (String(decoding: bytes, as: UTF8.self), signedHeaders)
  }

  /// Writes the canonical request's UTF-8 bytes into `output` and returns the signed-headers list.
  func writeCanonicalRequest(
    into output: inout [UInt8], method: String, path: String, query: String?,
    headers: [(name: String, value: String)], payloadHash: String
  ) -> String {
    let canonicalHeaders = Self.canonicalHeaderEntries(headers)
    output.reserveCapacity(256 + path.utf8.count * 3 + (query?.utf8.count ?? 0) * 2 + canonicalHeaders.byteCount)
    let isUpperCase = !method.utf8.contains { $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }
    output.append(contentsOf: (isUpperCase ? method : method.uppercased()).utf8)
    output.append(UInt8(ascii: "\n"))
    output.append(contentsOf: canonicalPath(path).utf8)
    output.append(UInt8(ascii: "\n"))
    output.append(contentsOf: Self.canonicalQuery(query).utf8)
    output.append(UInt8(ascii: "\n"))
    canonicalHeaders.write(into: &output)
    output.append(UInt8(ascii: "\n"))
    output.append(UInt8(ascii: "\n"))
    output.append(contentsOf: canonicalHeaders.signedHeaders.utf8)
    output.append(UInt8(ascii: "\n"))
    output.append(contentsOf: payloadHash.utf8)
    return canonicalHeaders.signedHeaders
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
    let entries = canonicalHeaderEntries(headers)
    var bytes: [UInt8] = []
    entries.write(into: &bytes)
    return (String(decoding: bytes, as: UTF8.self), entries.signedHeaders)
  }

  /// Signed header fields, lower-cased, trimmed and sorted by name (then by original position).
  struct CanonicalHeaderEntries {
    var entries: [(name: String, value: String, position: Int)]
    var signedHeaders: String
    var byteCount: Int

    /// Writes `name:value[,value...]` lines separated by newlines, without a final newline.
    func write(into output: inout [UInt8]) {
      var previousName: String?
      for entry in entries {
        if entry.name == previousName {
          output.append(UInt8(ascii: ","))
        } else {
          if previousName != nil { output.append(UInt8(ascii: "\n")) }
          output.append(contentsOf: entry.name.utf8)
          output.append(UInt8(ascii: ":"))
          previousName = entry.name
        }
        output.append(contentsOf: entry.value.utf8)
      }
    }
  }

  static func canonicalHeaderEntries(_ headers: [(name: String, value: String)]) -> CanonicalHeaderEntries {
    var entries: [(name: String, value: String, position: Int)] = []
    entries.reserveCapacity(headers.count)
    var byteCount = 0
    for (position, field) in headers.enumerated() {
      let name = lowercasedASCII(field.name)
      if unsignedHeaderNames.contains(name) { continue }
      let value = trimAll(field.value)
      byteCount += name.utf8.count + value.utf8.count + 2
      entries.append((name, value, position))
    }
    entries.sort { lhs, rhs in
      lhs.name == rhs.name ? lhs.position < rhs.position : lhs.name.utf8.lexicographicallyPrecedes(rhs.name.utf8)
    }
    var signed = ""
    signed.reserveCapacity(byteCount)
    var previousName: String?
    for entry in entries where entry.name != previousName {
      if previousName != nil { signed += ";" }
      signed += entry.name
      previousName = entry.name
    }
    return CanonicalHeaderEntries(entries: entries, signedHeaders: signed, byteCount: byteCount)
  }

  /// `value` without leading and trailing whitespace and with each inner run of whitespace as one space.
  static func trimAll(_ value: String) -> String {
    if isTrimmed(value) { return value }
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

  /// Whether `value` has no whitespace but single inner spaces, so `trimAll` would not change it.
  private static func isTrimmed(_ value: String) -> Bool {
    var previousWasSpace = true  // a leading space is not trimmed
    for byte in value.utf8 {
      switch byte {
      case UInt8(ascii: " "):
        if previousWasSpace { return false }
        previousWasSpace = true
      case UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"), 0x0B, 0x0C:
        return false
      default:
        previousWasSpace = false
      }
    }
    return !previousWasSpace || value.isEmpty
  }

  private static func lowercasedASCII(_ name: String) -> String {
    if !name.utf8.contains(where: { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }) { return name }
    return String(unsafeUninitializedCapacity: name.utf8.count) { buffer in
      var index = 0
      for byte in name.utf8 {
        buffer[index] = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
        index += 1
      }
      return index
    }
  }

  /// The string to sign, as UTF-8 bytes: `AWS4-HMAC-SHA256`, the date, the scope and the hex SHA-256
  /// of the canonical request, one per line.
  static func stringToSign(canonicalRequest: [UInt8], amzDate: String, scope: String) -> [UInt8] {
    var output: [UInt8] = []
    output.reserveCapacity(17 + 17 + scope.utf8.count + 1 + 64)
    output.append(contentsOf: "AWS4-HMAC-SHA256\n".utf8)
    output.append(contentsOf: amzDate.utf8)
    output.append(UInt8(ascii: "\n"))
    output.append(contentsOf: scope.utf8)
    output.append(UInt8(ascii: "\n"))
    let hash = canonicalRequest.withUnsafeBytes { SHA256.hash($0) }
    Hex.append(hash, to: &output)
    return output
  }
}
