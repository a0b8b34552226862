import Foundation

/// How one `RESOURCE=COMPLIANCE` expectation of `potemkin expect` ended.
public struct ExpectationOutcome: Sendable, Hashable, Codable {
  /// The rule name.
  public var rule: String
  /// The resource as given on the command line (`KmsBucket`, `AWS::S3::Bucket/my-bucket`).
  public var resource: String
  /// The resource as AWS Config identifies it, once resolved.
  public var resourceType: String?
  /// The Config resource id, once resolved.
  public var resourceId: String?
  /// The expected compliance (`COMPLIANT`, ..., or `absent`).
  public var expected: String
  /// The compliance Config reported (`nil` when there was no result).
  public var actual: String?
  /// The evaluation's annotation, if any.
  public var annotation: String?
  /// When the rule evaluated the resource.
  public var evaluatedAt: Date?
  /// Whether the result matched.
  public var passed: Bool
  /// Why it did not match (or could not be decided).
  public var message: String?

  /// Creates an outcome.
  public init(
    rule: String, resource: String, resourceType: String? = nil, resourceId: String? = nil, expected: String,
    actual: String? = nil, annotation: String? = nil, evaluatedAt: Date? = nil, passed: Bool, message: String? = nil
  ) {
    self.rule = rule
    self.resource = resource
    self.resourceType = resourceType
    self.resourceId = resourceId
    self.expected = expected
    self.actual = actual
    self.annotation = annotation
    self.evaluatedAt = evaluatedAt
    self.passed = passed
    self.message = message
  }

  /// One line for the terminal: `✔ KmsBucket is COMPLIANT (AWS::S3::Bucket kms-bucket-1): Default ...`.
  public var line: String {
    let mark = passed ? "✔" : "✘"
    var text = "\(mark) \(resource)"
    if let resourceType, let resourceId, resource != "\(resourceType)/\(resourceId)" {
      text += " (\(resourceType) \(resourceId))"
    }
    if passed {
      text += expected == "absent" ? " has no result" : " is \(expected)"
      if let annotation, !annotation.isEmpty { text += ": \(annotation)" }
    } else {
      text += ": expected \(expected), " + (actual.map { "got \($0)" } ?? "no result")
      if let message { text += "\n    \(message.replacingOccurrences(of: "\n", with: "\n    "))" }
    }
    return text
  }

  /// One JSON object on one line (ISO 8601 dates, sorted keys).
  public var jsonLine: String {
    let encoder = JSONEncoder()
    encoder.dateEncodingStrategy = .iso8601
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
  }
}
