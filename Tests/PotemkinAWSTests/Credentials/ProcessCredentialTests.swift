import Foundation
import Testing

// Scripts run through /bin/sh: exec'ing a just-written file races other tests' forks (ETXTBSY).

@testable import PotemkinAWS

@Suite("credential_process")
struct ProcessCredentialTests {
  let transport = CurlTransport.shared

  @Test("A real script's Version 1 JSON with Expiration becomes credentials")
  func success() async throws {
    let home = try TemporaryHome()
    defer { home.remove() }
    let script = try home.write(
      "bin/creds helper.sh",
      """
      #!/bin/sh
      echo "called with $1" >&2
      cat <<JSON
      {"Version": 1, "AccessKeyId": "ASIAPROCESS000000001", "SecretAccessKey": "process-secret",
       "SessionToken": "process-token-$1", "Expiration": "2099-01-02T03:04:05Z"}
      JSON
      """, executable: true)
    try home.config("[profile tool]\ncredential_process = /bin/sh \"\(script)\" 'arg one'\n")
    let credentials = try await ProfileCredentialProvider(profile: "tool", environment: home.environment, transport: transport)
      .credentials()
    #expect(credentials.accessKeyId == "ASIAPROCESS000000001")
    #expect(credentials.sessionToken == "process-token-arg one")
    #expect(credentials.expiration == ISO8601DateFormatter().date(from: "2099-01-02T03:04:05Z"))
  }

  @Test(
    "Failures quote standard error but never the secret",
    arguments: [
      ("echo 'token expired, run login' >&2; echo '{\"SecretAccessKey\": \"SUPERSECRET\"}'; exit 3",
       "exited with status 3; standard error: \"token expired, run login\""),
      ("echo 'warn' >&2; echo 'SecretAccessKey=SUPERSECRET'", "is not a JSON object"),
      ("echo '{\"Version\": 2, \"AccessKeyId\": \"A\", \"SecretAccessKey\": \"SUPERSECRET\"}'", "only Version 1 is supported"),
      ("echo '{\"Version\": 1, \"SecretAccessKey\": \"SUPERSECRET\"}'", "has no AccessKeyId"),
      ("echo '{\"Version\": 1, \"AccessKeyId\": \"A\", \"SecretAccessKey\": \"SUPERSECRET\", \"Expiration\": \"soon\"}'",
       "Expiration that is not ISO 8601"),
    ])
  func failures(body: String, reason: String) async throws {
    let home = try TemporaryHome()
    defer { home.remove() }
    let script = try home.write("bin/creds.sh", "#!/bin/sh\n\(body)\n", executable: true)
    let provider = ProcessCredentialProvider(command: "/bin/sh '\(script)'", environment: home.environment, profileName: "tool")
    let error = try await #require(throws: CredentialError.self) { try await provider.credentials() }
    #expect(error.description.contains(reason), "\(error)")
    #expect(!error.description.contains("SUPERSECRET"))
    #expect(!error.isNotConfigured)
  }

  @Test("A command that does not exist says so")
  func missingCommand() async throws {
    let home = try TemporaryHome()
    defer { home.remove() }
    let provider = ProcessCredentialProvider(command: home.path + "/nope --flag", environment: home.environment)
    let error = try await #require(throws: CredentialError.self) { try await provider.credentials() }
    #expect(error.description.contains("status 127"), "\(error)")
  }

  @Test("A command that never finishes is stopped at its time limit, helpers it started included")
  func hangingCommand() async throws {
    let home = try TemporaryHome()
    defer { home.remove() }
    let script = try home.write("bin/prompt.sh", "#!/bin/sh\necho 'MFA code:' >&2\nsleep 60\n", executable: true)
    let provider = ProcessCredentialProvider(
      command: "/bin/sh '\(script)'", environment: home.environment, timeout: .seconds(1))
    let start = ContinuousClock.now
    let error = try await #require(throws: CredentialError.self) { try await provider.credentials() }
    #expect(error.description.contains("did not finish within 1 s and was stopped"), "\(error)")
    // The sleep holds standard output open: only killing the whole group ends the wait.
    #expect(ContinuousClock.now - start < .seconds(30))
  }

  @Test("Cancelling the task stops the command at once")
  func cancelledCommand() async throws {
    let home = try TemporaryHome()
    defer { home.remove() }
    let script = try home.write("bin/slow.sh", "#!/bin/sh\nsleep 60\n", executable: true)
    let provider = ProcessCredentialProvider(command: "/bin/sh '\(script)'", environment: home.environment)
    let task = Task { try await provider.credentials() }
    try await Task.sleep(for: .milliseconds(300))
    let start = ContinuousClock.now
    task.cancel()
    await #expect(throws: CancellationError.self) { try await task.value }
    #expect(ContinuousClock.now - start < .seconds(30))
  }

  @Test("Command lines split like a shell: quotes and backslashes")
  func splitting() {
    #expect(ProcessRunner.split(#"a "b c" 'd e' f\ g "h\"i""#) == ["a", "b c", "d e", "f g", "h\"i"])
    #expect(ProcessRunner.split("  ") == [])
    #expect(ProcessRunner.split("x ''") == ["x", ""])
  }
}
