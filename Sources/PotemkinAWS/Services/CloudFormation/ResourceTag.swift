/// A key and value tag on a stack or bucket.
public struct ResourceTag: Sendable, Hashable, Codable {
  /// The tag key.
  public var key: String
  /// The tag value.
  public var value: String

  /// Creates a tag.
  public init(key: String, value: String) {
    self.key = key
    self.value = value
  }
}
