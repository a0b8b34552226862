import Foundation
import PotemkinAWS

/// Finds the stacks Potemkin left behind (by their `potemkin:*` tags) and deletes them: the engine of `potemkin sweep`.
///
/// Stacks without the `potemkin:run-id` tag are never listed, so never deleted.
public struct Sweeper: Sendable {
  /// What happened to one stack the sweeper deleted.
  public enum Outcome: Sendable, Hashable {
    /// The stack reached DELETE_COMPLETE (or vanished).
    case deleted
    /// The stack ended in DELETE_FAILED; `leftBehind` names each resource that stayed, with the reason.
    case deleteFailed(reason: String?, leftBehind: [String])
    /// The deletion could not be requested or waited for.
    case error(String)

    /// The lines `potemkin sweep` prints for `candidate`: `✔ name deleted`, or `✘` with what is left and what to do.
    public func lines(for candidate: SweepCandidate) -> [String] {
      switch self {
      case .deleted:
        return ["✔ \(candidate.name) deleted"]
      case .deleteFailed(let reason, let leftBehind):
        return ["✘ \(candidate.name) DELETE_FAILED\(reason.map { ": \($0)" } ?? "")"]
          + leftBehind.map { "    left behind: \($0)" }
          + ["    Delete or empty those resources, then run potemkin sweep --run-id \(candidate.runId) --yes again."]
      case .error(let message):
        return ["✘ \(candidate.name): \(message)"]
      }
    }
  }

  /// The connection the stacks live in.
  public let connection: AWSConnection

  /// Creates a sweeper for the account and region of `connection`.
  public init(connection: AWSConnection) {
    self.connection = connection
  }

  /// Every Potemkin stack (not yet deleted) that passes `filter`, oldest first.
  ///
  /// Reads all stacks with their tags through paged DescribeStacks calls.
  public func candidates(_ filter: SweepFilter = SweepFilter()) async throws -> [SweepCandidate] {
    let cloudFormation = connection.cloudFormation
    let now = connection.client.now
    var result: [SweepCandidate] = []
    var token: String?
    repeat {
      let page = try await AWSRetry.call { [token] in try await cloudFormation.describeStacks(nextToken: token) }
      for stack in page.stacks where stack.status != .deleteComplete {
        if let candidate = SweepCandidate(stack, now: now), candidate.matches(filter) { result.append(candidate) }
      }
      token = page.nextToken
    } while token != nil
    return result.sorted { ($0.createdAt ?? .distantPast, $0.name) < ($1.createdAt ?? .distantPast, $1.name) }
  }

  /// Deletes `candidate` and waits until it is gone or DELETE_FAILED.
  /// - Parameters:
  ///   - candidate: A stack from `candidates(_:)`.
  ///   - timeout: How long to wait for the deletion.
  /// - Returns: The outcome; a failed deletion lists the resources left behind.
  public func delete(_ candidate: SweepCandidate, timeout: Duration = .seconds(30 * 60)) async -> Outcome {
    let lifecycle = StackLifecycle(connection: connection, stackName: candidate.id)
    do {
      try await lifecycle.delete(timeout: timeout, progress: ProgressReporter(label: candidate.name))
      return .deleted
    } catch let error as StackError {
      guard (try? await currentStatus(candidate)) == .deleteFailed else { return .error(error.description) }
      return .deleteFailed(reason: error.statusReason, leftBehind: await leftBehind(candidate))
    } catch {
      return .error("\(error)")
    }
  }

  /// Deletes `candidates`, a few at a time, reporting each outcome as it is known.
  /// - Parameters:
  ///   - candidates: Stacks from `candidates(_:)`.
  ///   - concurrency: How many deletions run at once.
  ///   - timeout: How long to wait for each deletion.
  ///   - report: Called with each stack and its outcome as soon as it is known.
  /// - Returns: The number of stacks that were not deleted.
  @discardableResult
  public func deleteAll(
    _ candidates: [SweepCandidate], concurrency: Int = 4, timeout: Duration = .seconds(30 * 60),
    report: @escaping @Sendable (SweepCandidate, Outcome) -> Void
  ) async -> Int {
    await withTaskGroup(of: Bool.self) { group in
      var pending = candidates[...]
      var failures = 0
      func startNext() {
        guard let candidate = pending.popFirst() else { return }
        group.addTask {
          let outcome = await self.delete(candidate, timeout: timeout)
          report(candidate, outcome)
          return outcome == .deleted
        }
      }
      for _ in 0..<max(1, concurrency) { startNext() }
      for await deleted in group {
        if !deleted { failures += 1 }
        startNext()
      }
      return failures
    }
  }

  private func currentStatus(_ candidate: SweepCandidate) async throws -> StackStatus? {
    try await connection.cloudFormation.describeStacks(stackName: candidate.id).stacks.first?.status
  }

  /// The resources of a stack that are not deleted, as `Logical (Type) STATUS: reason`.
  private func leftBehind(_ candidate: SweepCandidate) async -> [String] {
    guard let resources = try? await connection.cloudFormation.allStackResources(stackName: candidate.id) else {
      return []
    }
    return resources.filter { !["DELETE_COMPLETE", "DELETE_SKIPPED"].contains($0.resourceStatus) }.map { resource in
      var line = "\(resource.logicalResourceId) (\(resource.resourceType)"
      if let physical = resource.physicalResourceId, !physical.isEmpty { line += " \(physical)" }
      line += ") \(resource.resourceStatus)"
      if let reason = resource.resourceStatusReason, !reason.isEmpty { line += ": \(reason)" }
      return line
    }
  }
}
