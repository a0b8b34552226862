import Foundation

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// The test cases of a JUnit-style xunit report, as `swift test --xunit-output` writes it.
struct XunitReport {
  /// One `<testcase>`: its name and the message of its `<failure>`, if any.
  struct TestCase: Sendable, Hashable {
    var className: String
    var name: String
    var failure: String?
  }

  /// Every `<testcase>` in document order.
  let testCases: [TestCase]

  /// Parses `text`; a malformed report yields the cases read so far.
  init(_ text: String) {
    let delegate = Delegate()
    let parser = XMLParser(data: Data(text.utf8))
    parser.delegate = delegate
    _ = parser.parse()
    testCases = delegate.cases
  }

  private final class Delegate: NSObject, XMLParserDelegate {
    var cases: [TestCase] = []

    func parser(
      _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
      attributes: [String: String] = [:]
    ) {
      switch elementName {
      case "testcase":
        cases.append(TestCase(className: attributes["classname"] ?? "", name: attributes["name"] ?? ""))
      case "failure" where !cases.isEmpty:
        let message = attributes["message"] ?? ""
        cases[cases.count - 1].failure = (cases[cases.count - 1].failure.map { $0 + "\n" } ?? "") + message
      default:
        break
      }
    }
  }
}
