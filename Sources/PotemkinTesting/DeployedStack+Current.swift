import Potemkin

extension DeployedStack {
  /// The stack of the innermost `.potemkinStack` suite around the running test.
  ///
  /// - Throws: `PotemkinTestingError` when no suite trait bound a stack, or its deploy failed.
  public static var current: DeployedStack {
    get throws {
      guard let entry = StackScope.current.last else { throw PotemkinTestingError.noStack(nil) }
      guard let stack = entry.stack else { throw PotemkinTestingError.setupFailed(entry.template.description) }
      return stack
    }
  }

  /// Every stack bound by `.potemkinStack` suites around the running test, outermost first.
  public static var allCurrent: [DeployedStack] {
    StackScope.current.compactMap(\.stack)
  }

  /// The stack of an enclosing suite, found by stack name, template path or template file name stem.
  ///
  /// - Throws: `PotemkinTestingError` when no enclosing suite bound such a stack.
  public static func current(_ nameOrTemplate: String) throws -> DeployedStack {
    let match = StackScope.current.last { entry in
      if entry.stack?.name == nameOrTemplate { return true }
      guard let path = entry.template.filePath else { return false }
      let fileName = path.split(separator: "/").last.map(String.init) ?? path
      let stem = fileName.split(separator: ".").first.map(String.init) ?? fileName
      return path == nameOrTemplate || path.hasSuffix("/" + nameOrTemplate) || fileName == nameOrTemplate
        || stem == nameOrTemplate
    }
    guard let match else { throw PotemkinTestingError.noStack(nameOrTemplate) }
    guard let stack = match.stack else { throw PotemkinTestingError.setupFailed(match.template.description) }
    return stack
  }
}
