import Foundation
import Potemkin
import PotemkinAWS

/// A local backend started with `potemkin local` for one test, and the ways a test talks to it.
struct BackendUnderTest: Sendable {
  /// The `potemkin local` process.
  let process: CLIRunner
  /// The endpoint it printed.
  let endpoint: String

  /// How long the backend took to print its endpoint line.
  let readyAfter: Duration

  /// Starts `potemkin local` with `arguments` and waits for its endpoint line.
  static func start(_ arguments: [String] = []) async throws -> BackendUnderTest {
    let process = try CLIRunner(["local", "--port", "0"] + arguments)
    guard let line = await process.line(startingWith: "AWS_ENDPOINT_URL=", timeout: .seconds(120)) else {
      process.send(SIGKILL)
      throw CLIRunner.Unavailable(
        description: "potemkin local printed no AWS_ENDPOINT_URL line (status \(process.status.map(String.init) ?? "running")). "
          + "Its stderr:\n\(process.stderr)\nThe local backend needs Python with moto, boto3 and cfn-lint: "
          + "run Tools/setup-python or set POTEMKIN_PYTHON.")
    }
    return BackendUnderTest(
      process: process, endpoint: String(line.dropFirst("AWS_ENDPOINT_URL=".count)), readyAfter: process.elapsed)
  }

  /// Runs `potemkin` with `arguments` against this backend (`--endpoint-url` added).
  func potemkin(_ arguments: [String], timeout: Duration = .seconds(120)) async throws
    -> (status: Int32, stdout: String, stderr: String)
  {
    try await CLIRunner.run(arguments + ["--endpoint-url", endpoint], timeout: timeout)
  }

  /// A connection for setting up fixtures directly through the engine.
  func connection() async throws -> AWSConnection {
    try await AWSConnection.resolve(environment: CLIRunner.environment([
      "AWS_ENDPOINT_URL": endpoint, "POTEMKIN_BACKEND": "local",
    ]))
  }

  /// Creates a stack from a fixture file of `Tests/PotemkinCLITests/Fixtures` and waits until it is complete.
  func createStack(_ name: String, fixture: String, tags: [String: String] = [:]) async throws {
    let url = CLIRunner.repositoryRoot.appending(path: "Tests/PotemkinCLITests/Fixtures/\(fixture)")
    let body = try String(contentsOf: url, encoding: .utf8)
    let cloudFormation = try await connection().cloudFormation
    do {
      _ = try await cloudFormation.createStack(CreateStackInput(
        stackName: name, template: .body(body), capabilities: ["CAPABILITY_IAM"],
        tags: tags.sorted { $0.key < $1.key }.map { ResourceTag(key: $0.key, value: $0.value) }))
    } catch let error as AWSError where error.code == "AlreadyExistsException" {
      // A retried CreateStack (slow machine) whose first attempt went through: wait for that one.
    }
    let deadline = ContinuousClock.now + .seconds(60)
    while ContinuousClock.now < deadline {
      let stack = try await cloudFormation.describeStack(name)
      if !stack.status.isInProgress {
        guard stack.status == .createComplete else {
          throw CLIRunner.Unavailable(description: "Fixture stack \(name) ended \(stack.status): \(stack.statusReason ?? "")")
        }
        return
      }
      try await Task.sleep(for: .milliseconds(200))
    }
    throw CLIRunner.Unavailable(description: "Fixture stack \(name) did not complete within 60 s.")
  }

  /// The names of the stacks that exist (not deleted).
  func stackNames() async throws -> Set<String> {
    let stacks = try await connection().cloudFormation.describeStacks().stacks
    return Set(stacks.filter { $0.status != .deleteComplete }.map(\.name))
  }

  /// Stops the backend with SIGINT and returns the exit status.
  @discardableResult
  func stop() async -> Int32? {
    process.send(SIGINT)
    if let status = await process.waitForExit(timeout: .seconds(15)) { return status }
    process.send(SIGKILL)
    return nil
  }
}

extension BackendUnderTest {
  /// Starts a backend, runs `body` with it, and stops it whether `body` throws or not.
  static func with<T: Sendable>(
    _ arguments: [String] = [], _ body: (BackendUnderTest) async throws -> T
  ) async throws -> T {
    await BackendGate.shared.enter()
    do {
      let backend = try await start(arguments)
      do {
        let result = try await body(backend)
        await backend.stop()
        await BackendGate.shared.leave()
        return result
      } catch {
        await backend.stop()
        throw error
      }
    } catch {
      await BackendGate.shared.leave()
      throw error
    }
  }
}
