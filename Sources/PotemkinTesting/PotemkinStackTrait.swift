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
/// test of the suite records the deploy error as its own failure, so the failure shows in
/// every report (console and xunit) instead of the suite's tests silently vanishing.
/// It deploys only once, for the suite it is attached to.
public struct PotemkinStackTrait: SuiteTrait, TestTrait, TestScoping {
  /// What to deploy and how; see `Trait.potemkinStack(template:...)`.
  public var fixture: StackFixture
  /// Identifies this attachment, so nested suites that inherit the trait do not deploy again.
  let attachmentID = UUID()

  public var isRecursive: Bool { true }

  public func scopeProvider(for test: Test, testCase: Test.Case?) -> PotemkinStackTrait? {
    if test.isSuite { return self }
    // Test functions: scope each case (parameterized or not), never the function as a whole.
    return testCase == nil ? nil : self
  }

  public func provideScope(
    for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
  ) async throws {
    if test.isSuite {
      if StackScope.current.contains(where: { $0.attachmentID == attachmentID }) {
        // A nested suite inherited this trait: the stack is already bound.
        try await function()
        return
      }
      try await provideSuiteScope(for: test, performing: function)
    } else {
      if let failure = StackScope.current.first(where: { $0.attachmentID == attachmentID })?.setupFailure {
        failure.record(at: test.sourceLocation)
        return
      }
      try await function()
    }
  }

  private func provideSuiteScope(for test: Test, performing function: @Sendable () async throws -> Void) async throws {
    let failures = IssueObserver()
    let observeIssues: IssueHandlingTrait = .compactMapIssues { issue in
      if issue.severity >= .error && !issue.isKnown { failures.recordFailure() }
      return issue
    }
    var fixture = self.fixture
    fixture.suiteFailed = { failures.hasFailure }
    do {
      try await withStack(fixture) { stack in
        let entry = StackScope.Entry(attachmentID: attachmentID, fixture: fixture, stack: stack, setupFailure: nil)
        try await StackScope.$current.withValue(StackScope.current + [entry]) {
          try await observeIssues.provideScope(for: test, testCase: nil, performing: function)
        }
      }
    } catch let error as StackSetupFailure {
      // Run the tests anyway: each records the deploy error as its own failure.
      let entry = StackScope.Entry(attachmentID: attachmentID, fixture: fixture, stack: nil, setupFailure: error)
      try await StackScope.$current.withValue(StackScope.current + [entry]) {
        try await function()
      }
    }
  }
}

/// Remembers whether any failing issue was recorded inside a suite's scope.
final class IssueObserver: Sendable {
  private let failed = Mutex(false)

  func recordFailure() { failed.withLock { $0 = true } }

  var hasFailure: Bool { failed.withLock { $0 } }
}
