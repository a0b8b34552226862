import Foundation
import PotemkinAWS

/// The waits of a fixture stack: until created (or failed, with the root cause) and until deleted.
struct StackLifecycle: Sendable {
  let watcher: StackWatcher
  var stackName: String { watcher.stackName }
  var connection: AWSConnection { watcher.connection }

  init(connection: AWSConnection, stackName: String) {
    watcher = StackWatcher(connection: connection, stackName: stackName)
  }

  /// Waits until the stack leaves its in-progress state; returns it (or `nil` if it vanished).
  /// Reports resource events as progress. Throws `StackError.timedOut` listing the resources still in progress.
  func waitUntilSettled(phase: String, timeout: Duration, progress: ProgressReporter) async throws -> Stack? {
    let clock = ContinuousClock()
    let deadline = clock.now + timeout
    var backoff = Backoff.stackPolling(for: connection)
    var seen = Set<String>()
    var lastStatus: String?
    while true {
      let stack = try await watcher.describe()
      progress.tick()
      if progress.isShowing || !(stack?.status.isInProgress ?? false) {
        if let fresh = try? await watcher.newEvents(seen: seen), !fresh.isEmpty {
          for event in fresh {
            seen.insert(event.eventId)
            if event.type != "AWS::CloudFormation::Stack" { progress.report("\(event.logicalId) \(event.status)") }
          }
          backoff.reset()
        }
      }
      guard let stack else { return nil }
      if stack.status.rawValue != lastStatus {
        lastStatus = stack.status.rawValue
        if progress.isShowing { progress.report(stack.status.rawValue) }
      }
      if !stack.status.isInProgress { return stack }
      if clock.now >= deadline {
        let resources = (try? await watcher.resources()) ?? []
        let busy = resources.filter { $0.resourceStatus.hasSuffix("_IN_PROGRESS") }
          .map { "\($0.logicalResourceId) (\($0.resourceType)) \($0.resourceStatus)" }
        let events = (try? await watcher.allEvents()) ?? []
        throw StackError.timedOut(stack: stackName, phase: phase, after: timeout, inProgress: busy, events: events)
      }
      let remaining = deadline - clock.now
      try await Task.sleep(for: min(backoff.next(), max(.milliseconds(50), remaining)))
    }
  }

  /// The error for a stack that failed to create, from its events in time order.
  func creationFailure(_ stack: Stack) async -> StackError {
    let events = (try? await watcher.allEvents()) ?? []
    return StackError.createFailed(
      stack: stackName, status: stack.status.rawValue, statusReason: stack.statusReason, events: events)
  }

  /// Deletes the stack and waits for DELETE_COMPLETE (or for it to vanish).
  /// - Throws: `StackError.deleteFailed` naming each resource left behind, or a timeout.
  func delete(timeout: Duration, progress: ProgressReporter) async throws {
    let name = stackName
    let cloudFormation = connection.cloudFormation
    do {
      try await AWSRetry.call { try await cloudFormation.deleteStack(stackName: name) }
    } catch let error as AWSError where StackWatcher.isMissingStack(error) {
      return
    } catch {
      throw StackError.aws(stack: name, action: "DeleteStack", error: error)
    }
    progress.report("DELETE requested")
    while true {
      guard let stack = try await waitUntilSettled(phase: "deleting", timeout: timeout, progress: progress) else {
        return
      }
      switch stack.status {
      case .deleteComplete:
        return
      case .deleteFailed:
        let events = (try? await watcher.allEvents()) ?? []
        throw StackError.deleteFailed(stack: name, statusReason: stack.statusReason, events: events)
      default:
        // Not yet marked for deletion (the request raced a settled state): ask again, once more.
        try await AWSRetry.call { try await cloudFormation.deleteStack(stackName: name) }
        try await Task.sleep(for: .milliseconds(200))
      }
    }
  }

  /// Builds the `DeployedStack` for a settled, complete stack.
  func deployed(_ stack: Stack, runId: String) async throws -> DeployedStack {
    let resources = try await watcher.resources()
    // The ARN names the account (arn:aws:cloudformation:REGION:ACCOUNT:stack/...); STS only as a fallback.
    let arnParts = stack.id.split(separator: ":", omittingEmptySubsequences: false)
    let account = arnParts.count > 4 && !arnParts[4].isEmpty ? String(arnParts[4]) : try await connection.accountId()
    var outputs: [String: String] = [:]
    for output in stack.outputs { outputs[output.key] = output.value }
    var parameters: [String: String] = [:]
    for parameter in stack.parameters { parameters[parameter.key] = parameter.value ?? "" }
    var tags: [String: String] = [:]
    for tag in stack.tags { tags[tag.key] = tag.value }
    return DeployedStack(
      name: stack.name, id: stack.id, region: connection.region, account: account, outputs: outputs,
      resources: resources.map {
        DeployedStack.Resource(
          logicalId: $0.logicalResourceId, physicalId: $0.physicalResourceId ?? "", type: $0.resourceType,
          status: $0.resourceStatus)
      },
      parameters: parameters, createdAt: stack.creationTime ?? connection.client.now, runId: runId, tags: tags)
  }
}
