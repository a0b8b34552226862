import Foundation

/// Credentials printed by an external command (`credential_process` in a profile).
///
/// The command prints JSON `{"Version": 1, "AccessKeyId": ..., "SecretAccessKey": ...,
/// "SessionToken": ..., "Expiration": ...}` on standard output. A non-zero exit or bad
/// output is an error quoting standard error, never standard output (which may hold secrets).
public struct ProcessCredentialProvider: CredentialProvider, CustomStringConvertible {
  /// The command line, split into words like a shell does (no expansion).
  public var command: String
  /// The environment the command runs with.
  public var environment: [String: String]
  /// The profile that configured the command, for messages.
  public var profileName: String?
  /// How long the command may run before it is killed (it gets no input: a prompt never ends).
  public var timeout: Duration

  /// The default time limit: room for a helper that opens a browser for a login.
  public static let defaultTimeout = Duration.seconds(120)

  /// Creates a provider running `command` with `environment`.
  public init(
    command: String, environment: [String: String], profileName: String? = nil, timeout: Duration = defaultTimeout
  ) {
    self.command = command
    self.environment = environment
    self.profileName = profileName
    self.timeout = timeout
  }

  public func credentials() async throws -> AWSCredentials {
    let arguments = ProcessRunner.split(command)
    guard let program = arguments.first else {
      throw CredentialError.failed(description, "credential_process is empty")
    }
    let output: ProcessRunner.Output
    do {
      output = try await ProcessRunner.run(arguments, environment: environment, timeout: timeout)
    } catch let error as CancellationError {
      throw error
    } catch ProcessRunner.Failure.timedOut(let limit) {
      throw CredentialError.failed(
        description,
        "`\(program)` did not finish within \(limit.components.seconds) s and was stopped. It gets no input, so a "
          + "prompt (MFA code, login) never ends: run it once in a terminal, or sign in first, then try again")
    } catch {
      throw CredentialError.failed(description, "could not start \(program): \(error)")
    }
    let stderr = Self.quote(output.stderr)
    guard output.status == 0 else {
      let detail = stderr.isEmpty ? " and printed nothing on standard error" : "; standard error: \(stderr)"
      let hint = output.status == 127 ? " (command not found: check the path and PATH)" : ""
      throw CredentialError.failed(description, "`\(program)` exited with status \(output.status)\(hint)\(detail)")
    }
    let what = "the output of `\(program)`" + (stderr.isEmpty ? "" : " (standard error: \(stderr))")
    if let object = try? JSONSerialization.jsonObject(with: output.stdout) as? [String: Any] {
      let version = object["Version"] as? Int
      guard version == 1 else {
        throw CredentialError.failed(
          description, "\(what) has Version \(object["Version"].map { "\($0)" } ?? "missing"); only Version 1 is supported")
      }
    }
    return try CredentialDocument.decode(output.stdout, source: description, what: what)
  }

  private static func quote(_ data: Data) -> String {
    let text = String(decoding: data.prefix(2000), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    return text.isEmpty ? "" : "\"\(text)\""
  }

  public var description: String {
    let program = ProcessRunner.split(command).first ?? command
    return profileName.map { "credential_process of profile \($0) (\(program))" } ?? "credential_process \(program)"
  }
}
