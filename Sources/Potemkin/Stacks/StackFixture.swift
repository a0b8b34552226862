import Foundation
import PotemkinAWS

/// Deploys and tears down CloudFormation fixture stacks: the engine behind `withStack` and the test traits.
///
/// Deploy resolves the template, names the stack `<stem>-<run id>`, tags it, stages large templates in S3,
/// calls CreateStack and waits with adaptive polling (progress on stderr for long waits). A stack that fails
/// is deleted before the error is thrown, and every stack is registered so SIGINT/SIGTERM delete it.
public enum StackFixture {
  /// The capabilities granted by default.
  public static let defaultCapabilities = ["CAPABILITY_IAM", "CAPABILITY_NAMED_IAM", "CAPABILITY_AUTO_EXPAND"]
  /// The default limit for stack creation and for deletion.
  public static let defaultTimeout: Duration = .seconds(30 * 60)
  /// The least time given to deleting a stack that failed to create (whatever the creation timeout was).
  public static let cleanupTimeout: Duration = .seconds(15 * 60)

  /// Deploys a stack and waits until it is complete.
  /// - Parameters:
  ///   - template: The template file or body.
  ///   - parameters: Template parameters; `{{unique}}` in a value becomes a unique name.
  ///   - tags: Tags added to the `potemkin:*` ones.
  ///   - name: The stack name; `<stem>-<run id>` by default.
  ///   - connection: The AWS connection; `AWSConnection.resolve()` by default.
  ///   - capabilities: The capabilities granted.
  ///   - timeout: The limit for creation.
  ///   - reuse: Dev-loop reuse; `nil` reads `POTEMKIN_REUSE`.
  ///   - environment: Read for `POTEMKIN_REUSE`.
  ///   - filePath: The calling file, to find the package root for relative template paths.
  /// - Returns: The stack with outputs, resources and its server-side creation time.
  /// - Throws: `StackError` (template missing or rejected, creation failed or timed out; the stack is deleted).
  public static func deploy(
    _ template: StackTemplate, parameters: [String: String] = [:], tags: [String: String] = [:],
    name: String? = nil, connection: AWSConnection? = nil, capabilities: [String] = defaultCapabilities,
    timeout: Duration = defaultTimeout, reuse: Bool? = nil,
    environment: [String: String] = ProcessInfo.processInfo.environment, filePath: String = #filePath
  ) async throws -> DeployedStack {
    let resolved = try template.resolve(filePath: filePath)
    let connection = try await connectionOrDefault(connection)
    let reuse = reuse ?? isReuseEnabled(environment)
    let owner = Owner.current(environment: environment)
    let stackName = name ?? (reuse ? StackNaming.reuseName(stem: resolved.stem, owner: owner)
      : StackNaming.name(stem: resolved.stem, runId: .current))
    guard StackNaming.isValid(stackName) else {
      throw StackError.rejected(
        stack: stackName, message: "\"\(stackName)\" is not a valid stack name (letters, digits, hyphens; "
          + "starts with a letter; at most 128 characters).")
    }
    let finalParameters = FixtureParameter.resolvePlaceholders(parameters, stableScope: reuse ? stackName : nil)
    var allTags = tags
    allTags["potemkin:run-id"] = RunID.current.value
    allTags["potemkin:created-at"] = ISO8601DateFormatter().string(from: Date())
    allTags["potemkin:owner"] = owner
    let request = CreateRequest(
      stackName: stackName, body: resolved.body, parameters: finalParameters, tags: allTags,
      capabilities: capabilities, timeout: timeout)
    if reuse {
      return try await StackReuse.deploy(request, connection: connection)
    }
    return try await create(request, connection: connection, register: true)
  }

  /// Tears a stack down according to `policy` (overridden by `POTEMKIN_TEARDOWN`), waiting for DELETE_COMPLETE.
  /// - Parameters:
  ///   - stack: The stack from `deploy`.
  ///   - connection: The connection it was deployed with; `AWSConnection.resolve()` by default.
  ///   - policy: When to delete.
  ///   - failed: Whether the tests that used the stack failed (matters for `.onSuccess`).
  ///   - timeout: The limit for deletion.
  /// - Throws: `StackError` naming each resource left behind when deletion fails.
  public static func teardown(
    _ stack: DeployedStack, connection: AWSConnection? = nil, policy: TeardownPolicy = .always, failed: Bool = false,
    timeout: Duration = defaultTimeout, environment: [String: String] = ProcessInfo.processInfo.environment
  ) async throws {
    let policy = TeardownPolicy.override(environment: environment) ?? policy
    let connection = try await connectionOrDefault(connection)
    if stack.isReused {
      ProgressReporter.note("\(stack.name): kept for reuse (POTEMKIN_REUSE); delete it with \(deleteCommand(stack, connection))")
      return
    }
    guard policy.shouldDelete(failed: failed) else {
      LiveStackRegistry.shared.unregister(name: stack.name)
      let why = policy == .never ? "teardown policy never" : "tests failed and the teardown policy is on-success"
      ProgressReporter.note("\(stack.name): kept (\(why)). Delete it with: \(deleteCommand(stack, connection))")
      return
    }
    let lifecycle = StackLifecycle(connection: connection, stackName: stack.name)
    let progress = ProgressReporter(label: stack.name)
    await LiveStackRegistry.shared.parkIfShuttingDown()
    do {
      try await lifecycle.delete(timeout: timeout, progress: progress)
    } catch {
      await LiveStackRegistry.shared.parkIfShuttingDown()
      throw error
    }
    LiveStackRegistry.shared.unregister(name: stack.name)
    if let staged = stack.stagedTemplate {
      try? await StagingBucket.remove(staged, connection: connection)
    }
    if progress.isShowing { progress.report("DELETE_COMPLETE") }
  }

