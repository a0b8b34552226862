import Foundation
import PotemkinAWS

/// A stack Potemkin created (it carries the `potemkin:run-id` tag), as `potemkin sweep` lists it.
public struct SweepCandidate: Sendable, Hashable {
  /// The tag keys Potemkin puts on every stack it creates.
  public enum TagKey {
    /// The run id of the process that created the stack.
    public static let runId = "potemkin:run-id"
    /// When the creating process asked for the stack (ISO 8601).
    public static let createdAt = "potemkin:created-at"
    /// Who ran the tests (`user@host`).
    public static let owner = "potemkin:owner"
  }

  /// The stack name.
  public var name: String
  /// The stack ARN.
  public var id: String
  /// The stack status, e.g. `CREATE_COMPLETE` or `DELETE_FAILED`.
  public var status: String
  /// Why the stack is in its status, when CloudFormation says.
  public var statusReason: String?
  /// The value of `potemkin:run-id`.
  public var runId: String
  /// The value of `potemkin:owner`, if present.
  public var owner: String?
  /// When the stack was created: the `potemkin:created-at` tag, else CloudFormation's creation time.
  public var createdAt: Date?
  /// How old the stack was when listed.
  public var age: Duration?

  /// Creates a candidate from a described stack, or `nil` when the stack lacks Potemkin's run-id tag.
  public init?(_ stack: Stack, now: Date) {
    let tags = Dictionary(stack.tags.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
    guard let runId = tags[TagKey.runId], !runId.isEmpty else { return nil }
    name = stack.name
    id = stack.id
    status = stack.status.rawValue
    statusReason = stack.statusReason
    self.runId = runId
    owner = tags[TagKey.owner]
    createdAt = tags[TagKey.createdAt].flatMap { PointInTime.parse($0) } ?? stack.creationTime
    age = createdAt.map { .seconds(max(0, now.timeIntervalSince($0).rounded())) }
  }

  /// Whether the candidate passes `filter`.
  public func matches(_ filter: SweepFilter) -> Bool {
    if let runId = filter.runId, runId != self.runId { return false }
    if let owner = filter.owner, owner != self.owner { return false }
    if let minimum = filter.olderThan {
      guard let age, age >= minimum else { return false }
    }
    return true
  }
}

/// Which Potemkin stacks `potemkin sweep` selects; every field narrows the selection.
public struct SweepFilter: Sendable, Hashable {
  /// Only stacks at least this old.
  public var olderThan: Duration?
  /// Only stacks of this run id.
  public var runId: String?
  /// Only stacks of this owner (`user@host`).
  public var owner: String?

  /// Creates a filter; `nil` fields select everything.
  public init(olderThan: Duration? = nil, runId: String? = nil, owner: String? = nil) {
    self.olderThan = olderThan
    self.runId = runId
    self.owner = owner
  }
}
