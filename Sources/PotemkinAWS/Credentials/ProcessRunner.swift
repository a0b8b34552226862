import Foundation

/// Runs a child process off Swift's cooperative pool and collects its output.
enum ProcessRunner {
  struct Output: Sendable {
    var status: Int32
    var stdout: Data
    var stderr: Data
  }

  /// Runs `arguments` (looked up through `PATH` by `/usr/bin/env`) with `environment`.
  static func run(_ arguments: [String], environment: [String: String]) async throws -> Output {
    try await withCheckedThrowingContinuation { continuation in
      let thread = Thread {
        continuation.resume(with: Result { try runBlocking(arguments, environment: environment) })
      }
      thread.name = "potemkin.credential-process"
      thread.start()
    }
  }

  private static func runBlocking(_ arguments: [String], environment: [String: String]) throws -> Output {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["--"] + arguments
    process.environment = environment
    let stdout = Pipe()
    let stderr = Pipe()
    process.standardOutput = stdout
    process.standardError = stderr
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let errorBox = DataBox()
    let errorReader = Thread {
      errorBox.data = stderr.fileHandleForReading.readDataToEndOfFile()
      errorBox.done.signal()
    }
    errorReader.start()
    let out = stdout.fileHandleForReading.readDataToEndOfFile()
    errorBox.done.wait()
    process.waitUntilExit()
    return Output(status: process.terminationStatus, stdout: out, stderr: errorBox.data)
  }

  private final class DataBox: @unchecked Sendable {
    // Written by one thread before `done` is signalled, read after waiting on it.
    var data = Data()
    let done = DispatchSemaphore(value: 0)
  }

  /// Splits a command line as a POSIX shell would for words: quotes and backslashes, no expansion.
  static func split(_ command: String) -> [String] {
    var words: [String] = []
    var current = ""
    var inWord = false
    var quote: Character?
    var escaped = false
    for character in command {
      if escaped {
        current.append(character)
        escaped = false
        continue
      }
      if let open = quote {
        if character == open {
          quote = nil
        } else if character == "\\" && open == "\"" {
          escaped = true
        } else {
          current.append(character)
        }
        continue
      }
      switch character {
      case "\\":
        escaped = true
        inWord = true
      case "\"", "'":
        quote = character
        inWord = true
      case _ where character.isWhitespace:
        if inWord { words.append(current) }
        current = ""
        inWord = false
      default:
        current.append(character)
        inWord = true
      }
    }
    if inWord { words.append(current) }
    return words
  }
}