  /// The shell command that deletes `stack`.
  public static func deleteCommand(_ stack: DeployedStack, _ connection: AWSConnection) -> String {
    var command = "aws cloudformation delete-stack --stack-name \(stack.name) --region \(stack.region)"
    if connection.usesCustomEndpoint { command += " --endpoint-url \(connection.cloudFormationEndpoint.absoluteString)" }
    return command
  }

  struct CreateRequest: Sendable {
    var stackName: String
    var body: String
    var parameters: [String: String]
    var tags: [String: String]
    var capabilities: [String]
    var timeout: Duration
  }

  /// Creates the stack and waits; on failure deletes it and throws the diagnosis.
  static func create(_ request: CreateRequest, connection: AWSConnection, register: Bool) async throws -> DeployedStack {
    let registry = LiveStackRegistry.shared
    let token = register ? try registry.register(name: request.stackName, connection: connection) : nil
    let lifecycle = StackLifecycle(connection: connection, stackName: request.stackName)
    var staged: StagedTemplate?
    do {
      let source: TemplateSource
      if request.body.utf8.count > StagingBucket.templateBodyLimit {
        let upload = try await StagingBucket.stage(request.body, stackName: request.stackName, connection: connection)
        staged = upload
        source = .url(upload.url)
      } else {
        source = .body(request.body)
      }
      let input = CreateStackInput(
        stackName: request.stackName, template: source,
        parameters: request.parameters.sorted { $0.key < $1.key }.map { .init(key: $0.key, value: $0.value) },
        capabilities: request.capabilities,
        tags: request.tags.sorted { $0.key < $1.key }.map { ResourceTag(key: $0.key, value: $0.value) },
        // Idempotency: when a retry follows a CreateStack whose response was lost (a timeout under load),
        // CloudFormation answers the retry with the stack the first attempt created.
        clientRequestToken: "potemkin-\(UUID().uuidString.lowercased())")
      try await createStack(input, connection: connection, token: token)
    } catch {
      await registry.parkIfShuttingDown()
      // A StackError here means CloudFormation answered CreateStack with an error: no stack was created.
      let rejected = error is StackError
      let stagedCopy = staged
      // A CreateStack that was cancelled or lost in transit may still have created the stack: delete by name.
      let problem = await Task.detached { () -> String? in
        if let stagedCopy { try? await StagingBucket.remove(stagedCopy, connection: connection) }
        guard !rejected else { return nil }
        do {
          try await lifecycle.delete(timeout: cleanupTimeout, progress: ProgressReporter(label: request.stackName))
          return nil
        } catch {
          return "\(error)"
        }
      }.value
      if let token, problem == nil { registry.unregister(token) }
      if let problem {
        ProgressReporter.note(
          "\(request.stackName): CreateStack did not complete, and deleting whatever it created failed: \(problem)")
      }
      throw error
    }
    let progress = ProgressReporter(label: request.stackName)
    do {
      let settled = try await lifecycle.waitUntilSettled(
        phase: "creating", timeout: request.timeout, progress: progress)
      guard let stack = settled, stack.status == .createComplete else {
        if let settled { throw await lifecycle.creationFailure(settled) }
        throw StackError.createFailed(
          stack: request.stackName, status: "DELETED", statusReason: "The stack disappeared while it was being created.",
          events: [])
      }
      var deployed = try await lifecycle.deployed(stack, runId: RunID.current.value)
      deployed.stagedTemplate = staged
      return deployed
    } catch {
      await registry.parkIfShuttingDown()
      // Nothing is left behind: delete the stack (also when this task was cancelled), then throw.
      let cleanup = Task.detached { () -> String? in
        do {
          try await lifecycle.delete(
            timeout: max(request.timeout, cleanupTimeout), progress: ProgressReporter(label: request.stackName))
          if let staged { try? await StagingBucket.remove(staged, connection: connection) }
          return nil
        } catch {
          return "\(error)"
        }
      }
      let problem = await cleanup.value
      if let token, problem == nil { registry.unregister(token) }
      if let stackError = error as? StackError {
        throw stackError.withCleanup(deleted: problem == nil, problem: problem)
      }
      throw error
    }
  }

  private static func createStack(_ input: CreateStackInput, connection: AWSConnection, token: UInt64?) async throws {
    let cloudFormation = connection.cloudFormation
    defer { if let token { LiveStackRegistry.shared.createCallFinished(token) } }
    var attempts = 0
    while true {
      attempts += 1
      do {
        _ = try await cloudFormation.createStack(input)
        return
      } catch let error as AWSError where error.code == "AlreadyExistsException" && attempts > 1 {
        return  // An earlier attempt got through before its response was lost.
      } catch let error as AWSError where (error.isThrottling || error.isTransient) && attempts < 8 {
        try await Task.sleep(for: .milliseconds(400 * attempts))
      } catch let error as AWSError where error.code == "ValidationError" || error.code == "AlreadyExistsException"
        || error.code == "InsufficientCapabilitiesException"
      {
        throw StackError.rejected(stack: input.stackName, message: error.message)
      } catch let error as AWSError {
        throw StackError.aws(stack: input.stackName, action: "CreateStack", error: error)
      }
      // Cancellation and transport failures pass through as they are: the stack may exist after all.
    }
  }

  static func connectionOrDefault(_ connection: AWSConnection?) async throws -> AWSConnection {
    if let connection { return connection }
    return try await AWSConnection.resolve()
  }

  static func isReuseEnabled(_ environment: [String: String]) -> Bool {
    ["1", "true", "yes", "on"].contains(environment["POTEMKIN_REUSE"]?.lowercased() ?? "")
  }
}
