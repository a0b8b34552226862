import Foundation
import PotemkinAWS

/// One evaluation result of one rule for one resource, as AWS Config returned it.
///
/// `Codable` so a failing test can attach it as JSON.
public struct ComplianceResult: Sendable, Hashable, Codable, CustomStringConvertible {
  /// The rule that produced the result.
  public var ruleName: String
  /// The resource type, e.g. `AWS::S3::Bucket`.
  public var resourceType: String
  /// The AWS Config resource id.
  public var resourceId: String
  /// The reported compliance, or `nil` when the rule has no result for the resource.
  public var compliance: Compliance?
  /// The annotation the rule attached, if any.
  public var annotation: String?
  /// When Config recorded the result (`ResultRecordedTime`), by the server's clock.
  public var recordedAt: Date?
  /// When Config invoked the rule for this result (`ConfigRuleInvokedTime`), by the server's clock.
  public var invokedAt: Date?

  /// Creates a result.
  public init(
    ruleName: String, resourceType: String, resourceId: String, compliance: Compliance?, annotation: String? = nil,
    recordedAt: Date? = nil, invokedAt: Date? = nil
  ) {
    self.ruleName = ruleName
    self.resourceType = resourceType
    self.resourceId = resourceId
    self.compliance = compliance
    self.annotation = annotation
    self.recordedAt = recordedAt
    self.invokedAt = invokedAt
  }

  /// The resource the result is about.
  public var resource: ResolvedResource { ResolvedResource(type: resourceType, id: resourceId) }

  /// The time freshness is judged by: the invocation time, else the recorded time.
  ///
  /// The invocation started after the configuration change it evaluates, so an invocation time
  /// not before the stack's creation proves the result is about this stack's resources.
  public var evaluatedAt: Date? { invokedAt ?? recordedAt }

  /// Whether the result was produced at or after `notBefore`, allowing `allowance` of clock skew.
  public func isFresh(notBefore: Date, allowance: Duration = .zero) -> Bool {
    guard compliance != nil, let evaluatedAt else { return false }
    return evaluatedAt >= notBefore.addingTimeInterval(-allowance.inSeconds)
  }

  public var description: String {
    guard let compliance else { return "\(resourceType) \(resourceId): no result of rule \(ruleName)" }
    var text = "\(resourceType) \(resourceId) is \(compliance)"
    if let annotation, !annotation.isEmpty { text += " (annotation: \"\(annotation)\")" }
    if let recordedAt { text += ", recorded \(recordedAt.formatted(.iso8601))" }
    return text
  }
}
