import Foundation
import Testing

@Suite("Python test helper")
struct PythonLocatorTests {
  @Test("POTEMKIN_PYTHON wins: a path runs as is, a bare name through env")
  func configuredInterpreter() {
    let path = PythonLocator.interpreter(environment: ["POTEMKIN_PYTHON": "/opt/py/bin/python"])
    #expect(path.executable.path == "/opt/py/bin/python")
    #expect(path.leadingArguments.isEmpty)
    let name = PythonLocator.interpreter(environment: ["POTEMKIN_PYTHON": "python3.11"])
    #expect(name.executable.path == "/usr/bin/env")
    #expect(name.leadingArguments == ["python3.11"])
  }

  @Test("Without POTEMKIN_PYTHON: the repository's .venv if present, else python3")
  func defaultInterpreter() {
    let chosen = PythonLocator.interpreter(environment: [:])
    let venv = PythonLocator.repositoryRoot.appending(path: ".venv/bin/python")
    if FileManager.default.isExecutableFile(atPath: venv.path) {
      #expect(chosen.executable.path == venv.path)
    } else {
      #expect(chosen.leadingArguments == ["python3"])
    }
    #expect(FileManager.default.fileExists(atPath: PythonLocator.repositoryRoot.appending(path: "Package.swift").path))
  }

  @Test("A megabyte through stdin and back, with stderr and the exit status")
  func roundTrip() async throws {
    let input = Data((0..<1_000_000).map { UInt8(ascii: "a") + UInt8($0 % 26) })
    let output = try await PythonLocator.run(
      ["-c", "import sys; data = sys.stdin.buffer.read(); sys.stdout.buffer.write(data); sys.stderr.write('done'); sys.exit(3)"],
      stdin: input)
    #expect(output.status == 3)
    #expect(output.stdout == input)
    #expect(output.stderrText == "done")
  }

  @Test("Cancelling the task terminates the process")
  func cancellation() async throws {
    let clock = ContinuousClock()
    let start = clock.now
    let task = Task { try await PythonLocator.run(["-c", "import time; time.sleep(30)"]) }
    try await Task.sleep(for: .milliseconds(300))
    task.cancel()
    let output = try await task.value
    #expect(output.status != 0)
    #expect(clock.now - start < .seconds(10))
  }
}
