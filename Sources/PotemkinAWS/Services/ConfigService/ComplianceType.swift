/// A Config compliance value such as `COMPLIANT`.
public struct ComplianceType: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
  /// The value as Config spells it.
  public var rawValue: String

  /// Creates a value from Config's spelling.
  public init(rawValue: String) { self.rawValue = rawValue }

  public init(from decoder: any Decoder) throws {
    rawValue = try decoder.singleValueContainer().decode(String.self)
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(rawValue)
  }

  public var description: String { rawValue }

  /// `COMPLIANT`.
  public static let compliant = ComplianceType(rawValue: "COMPLIANT")
  /// `NON_COMPLIANT`.
  public static let nonCompliant = ComplianceType(rawValue: "NON_COMPLIANT")
  /// `NOT_APPLICABLE`.
  public static let notApplicable = ComplianceType(rawValue: "NOT_APPLICABLE")
  /// `INSUFFICIENT_DATA` (returned, but not accepted as a filter or by PutEvaluations).
  public static let insufficientData = ComplianceType(rawValue: "INSUFFICIENT_DATA")
}
