/// One output of a stack.
public struct StackOutput: Sendable, Hashable {
  /// The output's logical name.
  public var key: String
  /// Its value.
  public var value: String
  /// The template's description of it.
  public var description: String?
  /// The export name, when the output is exported.
  public var exportName: String?

  /// Creates an output.
  public init(key: String, value: String, description: String? = nil, exportName: String? = nil) {
    self.key = key
    self.value = value
    self.description = description
    self.exportName = exportName
  }
}
