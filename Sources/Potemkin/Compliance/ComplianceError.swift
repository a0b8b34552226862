import Foundation

/// Why waiting for a compliance result failed, with what to do about it.
///
/// Compare `kind` to tell failures apart (`error.kind == .noSuchRule`); `description` is the
/// sentence a test report shows; `actual` is the result that decided a mismatch, if any.
public struct ComplianceError: Error, Sendable, Hashable, CustomStringConvertible {
  fileprivate enum Code: Hashable, Sendable {
    case mismatch, timedOut, notRemoved, noSuchRule, resourceOutOfScope, noRecorder, recorderStopped
    case resourceTypeNotRecorded, evaluationFailing, unknownLogicalId, unknownOutput, unresolvedResource
    case invalidAnnotationPattern, serviceFailure
  }

  /// The kind of failure, comparable with `==`.
  public struct Kind: Sendable, Hashable, CustomStringConvertible {
    fileprivate let code: Code

    /// A fresh result did not match the expectation.
    public static let mismatch = Kind(code: .mismatch)
    /// No matching fresh result arrived before the timeout.
    public static let timedOut = Kind(code: .timedOut)
    /// Deleted resources stayed in the rule's results (neither removed nor `NOT_APPLICABLE`).
    public static let notRemoved = Kind(code: .notRemoved)
    /// AWS Config has no rule of that name in the account and region.
    public static let noSuchRule = Kind(code: .noSuchRule)
    /// The resource's type is outside the rule's scope, so it will never be evaluated.
    public static let resourceOutOfScope = Kind(code: .resourceOutOfScope)
    /// The region has no configuration recorder.
    public static let noRecorder = Kind(code: .noRecorder)
    /// The configuration recorder exists but is not recording.
    public static let recorderStopped = Kind(code: .recorderStopped)
    /// The recorder does not record the resource's type.
    public static let resourceTypeNotRecorded = Kind(code: .resourceTypeNotRecorded)
    /// The rule's evaluations have been failing since the not-before time.
    public static let evaluationFailing = Kind(code: .evaluationFailing)
    /// The stack has no resource with that logical id.
    public static let unknownLogicalId = Kind(code: .unknownLogicalId)
    /// The stack has no output with that key, or its type cannot be told.
    public static let unknownOutput = Kind(code: .unknownOutput)
    /// AWS Config does not (yet) know the resource, so its Config resource id is unknown.
    public static let unresolvedResource = Kind(code: .unresolvedResource)
    /// The annotation matcher's regular expression does not compile.
    public static let invalidAnnotationPattern = Kind(code: .invalidAnnotationPattern)
    /// AWS Config calls kept failing with an error that is not throttling.
    public static let serviceFailure = Kind(code: .serviceFailure)

    public var description: String { "\(code)" }
  }

  /// The kind of failure.
  public let kind: Kind
  /// The rule waited on, if the failure concerns one.
  public let rule: String?
  /// The resource waited on, if the failure concerns one.
  public let resource: ResolvedResource?
  /// The result that decided the failure (the mismatching or latest stale result), if any.
  public let actual: ComplianceResult?
  /// What happened and what to do.
  public let description: String

  private init(
    _ code: Code, rule: String?, resource: ResolvedResource? = nil, actual: ComplianceResult? = nil,
    _ description: String
  ) {
    self.kind = Kind(code: code)
    self.rule = rule
    self.resource = resource
    self.actual = actual
    self.description = description
  }
}

extension ComplianceError {
  static func mismatch(
    rule: String, resource: ResolvedResource, expected: ExpectedCompliance, annotation: AnnotationMatcher?,
    actual: ComplianceResult
  ) -> ComplianceError {
    var wanted = "\(expected)"
    if let annotation { wanted += " with \(annotation)" }
    var got = actual.compliance.map { "\($0)" } ?? "no result"
    got += actual.annotation.map { " (annotation: \"\($0)\")" } ?? " (no annotation)"
    return ComplianceError(
      .mismatch, rule: rule, resource: resource, actual: actual,
      "Rule \(rule) evaluated \(resource) as \(got), expected \(wanted). If the rule is right, fix the expectation; "
        + "if the rule should change its answer over time, wait with mode .eventually.")
  }

