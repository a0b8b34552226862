import Foundation

/// The form parameters of one AWS Query request (`Action=...&Version=...&...`), in order.
///
/// Lists use the `Name.member.N` form and structures in lists `Name.member.N.Field`,
/// as CloudFormation and STS expect; `nil` values are left out.
struct QueryParameters: Sendable, Hashable {
  /// The name and value pairs, in the order they were set.
  private(set) var pairs: [(name: String, value: String)] = []

  /// Creates the parameters of `action` in API `version`.
  init(action: String, version: String) {
    pairs = [("Action", action), ("Version", version)]
  }

  /// Sets a string parameter; `nil` leaves it out.
  mutating func set(_ name: String, _ value: String?) {
    guard let value else { return }
    pairs.append((name, value))
  }

  /// Sets an integer parameter; `nil` leaves it out.
  mutating func set(_ name: String, _ value: Int?) {
    set(name, value.map(String.init))
  }

  /// Sets a Boolean parameter as `true`/`false`; `nil` leaves it out.
  mutating func set(_ name: String, _ value: Bool?) {
    set(name, value.map { $0 ? "true" : "false" })
  }

  /// Sets a list of strings as `name.member.1`, `name.member.2`, ...; an empty list is left out.
  mutating func setList(_ name: String, _ values: [String]?) {
    for (index, value) in (values ?? []).enumerated() {
      pairs.append(("\(name).member.\(index + 1)", value))
    }
  }

  /// Sets a list of structures: `fields` returns each element's `(field, value)` pairs,
  /// sent as `name.member.N.field`.
  mutating func setList<Element>(_ name: String, _ values: [Element]?, fields: (Element) -> [(String, String?)]) {
    for (index, element) in (values ?? []).enumerated() {
      for (field, value) in fields(element) {
        if let value { pairs.append(("\(name).member.\(index + 1).\(field)", value)) }
      }
    }
  }

  /// Sets a map as `name.entry.N.key` / `name.entry.N.value`, in key order; an empty map is left out.
  mutating func setMap(_ name: String, _ values: [String: String]?, keyName: String = "key", valueName: String = "value") {
    for (index, key) in (values ?? [:]).keys.sorted().enumerated() {
      pairs.append(("\(name).entry.\(index + 1).\(keyName)", key))
      pairs.append(("\(name).entry.\(index + 1).\(valueName)", values![key]!))
    }
  }

  /// The `application/x-www-form-urlencoded` body.
  var encoded: String {
    pairs.map { "\(Self.escape($0.name))=\(Self.escape($0.value))" }.joined(separator: "&")
  }

  /// Percent-encodes everything but RFC 3986 unreserved characters.
  static func escape(_ text: String) -> String {
    var result = ""
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
        UInt8(ascii: "~"):
        result.unicodeScalars.append(Unicode.Scalar(byte))
      default:
        result += String(format: "%%%02X", byte)
      }
    }
    return result
  }

  static func == (lhs: QueryParameters, rhs: QueryParameters) -> Bool {
    lhs.pairs.elementsEqual(rhs.pairs) { $0.name == $1.name && $0.value == $1.value }
  }

  func hash(into hasher: inout Hasher) {
    for pair in pairs {
      hasher.combine(pair.name)
      hasher.combine(pair.value)
    }
  }
}
