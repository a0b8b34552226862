import Foundation
import PotemkinAWS

/// Why a fixture stack could not be deployed or torn down, with everything needed to fix it.
///
/// `description` is the full diagnosis; the structured parts (`rootCause`, `failedResources`, `events`, ...)
/// are there for test reporters to attach.
public struct StackError: Error, Sendable, Hashable, CustomStringConvertible {
  private enum Code: Sendable, Hashable {
    case templateNotFound(path: String, tried: [String])
    case templateUnreadable(path: String, reason: String)
    case rejected(stack: String, message: String)
    case createFailed(stack: String, status: String, statusReason: String?)
    case timedOut(stack: String, phase: String, after: Duration)
    case deleteFailed(stack: String, statusReason: String?)
    case interrupted(stack: String)
    case aws(stack: String?, action: String, message: String)
  }

  private let code: Code
  /// The failed resource that caused the failure: the first failure, in time order, that is not a cancellation.
  public private(set) var rootCause: ResourceEvent?
  /// Every failed resource event, in time order (the root cause included).
  public private(set) var failedResources: [ResourceEvent] = []
  /// The stack's events, in time order, when they were fetched.
  public private(set) var events: [ResourceEvent] = []
  /// Resources still in progress when a wait timed out (`logicalId (type) status`).
  public private(set) var resourcesInProgress: [String] = []
  /// Whether the failed stack was deleted before this error was thrown.
  public private(set) var cleanedUp: Bool?
  /// What went wrong deleting the failed stack, if that failed too.
  public private(set) var cleanupProblem: String?

  private init(code: Code) { self.code = code }

  static func templateNotFound(_ path: String, tried: [String]) -> StackError {
    StackError(code: .templateNotFound(path: path, tried: tried))
  }

  static func templateUnreadable(_ path: String, reason: String) -> StackError {
    StackError(code: .templateUnreadable(path: path, reason: reason))
  }

  static func rejected(stack: String, message: String) -> StackError {
    StackError(code: .rejected(stack: stack, message: message))
  }

  static func createFailed(stack: String, status: String, statusReason: String?, events: [ResourceEvent]) -> StackError {
    var error = StackError(code: .createFailed(stack: stack, status: status, statusReason: statusReason))
    error.events = events
    error.failedResources = events.filter { $0.isFailure && $0.type != "AWS::CloudFormation::Stack" }
    error.rootCause = error.failedResources.first { !$0.isCancellation } ?? error.failedResources.first
    return error
  }

  static func timedOut(stack: String, phase: String, after: Duration, inProgress: [String], events: [ResourceEvent])
    -> StackError
  {
    var error = StackError(code: .timedOut(stack: stack, phase: phase, after: after))
    error.resourcesInProgress = inProgress
    error.events = events
    return error
  }

  static func deleteFailed(stack: String, statusReason: String?, events: [ResourceEvent]) -> StackError {
    var error = StackError(code: .deleteFailed(stack: stack, statusReason: statusReason))
    error.events = events
    // The latest DELETE_FAILED per resource: what is left behind.
    var latest: [String: ResourceEvent] = [:]
    for event in events where event.type != "AWS::CloudFormation::Stack" {
      latest[event.logicalId] = event
    }
    error.failedResources = latest.values.filter { $0.status == "DELETE_FAILED" }.sorted { $0.timestamp < $1.timestamp }
    error.rootCause = error.failedResources.first
    return error
  }

  static func interrupted(stack: String) -> StackError {
    StackError(code: .interrupted(stack: stack))
  }

  static func aws(stack: String?, action: String, error: any Error) -> StackError {
    StackError(code: .aws(stack: stack, action: action, message: "\(error)"))
  }

  func withCleanup(deleted: Bool, problem: String? = nil) -> StackError {
    var copy = self
    copy.cleanedUp = deleted
    copy.cleanupProblem = problem
    return copy
  }

  /// The stack concerned, when there is one.
  public var stackName: String? {
    switch code {
    case .templateNotFound, .templateUnreadable: nil
    case .rejected(let stack, _), .createFailed(let stack, _, _), .timedOut(let stack, _, _),
      .deleteFailed(let stack, _), .interrupted(let stack):
      stack
    case .aws(let stack, _, _): stack
    }
  }

  /// The paths tried for a template file that was not found.
  public var pathsTried: [String] {
    if case .templateNotFound(_, let tried) = code { return tried }
    return []
  }

