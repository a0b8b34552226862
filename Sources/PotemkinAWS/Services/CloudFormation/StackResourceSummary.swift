import Foundation

/// One resource of a stack, from ListStackResources.
public struct StackResourceSummary: Sendable, Hashable {
  /// The logical id in the template.
  public var logicalResourceId: String
  /// The physical id (bucket name, role name, ...), once created.
  public var physicalResourceId: String?
  /// The resource type, e.g. `AWS::S3::Bucket`.
  public var resourceType: String
  /// The resource status, e.g. `CREATE_COMPLETE`.
  public var resourceStatus: String
  /// Why the resource has its status, when CloudFormation says.
  public var resourceStatusReason: String?
  /// When the resource last changed.
  public var lastUpdatedTimestamp: Date?

  /// Creates a resource summary.
  public init(
    logicalResourceId: String, physicalResourceId: String? = nil, resourceType: String, resourceStatus: String,
    resourceStatusReason: String? = nil, lastUpdatedTimestamp: Date? = nil
  ) {
    self.logicalResourceId = logicalResourceId
    self.physicalResourceId = physicalResourceId
    self.resourceType = resourceType
    self.resourceStatus = resourceStatus
    self.resourceStatusReason = resourceStatusReason
    self.lastUpdatedTimestamp = lastUpdatedTimestamp
  }
}
