import Foundation
import Potemkin
import Testing

extension ConfigRule {
  /// Waits for this rule's fresh result for one case and records a failing issue when it differs.
  ///
  /// The resource is looked up in the stacks of the enclosing `.potemkinStack` suites (innermost
  /// first), or in `stack` when given. All waiting cases of the process share one poller.
  /// - Parameters:
  ///   - expected: The resource and the compliance it should have.
  ///   - stack: The stack the resource belongs to; by default the enclosing suites' stacks.
  ///   - trigger: Also start an evaluation of the rule (periodic rules), coalesced across cases.
  ///   - timeout: How long to wait; 15 minutes by default.
  /// - Returns: The matching result, or `nil` when the expectation failed (the failure is recorded).
  /// - Throws: `CancellationError`, or `PotemkinTestingError` when no stack is available.
  @discardableResult
  public func expect(
    _ expected: ComplianceCase, in stack: DeployedStack? = nil, trigger: Bool = false, timeout: Duration? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
  ) async throws -> ComplianceResult? {
    let stack = try stack ?? Self.stack(containing: expected.resource)
    let connection = try await StackScope.connection(for: stack)
    let poller = try await CompliancePoller.shared(for: connection)
    let start = ContinuousClock.now
    do {
      let result = try await poller.expect(expected, rule: self, in: stack, trigger: trigger, timeout: timeout)
      CaseReport.passed(expected, rule: self, result: result, after: .now - start)
      return result
    } catch let error as ComplianceError {
      CaseReport.failed(expected, rule: self, error: error, after: .now - start)
      Issue.record(Comment(rawValue: error.description), sourceLocation: sourceLocation)
      if let actual = error.actual, let json = try? Self.evaluationEncoder.encode(actual) {
        Attachment.record(String(decoding: json, as: UTF8.self), named: "evaluation.json", sourceLocation: sourceLocation)
      }
      return nil
    }
  }

  /// Waits for this rule's fresh result for `resource` and records a failing issue when it differs.
  ///
  /// `try await rule.expect("KmsBucket", is: .compliant)`; see `expect(_:in:trigger:timeout:sourceLocation:)`.
  @discardableResult
  public func expect(
    _ resource: ResourceReference, is expected: ExpectedCompliance, annotation: AnnotationMatcher? = nil,
    in stack: DeployedStack? = nil, trigger: Bool = false, timeout: Duration? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
  ) async throws -> ComplianceResult? {
    try await expect(
      ComplianceCase(resource, is: expected, annotation: annotation), in: stack, trigger: trigger, timeout: timeout,
      sourceLocation: sourceLocation)
  }

  /// Waits until the resources of a deleted stack left this rule's results or turned `NOT_APPLICABLE`.
  ///
  /// Call it after `withStack` returned (the stack is deleted by then) with the stack it passed.
  /// Records a failing issue naming each resource whose result stayed.
  public func expectRemoval(
    of resources: [ResourceReference], from stack: DeployedStack, timeout: Duration? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
  ) async throws {
    let connection = try await StackScope.connection(for: stack)
    let poller = try await CompliancePoller.shared(for: connection)
    do {
      var resolved: [ResolvedResource] = []
      for resource in resources {
        resolved.append(try await poller.resolve(resource, in: stack))
      }
      try await poller.waitForRemoval(rule: name, resources: resolved, notBefore: stack.createdAt, timeout: timeout)
      CaseReport.note("\(resources.map(\.description).joined(separator: ", ")) removed from \(name)'s results")
    } catch let error as ComplianceError {
      Issue.record(Comment(rawValue: error.description), sourceLocation: sourceLocation)
    }
  }

  /// Encodes the evaluation attached to a failed expectation.
  private static var evaluationEncoder: JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    encoder.dateEncodingStrategy = .iso8601
    return encoder
  }

  /// The innermost bound stack that can resolve `resource`.
  static func stack(containing resource: ResourceReference) throws -> DeployedStack {
    let stacks = DeployedStack.allCurrent
    if stacks.isEmpty { _ = try DeployedStack.current }  // Throws the precise reason.
    switch resource {
    case .logical(let id):
      if let stack = stacks.last(where: { $0.resource(id) != nil }) { return stack }
    case .output(let key, _):
      if let stack = stacks.last(where: { $0.outputs[key] != nil }) { return stack }
    case .resource:
      if let stack = stacks.last { return stack }
    }
    throw PotemkinTestingError.unknownResource(resource.description)
  }
}
