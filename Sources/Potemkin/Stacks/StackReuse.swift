import Foundation
import PotemkinAWS

/// Dev-loop reuse (`POTEMKIN_REUSE=1`): a stable stack per owner and stem, kept between runs.
///
/// The template, parameters, tags and capabilities are hashed into the tag `potemkin:template-hash`.
/// A complete stack with the same hash is used as is (DescribeStacks and ListStackResources only, no
/// CreateStack); a changed or broken one is deleted and created again.
enum StackReuse {
  static let hashTag = "potemkin:template-hash"

  static func hash(_ request: StackFixture.CreateRequest) -> String {
    let parameters = request.parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
    let tags = request.tags.filter { !$0.key.hasPrefix("potemkin:") }.sorted { $0.key < $1.key }
      .map { "\($0.key)=\($0.value)" }
    let text = ([request.body, "--parameters"] + parameters + ["--tags"] + tags + ["--capabilities"]
      + request.capabilities.sorted()).joined(separator: "\n")
    return StableHash.hex(text)
  }

  static func deploy(_ request: StackFixture.CreateRequest, connection: AWSConnection) async throws -> DeployedStack {
    let hash = hash(request)
    let lifecycle = StackLifecycle(connection: connection, stackName: request.stackName)
    let progress = ProgressReporter(label: request.stackName)
    var existing = try await lifecycle.watcher.describe()
    if let stack = existing, stack.status.isInProgress {
      existing = try await lifecycle.waitUntilSettled(phase: "settling", timeout: request.timeout, progress: progress)
    }
    if let stack = existing {
      let storedHash = stack.tags.first { $0.key == hashTag }?.value
      if storedHash == hash, stack.status == .createComplete || stack.status == .updateComplete {
        ProgressReporter.note("\(request.stackName): reusing the unchanged stack (POTEMKIN_REUSE)")
        var deployed = try await lifecycle.deployed(stack, runId: stack.tags.first { $0.key == "potemkin:run-id" }?.value ?? "")
        deployed.isReused = true
        return deployed
      }
      let why = storedHash == hash ? "it is \(stack.status.rawValue)" : "its template or parameters changed"
      ProgressReporter.note("\(request.stackName): replacing the reuse stack because \(why)")
      try await lifecycle.delete(timeout: request.timeout, progress: progress)
    }
    var tagged = request
    tagged.tags[hashTag] = hash
    var deployed = try await StackFixture.create(tagged, connection: connection, register: false)
    deployed.isReused = true
    return deployed
  }
}
