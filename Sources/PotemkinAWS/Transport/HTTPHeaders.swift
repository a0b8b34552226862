/// An ordered list of HTTP header fields with case-insensitive lookup.
///
/// Order and repeated names are kept as given, because the SigV4 canonical
/// request and some AWS responses depend on them.
public struct HTTPHeaders: Sendable, Hashable, Sequence, ExpressibleByDictionaryLiteral {
  /// The fields in the order they were added.
  public private(set) var fields: [(name: String, value: String)]

  /// Creates headers from name and value pairs, keeping their order.
  public init(_ fields: [(String, String)] = []) {
    self.fields = fields.map { (name: $0.0, value: $0.1) }
  }

  public init(dictionaryLiteral elements: (String, String)...) {
    self.init(elements)
  }

  /// The first value for `name`, compared case-insensitively.
  public subscript(name: String) -> String? {
    get {
      let lowered = name.lowercased()
      return fields.first { $0.name.lowercased() == lowered }?.value
    }
    set {
      remove(name)
      if let newValue { add(name, newValue) }
    }
  }

  /// Every value for `name`, compared case-insensitively, in order.
  public func values(for name: String) -> [String] {
    let lowered = name.lowercased()
    return fields.filter { $0.name.lowercased() == lowered }.map(\.value)
  }

  /// Appends a field, keeping any earlier field of the same name.
  public mutating func add(_ name: String, _ value: String) {
    fields.append((name: name, value: value))
  }

  /// Removes every field named `name`, compared case-insensitively.
  public mutating func remove(_ name: String) {
    let lowered = name.lowercased()
    fields.removeAll { $0.name.lowercased() == lowered }
  }

  public func makeIterator() -> some IteratorProtocol<(name: String, value: String)> {
    fields.makeIterator()
  }

  public static func == (lhs: HTTPHeaders, rhs: HTTPHeaders) -> Bool {
    lhs.fields.count == rhs.fields.count
      && zip(lhs.fields, rhs.fields).allSatisfy { $0.name == $1.name && $0.value == $1.value }
  }

  public func hash(into hasher: inout Hasher) {
    for field in fields {
      hasher.combine(field.name)
      hasher.combine(field.value)
    }
  }
}
