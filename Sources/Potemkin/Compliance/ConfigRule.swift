/// An AWS Config rule, named as in `DescribeConfigRules`.
public struct ConfigRule: Sendable, Hashable, Codable, CustomStringConvertible, ExpressibleByStringLiteral {
  /// The rule name.
  public var name: String

  /// Names a rule.
  public init(_ name: String) {
    self.name = name
  }

  public init(stringLiteral value: String) {
    self.init(value)
  }

  public var description: String { name }
}
