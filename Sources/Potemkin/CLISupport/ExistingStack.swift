import Foundation
import PotemkinAWS

/// Reads a stack that already exists (deployed by a suite, a script or by hand) as a `DeployedStack`.
public enum ExistingStack {
  /// Describes stack `name` (name or ARN) with its resources and outputs.
  /// - Throws: `ExistingStackError` when the stack does not exist or is not complete, `AWSError` otherwise.
  public static func load(_ name: String, connection: AWSConnection) async throws -> DeployedStack {
    let lifecycle = StackLifecycle(connection: connection, stackName: name)
    guard let stack = try await lifecycle.watcher.describe() else {
      throw ExistingStackError.notFound(name, region: connection.region)
    }
    guard !stack.status.isInProgress, !stack.status.isFailure, stack.status != .deleteComplete else {
      throw ExistingStackError.notReady(name, status: stack.status.rawValue)
    }
    let runId = stack.tags.first { $0.key == SweepCandidate.TagKey.runId }?.value ?? ""
    return try await lifecycle.deployed(stack, runId: runId)
  }
}
