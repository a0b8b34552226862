import Foundation

/// A stack as DescribeStacks reports it.
public struct Stack: Sendable, Hashable {
  /// The stack name.
  public var name: String
  /// The stack's ARN.
  public var id: String
  /// The template's description.
  public var description: String?
  /// The current status.
  public var status: StackStatus
  /// Why the stack has its status, when CloudFormation says.
  public var statusReason: String?
  /// When the stack was created, by the service's clock.
  public var creationTime: Date?
  /// When the stack was last updated.
  public var lastUpdatedTime: Date?
  /// When the stack was deleted.
  public var deletionTime: Date?
  /// The parameter values.
  public var parameters: [StackParameter]
  /// The outputs.
  public var outputs: [StackOutput]
  /// The tags.
  public var tags: [ResourceTag]
  /// The capabilities the stack was created with.
  public var capabilities: [String]
  /// Whether rollback on failure is disabled.
  public var disableRollback: Bool?

  /// Creates a stack value.
  public init(
    name: String, id: String, description: String? = nil, status: StackStatus, statusReason: String? = nil,
    creationTime: Date? = nil, lastUpdatedTime: Date? = nil, deletionTime: Date? = nil,
    parameters: [StackParameter] = [], outputs: [StackOutput] = [], tags: [ResourceTag] = [],
    capabilities: [String] = [], disableRollback: Bool? = nil
  ) {
    self.name = name
    self.id = id
    self.description = description
    self.status = status
    self.statusReason = statusReason
    self.creationTime = creationTime
    self.lastUpdatedTime = lastUpdatedTime
    self.deletionTime = deletionTime
    self.parameters = parameters
    self.outputs = outputs
    self.tags = tags
    self.capabilities = capabilities
    self.disableRollback = disableRollback
  }

  /// The value of the output named `key`.
  public func output(_ key: String) -> String? {
    outputs.first { $0.key == key }?.value
  }
}
