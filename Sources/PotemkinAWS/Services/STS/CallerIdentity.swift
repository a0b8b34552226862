/// Who the credentials belong to, from GetCallerIdentity.
public struct CallerIdentity: Sendable, Hashable {
  /// The account id.
  public var account: String
  /// The caller's ARN.
  public var arn: String
  /// The caller's unique id.
  public var userId: String

  /// Creates a value.
  public init(account: String, arn: String, userId: String) {
    self.account = account
    self.arn = arn
    self.userId = userId
  }
}
