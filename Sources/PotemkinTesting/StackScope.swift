import Potemkin

/// The stacks bound by `.potemkinStack` traits around the running test, innermost last.
enum StackScope {
  /// One stack binding: the stack (or why its deploy failed) and the connection it lives on.
  struct Entry: Sendable {
    /// The trait attachment that bound it.
    var attachmentID: PotemkinStackTrait.AttachmentID
    /// The template, for lookups by template path.
    var template: StackTemplate
    /// The deployed stack, or `nil` when its deploy failed.
    var stack: DeployedStack?
    /// The connection the stack was deployed with.
    var connection: AWSConnection?
    /// The deploy error, reported by every test of the suite.
    var setupFailure: StackSetupFailure?
  }

  @TaskLocal static var current: [Entry] = []

  /// The connection of `stack` if a trait bound it, else the process default.
  static func connection(for stack: DeployedStack) async throws -> AWSConnection {
    if let entry = current.last(where: { $0.stack?.id == stack.id }), let connection = entry.connection {
      return connection
    }
    return try await AWSConnection.resolve(region: stack.region)
  }
}
