import Foundation

/// One event of a stack, from DescribeStackEvents.
public struct StackEvent: Sendable, Hashable {
  /// The event id.
  public var eventId: String
  /// The stack's ARN.
  public var stackId: String
  /// The stack name.
  public var stackName: String
  /// The resource's logical id (the stack name for stack events).
  public var logicalResourceId: String?
  /// The resource's physical id.
  public var physicalResourceId: String?
  /// The resource type, e.g. `AWS::S3::Bucket`.
  public var resourceType: String?
  /// When the event happened.
  public var timestamp: Date
  /// The resource's status after the event, e.g. `CREATE_FAILED`.
  public var resourceStatus: String?
  /// Why, when CloudFormation says.
  public var resourceStatusReason: String?
  /// The token of the request that caused the event.
  public var clientRequestToken: String?

  /// Creates an event value.
  public init(
    eventId: String, stackId: String, stackName: String, logicalResourceId: String? = nil,
    physicalResourceId: String? = nil, resourceType: String? = nil, timestamp: Date,
    resourceStatus: String? = nil, resourceStatusReason: String? = nil, clientRequestToken: String? = nil
  ) {
    self.eventId = eventId
    self.stackId = stackId
    self.stackName = stackName
    self.logicalResourceId = logicalResourceId
    self.physicalResourceId = physicalResourceId
    self.resourceType = resourceType
    self.timestamp = timestamp
    self.resourceStatus = resourceStatus
    self.resourceStatusReason = resourceStatusReason
    self.clientRequestToken = clientRequestToken
  }
}
