extension StackTemplate {
  /// The template's file path as given, or `nil` for an inline body.
  public var filePath: String? {
    if case .file(let path) = source { return path }
    return nil
  }
}
