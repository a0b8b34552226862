/// Parses the INI dialect of the AWS shared config and credentials files, as botocore reads them.
///
/// Sections are `[name]`; settings are `key = value` or `key: value` (keys lower-cased);
/// whole-line comments start with `#` or `;`; an indented line continues the previous
/// value, and a value whose first line is empty with indented `key = value` lines is a
/// nested sub-section (used by `[services name]`).
public struct INIParser: Sendable {
  /// One section of the file, in file order.
  public struct Section: Sendable, Hashable {
    /// The text between the brackets, trimmed (`profile dev`, `default`, `sso-session corp`).
    public var name: String
    /// The settings, keys lower-cased; continuation lines joined with newlines.
    public var values: [String: String]
    /// Nested sub-sections (`s3 =` followed by indented `endpoint_url = ...`), keyed by the outer key.
    public var nested: [String: [String: String]]
  }

  /// A line the parser could not read.
  public struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file the line came from (as given to the parser).
    public var file: String
    /// The line number, starting at 1.
    public var line: Int
    /// What is wrong.
    public var reason: String

    public var description: String {
      "\(file), line \(line): \(reason). Each line must be `[section]`, `key = value`, an indented continuation, or a comment starting with # or ;."
    }
  }

  /// Creates a parser.
  public init() {}

  /// Parses `text` (from `file`, used in errors) into sections; a repeated section merges into the first.
  public func parse(_ text: String, file: String) throws(ParseError) -> [Section] {
    var sections: [Section] = []
    var indexByName: [String: Int] = [:]
    var current: Int?
    var lastKey: String?
    var rawValues: [Int: [String: [String]]] = [:]

    for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let number = offset + 1
      var line = Substring(rawLine)
      if line.hasSuffix("\r") { line = line.dropLast() }
      let trimmed = line.trimmingINIWhitespace()
      if trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed.hasPrefix(";") {
        continue  // blank lines and whole-line comments never end a value
      }
      let indented = line.first == " " || line.first == "\t"
      if indented, let current, let lastKey {
        rawValues[current, default: [:]][lastKey, default: []].append(String(trimmed))
        continue
      }
      if trimmed.hasPrefix("[") {
        guard trimmed.hasSuffix("]") else {
          throw ParseError(file: file, line: number, reason: "section header `\(trimmed)` has no closing ]")
        }
        let name = trimmed.dropFirst().dropLast().trimmingINIWhitespace()
        guard !name.isEmpty else { throw ParseError(file: file, line: number, reason: "empty section name `[]`") }
        if let existing = indexByName[String(name)] {
          current = existing
        } else {
          sections.append(Section(name: String(name), values: [:], nested: [:]))
          current = sections.count - 1
          indexByName[String(name)] = current
        }
        lastKey = nil
        continue
      }
      guard let current else {
        throw ParseError(file: file, line: number, reason: "`\(trimmed.prefix(40))` appears before any [section]")
      }
      guard let separator = trimmed.firstIndex(where: { $0 == "=" || $0 == ":" }) else {
        throw ParseError(file: file, line: number, reason: "`\(trimmed.prefix(40))` is not `key = value`")
      }
      let key = trimmed[..<separator].trimmingINIWhitespace().lowercased()
      guard !key.isEmpty else { throw ParseError(file: file, line: number, reason: "a setting has no key") }
      let value = trimmed[trimmed.index(after: separator)...].trimmingINIWhitespace()
      rawValues[current, default: [:]][key] = [String(value)]
      lastKey = key
    }

    for (index, values) in rawValues {
      for (key, lines) in values {
        if lines.count > 1, lines[0].isEmpty {
          var nested: [String: String] = [:]
          var isNested = true
          for line in lines.dropFirst() {
            guard let separator = line.firstIndex(where: { $0 == "=" || $0 == ":" }) else {
              isNested = false
              break
            }
            let nestedKey = line[..<separator].trimmingINIWhitespace().lowercased()
            nested[nestedKey] = String(line[line.index(after: separator)...].trimmingINIWhitespace())
          }
          if isNested { sections[index].nested[key] = nested }
        }
        sections[index].values[key] = lines.drop(while: \.isEmpty).joined(separator: "\n")
      }
    }
    return sections
  }
}

extension StringProtocol {
  /// The text without leading and trailing whitespace.
  func trimmingINIWhitespace() -> SubSequence {
    guard let start = firstIndex(where: { !$0.isWhitespace }), let last = lastIndex(where: { !$0.isWhitespace }) else {
      return self[endIndex...]
    }
    return self[start...last]
  }
}
