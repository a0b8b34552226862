import Foundation

/// The CloudFormation template of a fixture: a file or an inline body.
///
/// A relative file path is looked up relative to the package root (the nearest directory holding
/// `Package.swift` above the calling source file), then relative to the current directory.
public struct StackTemplate: Sendable, Hashable, ExpressibleByStringLiteral, CustomStringConvertible {
  enum Source: Sendable, Hashable {
    case file(String)
    case body(String, name: String)
  }

  let source: Source

  /// A template file: an absolute path, or a path relative to the package root or the current directory.
  public static func file(_ path: String) -> StackTemplate { StackTemplate(source: .file(path)) }

  /// An inline template; `name` is the stem of the stack name.
  public static func body(_ text: String, name: String = "inline") -> StackTemplate {
    StackTemplate(source: .body(text, name: name))
  }

  init(source: Source) { self.source = source }

  /// A template file path, as with `.file(_:)`.
  public init(stringLiteral value: String) { self.source = .file(value) }

  public var description: String {
    switch source {
    case .file(let path): "template file \(path)"
    case .body(_, let name): "inline template \(name)"
    }
  }

  /// A template read and ready to send.
  public struct Resolved: Sendable, Hashable {
    /// The template text.
    public var body: String
    /// The file it came from, if any.
    public var path: String?
    /// The stem for the stack name: the file name without extension, or the inline template's name.
    public var stem: String
  }

  /// Reads the template.
  /// - Parameters:
  ///   - filePath: The calling source file (`#filePath`), used to find the package root.
  ///   - currentDirectory: The directory tried last for a relative path.
  /// - Throws: `StackError` naming every path tried when no file exists, or when it cannot be read.
  public func resolve(
    filePath: String, currentDirectory: String = FileManager.default.currentDirectoryPath
  ) throws -> Resolved {
    switch source {
    case .body(let text, let name):
      return Resolved(body: text, path: nil, stem: name)
    case .file(let path):
      let candidates = Self.candidates(for: path, filePath: filePath, currentDirectory: currentDirectory)
      guard let found = candidates.first(where: { Self.isFile($0) }) else {
        throw StackError.templateNotFound(path, tried: candidates)
      }
      let body: String
      do {
        body = try String(contentsOfFile: found, encoding: .utf8)
      } catch {
        throw StackError.templateUnreadable(found, reason: "\(error)")
      }
      let stem = ((found as NSString).lastPathComponent as NSString).deletingPathExtension
      return Resolved(body: body, path: found, stem: stem)
    }
  }

  /// The paths tried for `path`, in order.
  static func candidates(for path: String, filePath: String, currentDirectory: String) -> [String] {
    let expanded = (path as NSString).expandingTildeInPath
    if expanded.hasPrefix("/") { return [expanded] }
    var result: [String] = []
    if let root = packageRoot(from: filePath) {
      result.append(URL(fileURLWithPath: root).appendingPathComponent(expanded).standardizedFileURL.path)
    }
    let relative = URL(fileURLWithPath: currentDirectory).appendingPathComponent(expanded).standardizedFileURL.path
    if !result.contains(relative) { result.append(relative) }
    return result
  }

  /// The nearest directory at or above `filePath`'s directory that holds `Package.swift`.
  public static func packageRoot(from filePath: String) -> String? {
    var directory = URL(fileURLWithPath: filePath).deletingLastPathComponent().standardizedFileURL
    while true {
      if isFile(directory.appendingPathComponent("Package.swift").path) { return directory.path }
      let parent = directory.deletingLastPathComponent().standardizedFileURL
      if parent.path == directory.path { return nil }
      directory = parent
    }
  }

  static func isFile(_ path: String) -> Bool {
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
  }
}