  /// The stack's status reason (or CloudFormation's validation message).
  public var statusReason: String? {
    switch code {
    case .createFailed(_, _, let reason), .deleteFailed(_, let reason): reason
    case .rejected(_, let message): message
    default: nil
    }
  }

  /// Whether CloudFormation rejected the template or parameters before creating anything.
  public var isValidationError: Bool {
    if case .rejected = code { return true }
    return false
  }

  /// Whether a wait ran out of time.
  public var isTimeout: Bool {
    if case .timedOut = code { return true }
    return false
  }

  /// Whether the template file was not found.
  public var isTemplateNotFound: Bool {
    if case .templateNotFound = code { return true }
    return false
  }

  public var description: String {
    var text: String
    switch code {
    case .templateNotFound(let path, let tried):
      text = "The template file \"\(path)\" was not found. Tried:\n"
        + tried.map { "  - \($0)" }.joined(separator: "\n")
        + "\nGive an absolute path, or a path relative to the package root (the directory with Package.swift)."
    case .templateUnreadable(let path, let reason):
      text = "The template file \(path) could not be read as UTF-8 text: \(reason)"
    case .rejected(let stack, let message):
      text = "CloudFormation rejected the template of stack \(stack) before creating anything: \(message)\n"
        + "Fix the template (cfn-lint helps) or its parameters."
    case .createFailed(let stack, let status, let statusReason):
      text = "Stack \(stack) failed to create (\(status))."
      if let rootCause {
        text += "\nRoot cause: \(rootCause.logicalId) (\(rootCause.type)): \(rootCause.reason ?? "no reason given")"
      }
      let others = failedResources.filter { $0 != rootCause }
      if !others.isEmpty {
        text += "\nAlso failed:\n" + others.map { "  - \($0)" }.joined(separator: "\n")
      }
      if let statusReason, !statusReason.isEmpty { text += "\nStack status reason: \(statusReason)" }
    case .timedOut(let stack, let phase, let after):
      text = "Stack \(stack) did not finish \(phase) within \(Self.format(after))."
      if resourcesInProgress.isEmpty {
        text += " No resource was reported in progress."
      } else {
        text += " Still in progress:\n" + resourcesInProgress.map { "  - \($0)" }.joined(separator: "\n")
      }
      text += "\nRaise the fixture's timeout if this stack is slow to \(phase == "deleting" ? "delete" : "create")."
    case .deleteFailed(let stack, let statusReason):
      text = "Stack \(stack) failed to delete (DELETE_FAILED)."
      if failedResources.isEmpty {
        text += " CloudFormation named no resource."
      } else {
        text += " Left behind:\n" + failedResources.map { "  - \($0)" }.joined(separator: "\n")
      }
      if let statusReason, !statusReason.isEmpty { text += "\nStack status reason: \(statusReason)" }
      // The usual cause: a test wrote objects into a bucket of the stack.
      for bucket in failedResources where bucket.isBucketNotEmpty {
        text += "\nEmpty \(bucket.logicalId) first: aws s3 rm s3://\(bucket.physicalId ?? bucket.logicalId) --recursive"
      }
      text += "\nDelete those resources by hand, then the stack (aws cloudformation delete-stack --stack-name \(stack))."
    case .interrupted(let stack):
      text = "Deploying stack \(stack) was interrupted: the process is shutting down and deleting its stacks."
    case .aws(let stack, let action, let message):
      text = "\(action)\(stack.map { " of stack \($0)" } ?? "") failed: \(message)"
    }
    if let cleanedUp {
      if cleanedUp {
        text += "\nThe failed stack was deleted; nothing is left behind."
      } else {
        text += "\nDeleting the failed stack also failed: \(cleanupProblem ?? "unknown reason"). "
          + "Find leftovers by the tag potemkin:run-id (e.g. `swift run potemkin sweep`)."
      }
    }
    return text
  }

  static func format(_ duration: Duration) -> String {
    String(format: "%.1f s", duration.inSeconds)
  }
}

extension ResourceEvent {
  /// Whether this is an S3 bucket that could not be deleted because it still holds objects.
  var isBucketNotEmpty: Bool {
    type == "AWS::S3::Bucket" && status == "DELETE_FAILED" && (reason ?? "").contains("not empty")
  }
}
