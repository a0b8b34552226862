/// The compliance of one resource as AWS Config reports it for one rule.
///
/// The raw value is the Config wire string (`COMPLIANT`, `NON_COMPLIANT`, ...), which is
/// also how a compliance prints, so parameterized test names read like Config's console.
public enum Compliance: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
  /// The resource satisfies the rule.
  case compliant = "COMPLIANT"
  /// The resource violates the rule.
  case nonCompliant = "NON_COMPLIANT"
  /// The rule does not apply to the resource (for example after the resource was deleted).
  case notApplicable = "NOT_APPLICABLE"
  /// Config has no usable evaluation (Config reports it; `PutEvaluations` cannot send it).
  case insufficientData = "INSUFFICIENT_DATA"

  /// The AWS Config wire string, e.g. `NON_COMPLIANT`.
  public var wireValue: String { rawValue }

  /// Creates a compliance from its AWS Config wire string, or `nil` for an unknown string.
  public init?(wireValue: String) {
    self.init(rawValue: wireValue)
  }

  /// The compliance types the `ComplianceTypes` filter of the compliance-detail APIs accepts.
  ///
  /// Config rejects `INSUFFICIENT_DATA` in that filter, and leaves `NOT_APPLICABLE` out when no
  /// filter is sent, so the poller always sends these three.
  public static let filterable: [Compliance] = [.compliant, .nonCompliant, .notApplicable]

  public var description: String { rawValue }
}