  static func timedOut(
    rule: String, resource: ResolvedResource, expected: ExpectedCompliance, waited: Duration, notBefore: Date,
    latest: ComplianceResult?, freshForOthers: Int, lastInvocation: Date?, lastFresh: ComplianceResult?,
    lastFailure: (at: Date, code: String?, message: String?)? = nil
  ) -> ComplianceError {
    var text = "No \(expected) result of rule \(rule) for \(resource) within \(PollTime.text(waited))"
    text += " (results count from \(notBefore.formatted(.iso8601)))."
    if let lastFresh, lastFresh.compliance != nil {
      text += " Its latest fresh result: \(lastFresh.compliance!)\(lastFresh.annotation.map { " (\"\($0)\")" } ?? "")."
    } else if let latest, latest.compliance != nil {
      text += " Only a stale result exists: \(latest)."
    } else {
      text += " The resource has no result at all."
    }
    text += " The rule produced \(freshForOthers) fresh result\(freshForOthers == 1 ? "" : "s") for other resources"
    text += lastInvocation.map { "; it was last invoked \($0.formatted(.iso8601))." } ?? "; it has not been invoked."
    if let lastFailure, lastFailure.at >= notBefore {
      text += " The rule failed at \(lastFailure.at.formatted(.iso8601))"
      text += [lastFailure.code, lastFailure.message].compactMap { $0 }.map { ": \($0)" }.joined()
      text += "; if that was this resource's evaluation, fix the handler."
    }
    text += freshForOthers == 0
      ? " Check that the rule is triggered by changes to this resource type, or wait with trigger: true for periodic rules."
      : " Check that the rule's handler reports this resource (ComplianceResourceId \(resource.id))."
    return ComplianceError(.timedOut, rule: rule, resource: resource, actual: lastFresh ?? latest, text)
  }

  static func notRemoved(rule: String, remaining: [ComplianceResult], waited: Duration) -> ComplianceError {
    let list = remaining.map { "\($0.resourceType) \($0.resourceId) (\($0.compliance.map { "\($0)" } ?? "?"))" }
    return ComplianceError(
      .notRemoved, rule: rule, resource: remaining.first?.resource, actual: remaining.first,
      "Rule \(rule) still reports \(list.count) deleted resource\(list.count == 1 ? "" : "s") after "
        + "\(PollTime.text(waited)): \(list.joined(separator: ", ")). The rule's handler should report NOT_APPLICABLE "
        + "when configurationItemStatus is ResourceDeleted (or eventLeftScope is true).")
  }

  static func noSuchRule(_ rule: String, similar: [String], region: String?) -> ComplianceError {
    var text = "AWS Config has no rule named \(rule)"
    if let region { text += " in \(region)" }
    text += "."
    if !similar.isEmpty { text += " Did you mean \(similar.map { "'\($0)'" }.joined(separator: ", "))?" }
    text += " Deploy the rule first (check the rule stack, account and region), or fix the name."
    return ComplianceError(.noSuchRule, rule: rule, text)
  }

  static func outOfScope(rule: String, resource: ResolvedResource, scope: [String]) -> ComplianceError {
    ComplianceError(
      .resourceOutOfScope, rule: rule, resource: resource,
      "Rule \(rule) is scoped to \(scope.joined(separator: ", ")), so it never evaluates \(resource). "
        + "Add \(resource.type) to the rule's Scope.ComplianceResourceTypes or expect a resource of a scoped type.")
  }

  static func noRecorder(rule: String?, resource: ResolvedResource?) -> ComplianceError {
    ComplianceError(
      .noRecorder, rule: rule, resource: resource,
      "AWS Config has no configuration recorder in this account and region, so no rule is ever triggered. "
        + "Set one up (PutConfigurationRecorder, PutDeliveryChannel, StartConfigurationRecorder) and try again.")
  }

  static func recorderStopped(name: String, lastStatus: String?, rule: String?, resource: ResolvedResource?)
    -> ComplianceError
  {
    ComplianceError(
      .recorderStopped, rule: rule, resource: resource,
      "The configuration recorder \(name) is not recording\(lastStatus.map { " (last status \($0))" } ?? ""), "
        + "so changes trigger no evaluation. Start it: aws configservice start-configuration-recorder "
        + "--configuration-recorder-name \(name).")
  }

  static func typeNotRecorded(recorder: String, rule: String?, resource: ResolvedResource) -> ComplianceError {
    ComplianceError(
      .resourceTypeNotRecorded, rule: rule, resource: resource,
      "The configuration recorder \(recorder) does not record \(resource.type), so \(resource) is never evaluated. "
        + "Add the type to its recordingGroup.resourceTypes or record all supported types.")
  }

  static func evaluationFailing(rule: String, at: Date, code: String?, message: String?, resource: ResolvedResource?)
    -> ComplianceError
  {
    var text = "Rule \(rule) failed to evaluate at \(at.formatted(.iso8601))"
    if let code { text += ": \(code)" }
    if let message, !message.isEmpty { text += ": \(message)" }
    text += ". Fix the rule's Lambda handler (see its logs), redeploy the rule, and run again."
    return ComplianceError(.evaluationFailing, rule: rule, resource: resource, text)
  }

  static func unknownLogicalId(_ id: String, stack: String, available: [String]) -> ComplianceError {
    ComplianceError(
      .unknownLogicalId, rule: nil,
      "Stack \(stack) has no resource with logical id \(id). Its resources: "
        + "\(available.isEmpty ? "none" : available.joined(separator: ", ")).")
  }

  static func unknownOutput(_ key: String, stack: String, available: [String], typeMissing: Bool) -> ComplianceError {
    let text = typeMissing
      ? "Output \(key) of stack \(stack) names no resource of the stack, so its type is unknown. "
        + "Write .output(\"\(key)\", type: \"AWS::...\")."
      : "Stack \(stack) has no output \(key). Its outputs: \(available.isEmpty ? "none" : available.joined(separator: ", "))."
    return ComplianceError(.unknownOutput, rule: nil, text)
  }

  static func unresolved(type: String, name: String, waited: Duration) -> ComplianceError {
    ComplianceError(
      .unresolvedResource, rule: nil, resource: ResolvedResource(type: type, id: name),
      "AWS Config did not list \(type) \(name) in ListDiscoveredResources within \(PollTime.text(waited)), "
        + "so its Config resource id is unknown. Check that the recorder records \(type) "
        + "(global types such as IAM need includeGlobalResourceTypes), or pass .resource(type:id:) with the Config id.")
  }

  static func invalidAnnotation(_ problem: String) -> ComplianceError {
    ComplianceError(.invalidAnnotationPattern, rule: nil, "Cannot wait: \(problem). Fix the pattern.")
  }

  static func serviceFailure(rule: String, error: any Error) -> ComplianceError {
    ComplianceError(
      .serviceFailure, rule: rule,
      "AWS Config calls for rule \(rule) keep failing: \(error). Check credentials, permissions "
        + "(config:GetComplianceDetailsByConfigRule and friends) and the endpoint.")
  }

  /// The same error about another resource of the same rule.
  func about(_ resource: ResolvedResource) -> ComplianceError {
    ComplianceError(kind.code, rule: rule, resource: resource, actual: actual, description)
  }
}
