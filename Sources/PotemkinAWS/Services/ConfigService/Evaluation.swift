import Foundation

/// A verdict a rule reports with PutEvaluations.
public struct Evaluation: Sendable, Hashable, Codable {
  /// The resource type.
  public var complianceResourceType: String
  /// The resource id.
  public var complianceResourceId: String
  /// The verdict (not `INSUFFICIENT_DATA`).
  public var complianceType: ComplianceType
  /// The explanation.
  public var annotation: String?
  /// The time of the triggering event.
  public var orderingTimestamp: Date

  /// Creates an evaluation.
  public init(
    complianceResourceType: String, complianceResourceId: String, complianceType: ComplianceType,
    annotation: String? = nil, orderingTimestamp: Date
  ) {
    self.complianceResourceType = complianceResourceType
    self.complianceResourceId = complianceResourceId
    self.complianceType = complianceType
    self.annotation = annotation
    self.orderingTimestamp = orderingTimestamp
  }
}
