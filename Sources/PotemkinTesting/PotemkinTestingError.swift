/// A misuse of the test DSL, e.g. asking for the current stack outside a `.potemkinStack` suite.
public struct PotemkinTestingError: Error, Sendable, Hashable, CustomStringConvertible {
  private enum Code: Sendable, Hashable {
    case noStack(String?)
    case setupFailed(String)
    case unknownResource(String)
  }

  private let code: Code

  static func noStack(_ name: String?) -> Self { Self(code: .noStack(name)) }
  static func setupFailed(_ template: String) -> Self { Self(code: .setupFailed(template)) }
  static func unknownResource(_ resource: String) -> Self { Self(code: .unknownResource(resource)) }

  public var description: String {
    switch code {
    case .noStack(nil):
      "No Potemkin stack is bound to this test. Add `.potemkinStack(template: ...)` to an enclosing @Suite, "
        + "or pass the stack explicitly (`in: stack`) from `withStack`."
    case .noStack(let name?):
      "No enclosing suite deployed a stack named or templated \"\(name)\". Check the `.potemkinStack` traits "
        + "of the enclosing suites."
    case .setupFailed(let template):
      "The stack of \(template) failed to deploy; see the setup failure recorded for this test."
    case .unknownResource(let resource):
      "No stack around this test has a resource \"\(resource)\". Use a logical id from one of the templates, "
        + "`.output(\"Key\")`, or `.resource(type:id:)`."
    }
  }
}
