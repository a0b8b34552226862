/// A template parameter value given to CreateStack or UpdateStack, or reported by DescribeStacks.
public struct StackParameter: Sendable, Hashable {
  /// The parameter name.
  public var key: String
  /// The value; `nil` with `usePreviousValue` on updates.
  public var value: String?
  /// Whether an update keeps the stack's current value.
  public var usePreviousValue: Bool?

  /// Creates a parameter value.
  public init(key: String, value: String? = nil, usePreviousValue: Bool? = nil) {
    self.key = key
    self.value = value
    self.usePreviousValue = usePreviousValue
  }
}
