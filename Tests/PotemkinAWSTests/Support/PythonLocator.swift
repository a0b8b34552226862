import Foundation
import Synchronization

/// Finds the Python interpreter tests use and runs Python scripts with it, off the cooperative pool.
///
/// The interpreter is `POTEMKIN_PYTHON` if set, else `<repository root>/.venv/bin/python` if it
/// exists (CI creates it with Tools/setup-python), else `python3` from `PATH`.
enum PythonLocator {
  /// The repository root, found from this file's location (`Tests/PotemkinAWSTests/Support/`).
  static let repositoryRoot: URL = URL(filePath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// How to start the interpreter: an executable and the arguments that come before the script's.
  struct Interpreter: Sendable, CustomStringConvertible {
    var executable: URL
    var leadingArguments: [String]
    /// Where the choice came from, for error messages.
    var source: String

    var description: String {
      ([executable.path] + leadingArguments).joined(separator: " ") + " (\(source))"
    }
  }

  /// The interpreter chosen by the rule above.
  static func interpreter(environment: [String: String] = ProcessInfo.processInfo.environment) -> Interpreter {
    if let configured = environment["POTEMKIN_PYTHON"], !configured.isEmpty {
      return configured.contains("/")
        ? Interpreter(executable: URL(filePath: configured), leadingArguments: [], source: "POTEMKIN_PYTHON")
        : Interpreter(executable: URL(filePath: "/usr/bin/env"), leadingArguments: [configured], source: "POTEMKIN_PYTHON")
    }
    let venv = repositoryRoot.appending(path: ".venv/bin/python")
    if FileManager.default.isExecutableFile(atPath: venv.path) {
      return Interpreter(executable: venv, leadingArguments: [], source: ".venv")
    }
    return Interpreter(executable: URL(filePath: "/usr/bin/env"), leadingArguments: ["python3"], source: "python3 on PATH")
  }

  /// What a finished process wrote and how it exited.
  struct Output: Sendable {
    var status: Int32
    var stdout: Data
    var stderr: Data

    var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    var stderrText: String { String(decoding: stderr, as: UTF8.self) }
  }

  /// A Python prerequisite that is missing, with what to install.
  struct Unavailable: Error, CustomStringConvertible {
    var description: String
  }

  /// A `Process` for the interpreter with `arguments` (for long-running servers the caller manages).
  static func process(_ arguments: [String], environment: [String: String] = [:]) -> Process {
    let interpreter = interpreter()
    let process = Process()
    process.executableURL = interpreter.executable
    process.arguments = interpreter.leadingArguments + arguments
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    return process
  }

  /// Runs the interpreter with `arguments`, feeding `stdin` and collecting stdout and stderr.
  ///
  /// The blocking work happens on dedicated threads; cancelling the task kills the process with
  /// SIGKILL (`Process.terminate()` was seen not to stop a child started this way).
  static func run(_ arguments: [String], stdin: Data = Data(), environment: [String: String] = [:]) async throws -> Output {
    let process = process(arguments, environment: environment)
    // Cancellation may come before the process starts: remember it, and terminate once started.
    let state = Mutex((started: false, cancelled: false))
    return try await withTaskCancellationHandler {
      try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Output, any Error>) in
        Thread.detachNewThread {
          do {
            let output = try runBlocking(process, stdin: stdin) {
              let cancelled = state.withLock { state in
                state.started = true
                return state.cancelled
              }
              if cancelled { kill(process.processIdentifier, SIGKILL) }
            }
            continuation.resume(returning: output)
          } catch {
            continuation.resume(throwing: error)
          }
        }
      }
    } onCancel: {
      let started = state.withLock { state in
        state.cancelled = true
        return state.started
      }
      if started { kill(process.processIdentifier, SIGKILL) }
    }
  }

  /// Fails with a message saying what to install unless the interpreter can import every module.
  static func requireModules(_ modules: [String]) async throws {
    let interpreter = interpreter()
    let output: Output
    do {
      output = try await run(["-c", "import " + modules.joined(separator: ", ")])
    } catch {
      throw Unavailable(
        description: "Could not start Python \(interpreter): \(error). Install Python 3, run Tools/setup-python, "
          + "or set POTEMKIN_PYTHON to an interpreter.")
    }
    guard output.status == 0 else {
      let reason = output.stderrText.split(separator: "\n").last.map(String.init) ?? "exit status \(output.status)"
      throw Unavailable(
        description: "Python \(interpreter) cannot import \(modules.joined(separator: ", ")): \(reason). "
          + "Run Tools/setup-python (creates .venv with the pinned boto3, botocore and moto), "
          + "or `pip install botocore==1.43.11 boto3 moto==5.2.1`, or set POTEMKIN_PYTHON to an interpreter that has them.")
    }
  }

  /// Writing to a pipe whose reader has exited must fail with EPIPE, not kill the test process.
  private static let ignoreSIGPIPE: Void = { _ = signal(SIGPIPE, SIG_IGN) }()

  private static func runBlocking(_ process: Process, stdin: Data, onStart: () -> Void) throws -> Output {
    ignoreSIGPIPE
    let input = Pipe()
    let output = Pipe()
    let errors = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    onStart()

    let done = DispatchGroup()
    let collected = Mutex(Data())
    done.enter()
    Thread.detachNewThread {
      // Python may exit before reading everything; a broken pipe then is not our failure.
      try? input.fileHandleForWriting.write(contentsOf: stdin)
      try? input.fileHandleForWriting.close()
      done.leave()
    }
    done.enter()
    Thread.detachNewThread {
      let data = (try? errors.fileHandleForReading.readToEnd()) ?? Data()
      collected.withLock { $0 = data }
      done.leave()
    }
    let stdout = (try? output.fileHandleForReading.readToEnd()) ?? Data()
    done.wait()
    process.waitUntilExit()
    return Output(status: process.terminationStatus, stdout: stdout, stderr: collected.withLock { $0 })
  }
}
