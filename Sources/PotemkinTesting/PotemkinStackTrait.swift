@_exported import Potemkin
import Foundation
import Potemkin
import Synchronization
import Testing

/// A suite trait that deploys a CloudFormation stack once for the whole suite and deletes it after the last test.
///
/// Create it with `.potemkinStack(template:)`; never construct it directly. Every test and
/// parameterized case of the suite (nested suites included) sees the stack through
/// `DeployedStack.current` and the compliance expectations (`ConfigRule.expect(_:)`).
///
/// The trait is recursive so that it can also scope each test: when the deploy fails, every
/// test of the suite records the deploy error as its own failure, so it shows in every report
/// (console and xunit) instead of the suite's tests silently vanishing. It still deploys only
/// once, for the suite it is attached to; nested suites that inherit it reuse that stack.
public struct PotemkinStackTrait: SuiteTrait, TestTrait, TestScoping {
  /// Identifies one attachment of the trait to a suite.
  struct AttachmentID: Sendable, Hashable {
    let value = UUID()
  }

  let template: StackTemplate
  let parameters: [String: String]
  let tags: [String: String]
  let name: String?
  let region: String?
  let profile: String?
  let teardown: TeardownPolicy
  let timeout: Duration
  let reuse: Bool?
  let filePath: String
  let attachmentID = AttachmentID()

  init(
    template: StackTemplate, parameters: [String: String], tags: [String: String], name: String?, region: String?,
    profile: String?, teardown: TeardownPolicy, timeout: Duration, reuse: Bool?, filePath: String
  ) {
    self.template = template
    self.parameters = parameters
    self.tags = tags
    self.name = name
    self.region = region
    self.profile = profile
    self.teardown = teardown
    self.timeout = timeout
    self.reuse = reuse
    self.filePath = filePath
  }

  public var isRecursive: Bool { true }

  public func scopeProvider(for test: Test, testCase: Test.Case?) -> PotemkinStackTrait? {
    if test.isSuite { return self }
    // Test functions: scope each case (parameterized or not), never the function as a whole.
    return testCase == nil ? nil : self
  }

  public func provideScope(
    for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
  ) async throws {
    let binding = StackScope.current.last { $0.attachmentID == attachmentID }
    if test.isSuite {
      // A nested suite inherits the trait: the stack is already bound.
      if binding != nil { return try await function() }
      try await deployAndRun(for: test, function)
    } else if let failure = binding?.setupFailure {
      failure.record(at: test.sourceLocation)
    } else {
      try await function()
    }
  }

  private func deployAndRun(for test: Test, _ function: @Sendable () async throws -> Void) async throws {
    let failures = FailureObserver()
    let observeIssues: IssueHandlingTrait = .compactMapIssues { issue in
      if issue.isFailure { failures.markFailed() }
      return issue
    }
    let started = Mutex(false)
    do {
      let connection = try await AWSConnection.resolve(region: region, profile: profile)
      try await withStack(
        template, parameters: parameters, tags: tags, name: name, connection: connection, teardown: teardown,
        timeout: timeout, reuse: reuse, suiteFailed: { failures.hasFailed }, filePath: filePath
      ) { stack in
        started.withLock { $0 = true }
        let entry = StackScope.Entry(
          attachmentID: attachmentID, template: template, stack: stack, connection: connection, setupFailure: nil)
        try await StackScope.$current.withValue(StackScope.current + [entry]) {
          try await observeIssues.provideScope(for: test, testCase: nil, performing: function)
        }
      }
    } catch where !started.withLock({ $0 }) {
      // The deploy failed: run the tests anyway, each records the deploy error as its own failure.
      let failure = StackSetupFailure(template: template, underlying: error)
      let entry = StackScope.Entry(
        attachmentID: attachmentID, template: template, stack: nil, connection: nil, setupFailure: failure)
      try await StackScope.$current.withValue(StackScope.current + [entry]) {
        try await function()
      }
    }
  }
}

/// Remembers whether a failing issue was recorded inside a suite's scope (for `.onSuccess` teardown).
final class FailureObserver: Sendable {
  private let failed = Mutex(false)

  func markFailed() { failed.withLock { $0 = true } }

  var hasFailed: Bool { failed.withLock { $0 } }
}
