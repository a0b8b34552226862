import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A parsed XML element: its name, attributes, text and child elements, with path lookups.
///
/// AWS Query and REST-XML responses are small, so the whole document is kept in memory.
struct XMLTree: Sendable, Hashable {
  /// The element's local name (any namespace prefix removed).
  var name: String
  /// The element's attributes.
  var attributes: [String: String]
  /// The concatenated character data directly inside this element.
  var text: String
  /// The child elements, in document order.
  var children: [XMLTree]

  init(name: String, attributes: [String: String] = [:], text: String = "", children: [XMLTree] = []) {
    self.name = name
    self.attributes = attributes
    self.text = text
    self.children = children
  }

  /// Parses `data` as XML and returns its root element, or `nil` when it is not well-formed XML.
  static func parse(_ data: Data) -> XMLTree? {
    let builder = Builder()
    let parser = XMLParser(data: data)
    parser.shouldProcessNamespaces = false
    parser.shouldResolveExternalEntities = false
    parser.delegate = builder
    guard parser.parse(), let root = builder.root else { return nil }
    return root
  }

  /// The first child named `name`.
  func child(_ name: String) -> XMLTree? {
    children.first { $0.name == name }
  }

  /// Every child named `name`.
  func children(_ name: String) -> [XMLTree] {
    children.filter { $0.name == name }
  }

  /// The first element found by following a `/`-separated path of child names from this element.
  func element(_ path: String) -> XMLTree? {
    var current: XMLTree? = self
    for component in path.split(separator: "/") {
      current = current?.child(String(component))
      if current == nil { return nil }
    }
    return current
  }

  /// The text of the element at `path`, or `nil` when there is no such element.
  func string(_ path: String) -> String? {
    element(path)?.text
  }

  /// The elements of a Query-style list at `path`: the `member` children of that element.
  func members(_ path: String, itemName: String = "member") -> [XMLTree] {
    element(path)?.children(itemName) ?? []
  }

  /// The text at `path` as an integer.
  func int(_ path: String) -> Int? {
    string(path).flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
  }

  /// The text at `path` as a Boolean (`true`/`false`).
  func bool(_ path: String) -> Bool? {
    switch string(path)?.lowercased() {
    case "true": true
    case "false": false
    default: nil
    }
  }

  /// The text at `path` as an ISO 8601 timestamp, with or without fractional seconds.
  func date(_ path: String) -> Date? {
    string(path).flatMap(AWSTimestamp.parseISO8601)
  }

  /// The first descendant (depth first, this element included) named `name`.
  func firstDescendant(_ name: String) -> XMLTree? {
    if self.name == name { return self }
    for child in children {
      if let found = child.firstDescendant(name) { return found }
    }
    return nil
  }

  /// Builds the tree from parser callbacks.
  private final class Builder: NSObject, XMLParserDelegate {
    var stack: [XMLTree] = []
    var root: XMLTree?

    func parser(
      _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
      qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
    ) {
      let local = elementName.split(separator: ":").last.map(String.init) ?? elementName
      stack.append(XMLTree(name: local, attributes: attributeDict))
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
      guard !stack.isEmpty else { return }
      stack[stack.count - 1].text += string
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
      guard !stack.isEmpty else { return }
      stack[stack.count - 1].text += String(decoding: CDATABlock, as: UTF8.self)
    }

    func parser(
      _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?
    ) {
      guard var finished = stack.popLast() else { return }
      if !finished.children.isEmpty {
        // Whitespace between child elements is layout, not content.
        if finished.text.allSatisfy(\.isWhitespace) { finished.text = "" }
      }
      if stack.isEmpty {
        root = finished
      } else {
        stack[stack.count - 1].children.append(finished)
      }
    }
  }
}
