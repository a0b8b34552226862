import Foundation

/// Deploys a fixture stack, runs `body` with it, and tears it down, whether `body` throws or not.
///
/// ```swift
/// try await withStack("Fixtures/all_three_buckets.yml") { stack in
///   print(stack.outputs["KmsBucketName"]!)
/// }
/// ```
/// - Parameters:
///   - template: The template file (absolute, or relative to the package root or the current directory) or body.
///   - parameters: Template parameters; `{{unique}}` in a value becomes a unique name (see `FixtureParameter`).
///   - tags: Tags added to the `potemkin:*` ones.
///   - name: The stack name; `<stem>-<run id>` by default.
///   - connection: The AWS connection; `AWSConnection.resolve()` (environment, `POTEMKIN_BACKEND`) by default.
///   - teardown: When to delete the stack; `POTEMKIN_TEARDOWN` overrides it.
///   - timeout: The limit for creation and for deletion.
///   - reuse: Dev-loop reuse; `nil` reads `POTEMKIN_REUSE`.
///   - suiteFailed: Asked at teardown whether the tests failed (for `.onSuccess`), besides `body` throwing.
///   - filePath: The calling file, used to find the package root.
///   - body: The work to do with the deployed stack.
/// - Returns: What `body` returns.
/// - Throws: `StackError` from deploy or teardown, or what `body` throws (teardown problems are then printed).
public func withStack<T>(
  _ template: StackTemplate, parameters: [String: String] = [:], tags: [String: String] = [:], name: String? = nil,
  connection: AWSConnection? = nil, teardown: TeardownPolicy = .always,
  timeout: Duration = StackFixture.defaultTimeout, reuse: Bool? = nil,
  suiteFailed: @Sendable () -> Bool = { false }, filePath: String = #filePath,
  isolation: isolated (any Actor)? = #isolation,
  _ body: (DeployedStack) async throws -> T
) async throws -> T {
  let connection = try await StackFixture.connectionOrDefault(connection)
  let stack = try await StackFixture.deploy(
    template, parameters: parameters, tags: tags, name: name, connection: connection, timeout: timeout, reuse: reuse,
    filePath: filePath)
  let result: T
  do {
    result = try await body(stack)
  } catch {
    do {
      try await detachedTeardown(stack, connection: connection, policy: teardown, failed: true, timeout: timeout)
    } catch let teardownError {
      ProgressReporter.note("\(stack.name): teardown after a failure also failed: \(teardownError)")
    }
    throw error
  }
  try await detachedTeardown(stack, connection: connection, policy: teardown, failed: suiteFailed(), timeout: timeout)
  return result
}

/// Runs the teardown in its own task, so cancelling the caller does not abandon the stack.
private func detachedTeardown(
  _ stack: DeployedStack, connection: AWSConnection, policy: TeardownPolicy, failed: Bool, timeout: Duration
) async throws {
  try await Task.detached {
    try await StackFixture.teardown(stack, connection: connection, policy: policy, failed: failed, timeout: timeout)
  }.value
}
