/// What a test expects AWS Config to report for one resource and one rule.
public enum ExpectedCompliance: Sendable, Hashable, CustomStringConvertible {
  /// A fresh `COMPLIANT` result.
  case compliant
  /// A fresh `NON_COMPLIANT` result.
  case nonCompliant
  /// A fresh `NOT_APPLICABLE` result.
  case notApplicable
  /// A fresh `INSUFFICIENT_DATA` result (only rules Config itself evaluates report it per resource).
  case insufficientData
  /// No result at all once the rule has evaluated since the not-before time (e.g. removed after deletion).
  case absent

  /// The expectation of exactly `compliance`.
  public init(_ compliance: Compliance) {
    switch compliance {
    case .compliant: self = .compliant
    case .nonCompliant: self = .nonCompliant
    case .notApplicable: self = .notApplicable
    case .insufficientData: self = .insufficientData
    }
  }

  /// The compliance this expectation asks for, or `nil` for `.absent`.
  public var compliance: Compliance? {
    switch self {
    case .compliant: .compliant
    case .nonCompliant: .nonCompliant
    case .notApplicable: .notApplicable
    case .insufficientData: .insufficientData
    case .absent: nil
    }
  }

  /// The wire string (`COMPLIANT`, ...) or `absent`.
  public var description: String { compliance?.description ?? "absent" }
}
