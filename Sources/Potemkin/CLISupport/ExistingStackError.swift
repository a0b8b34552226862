/// Why a stack named on the command line (`--stack`) cannot be used.
public struct ExistingStackError: Error, Sendable, Hashable, CustomStringConvertible {
  private enum Code: Sendable, Hashable {
    case notFound(stack: String, region: String)
    case notReady(stack: String, status: String)
  }

  private let code: Code

  private init(_ code: Code) { self.code = code }

  static func notFound(_ stack: String, region: String) -> ExistingStackError {
    .init(.notFound(stack: stack, region: region))
  }

  static func notReady(_ stack: String, status: String) -> ExistingStackError {
    .init(.notReady(stack: stack, status: status))
  }

  public var description: String {
    switch code {
    case .notFound(let stack, let region):
      "Stack \(stack) does not exist in \(region). Check the name (--stack), the region (--region) and the account."
    case .notReady(let stack, let status):
      "Stack \(stack) is \(status). Wait until it is CREATE_COMPLETE or UPDATE_COMPLETE, or deploy it again."
    }
  }
}
