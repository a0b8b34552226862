import Potemkin
import Testing

/// A suite's stack failed to deploy: recorded as a failure of every test of the suite.
struct StackSetupFailure: Error, Sendable, CustomStringConvertible {
  /// The template that failed.
  var template: StackTemplate
  /// The engine's error, with its full diagnostic.
  var underlying: any Error

  var description: String {
    "Setting up the suite's stack from \(template) failed: \(underlying)"
  }

  /// Records the failure as an issue of the running test, with the stack events attached.
  func record(at sourceLocation: SourceLocation) {
    Issue.record(Comment(rawValue: description), sourceLocation: sourceLocation)
    if let stackError = underlying as? StackError, !stackError.events.isEmpty {
      let lines = stackError.events.map { event in
        [event.timestamp.formatted(.iso8601), event.logicalId, event.type, event.status, event.reason ?? ""]
          .joined(separator: "\t")
      }
      Attachment.record(lines.joined(separator: "\n"), named: "stack-events.tsv", sourceLocation: sourceLocation)
    }
  }
}
