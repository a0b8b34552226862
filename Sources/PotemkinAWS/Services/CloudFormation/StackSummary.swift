import Foundation

/// One stack from ListStacks (deleted stacks included for 90 days).
public struct StackSummary: Sendable, Hashable {
  /// The stack name.
  public var name: String
  /// The stack's ARN.
  public var id: String
  /// The status.
  public var status: StackStatus
  /// Why the stack has its status.
  public var statusReason: String?
  /// The template's description.
  public var templateDescription: String?
  /// When the stack was created.
  public var creationTime: Date?
  /// When it was last updated.
  public var lastUpdatedTime: Date?
  /// When it was deleted.
  public var deletionTime: Date?

  /// Creates a summary.
  public init(
    name: String, id: String, status: StackStatus, statusReason: String? = nil, templateDescription: String? = nil,
    creationTime: Date? = nil, lastUpdatedTime: Date? = nil, deletionTime: Date? = nil
  ) {
    self.name = name
    self.id = id
    self.status = status
    self.statusReason = statusReason
    self.templateDescription = templateDescription
    self.creationTime = creationTime
    self.lastUpdatedTime = lastUpdatedTime
    self.deletionTime = deletionTime
  }
}
