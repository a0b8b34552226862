import Foundation

/// One CloudFormation stack event as fixtures report it: a resource (or the stack itself) changing status.
public struct ResourceEvent: Sendable, Hashable, Codable, CustomStringConvertible {
  /// The event id.
  public var eventId: String
  /// When it happened, by the server's clock.
  public var timestamp: Date
  /// The resource's logical id (the stack name for stack-level events).
  public var logicalId: String
  /// The resource's physical id, when it has one.
  public var physicalId: String?
  /// The CloudFormation type (`AWS::CloudFormation::Stack` for stack-level events).
  public var type: String
  /// The status, e.g. `CREATE_FAILED`.
  public var status: String
  /// The reason CloudFormation gave, if any.
  public var reason: String?

  /// Creates an event.
  public init(
    eventId: String, timestamp: Date, logicalId: String, physicalId: String? = nil, type: String, status: String,
    reason: String? = nil
  ) {
    self.eventId = eventId
    self.timestamp = timestamp
    self.logicalId = logicalId
    self.physicalId = physicalId
    self.type = type
    self.status = status
    self.reason = reason
  }

  /// Whether the status is a failure (`*_FAILED`).
  public var isFailure: Bool { status.hasSuffix("_FAILED") }

  /// Whether the reason says the resource was only cancelled because another one failed.
  public var isCancellation: Bool {
    guard let reason = reason?.lowercased() else { return false }
    return reason.contains("cancelled") || reason.contains("canceled")
  }

  public var description: String {
    "\(logicalId) (\(type)) \(status)" + (reason.map { ": \($0)" } ?? "")
  }
}
