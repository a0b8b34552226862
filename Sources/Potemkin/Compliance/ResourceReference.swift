/// Which resource a compliance expectation is about.
///
/// A string literal is a logical id of the current stack: `"KmsBucket"` is `.logical("KmsBucket")`.
public enum ResourceReference: Sendable, Hashable, CustomStringConvertible, ExpressibleByStringLiteral {
  /// A resource of the current stack by its logical id in the template.
  case logical(String)
  /// The value of a stack output; `type` is needed when no stack resource has that physical id.
  case output(String, type: String? = nil)
  /// An explicit AWS Config resource type and resource id (as Config names it).
  case resource(type: String, id: String)

  public init(stringLiteral value: String) {
    self = .logical(value)
  }

  public var description: String {
    switch self {
    case .logical(let id): id
    case .output(let key, _): "output \(key)"
    case .resource(let type, let id): "\(type) \(id)"
    }
  }
}
