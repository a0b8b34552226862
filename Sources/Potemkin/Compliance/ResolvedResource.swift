/// A resource as AWS Config identifies it: its type and its Config resource id.
public struct ResolvedResource: Sendable, Hashable, Codable, CustomStringConvertible {
  /// The resource type, e.g. `AWS::S3::Bucket`.
  public var type: String
  /// The AWS Config resource id, e.g. the bucket name or an IAM role's `AROA...` id.
  public var id: String

  /// Creates a resource identity.
  public init(type: String, id: String) {
    self.type = type
    self.id = id
  }

  public var description: String { "\(type) \(id)" }
}
