/// One expectation of a suite: a resource, the compliance it should have, optionally its annotation.
///
/// It is the value of a parameterized test case and prints as one, e.g. `KmsBucket is COMPLIANT`.
public struct ComplianceCase: Sendable, Hashable, CustomStringConvertible {
  /// The resource the case is about.
  public var resource: ResourceReference
  /// The compliance the rule should report.
  public var expected: ExpectedCompliance
  /// A condition on the evaluation's annotation, if any.
  public var annotation: AnnotationMatcher?
  /// Whether the first fresh result decides or the case waits until a result matches.
  public var mode: ComplianceWaitMode

  /// Creates a case: `ComplianceCase("KmsBucket", is: .compliant)`.
  public init(
    _ resource: ResourceReference, is expected: ExpectedCompliance, annotation: AnnotationMatcher? = nil,
    mode: ComplianceWaitMode = .firstResult
  ) {
    self.resource = resource
    self.expected = expected
    self.annotation = annotation
    self.mode = mode
  }

  public var description: String {
    var text = expected == .absent ? "\(resource) has no result" : "\(resource) is \(expected)"
    if let annotation { text += " with \(annotation)" }
    if mode == .eventually { text += " eventually" }
    return text
  }
}
