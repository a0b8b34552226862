/// Why the local backend could not be started or queried.
public struct LocalBackendError: Error, Sendable, Hashable, CustomStringConvertible {
  private enum Code: Sendable, Hashable {
    case repositoryNotFound(tried: [String])
    case setupFailed(status: Int32)
    case launchFailed(String)
    case exited(status: Int32, stderr: String)
    case startTimeout(seconds: Double, stderr: String)
    case badResponse(String)
  }

  private let code: Code

  private init(_ code: Code) { self.code = code }

  static func repositoryNotFound(tried: [String]) -> LocalBackendError { .init(.repositoryNotFound(tried: tried)) }
  static func setupFailed(status: Int32) -> LocalBackendError { .init(.setupFailed(status: status)) }
  static func launchFailed(_ reason: String) -> LocalBackendError { .init(.launchFailed(reason)) }
  static func exited(status: Int32, stderr: String) -> LocalBackendError { .init(.exited(status: status, stderr: stderr)) }
  static func startTimeout(seconds: Double, stderr: String) -> LocalBackendError {
    .init(.startTimeout(seconds: seconds, stderr: stderr))
  }
  static func badResponse(_ message: String) -> LocalBackendError { .init(.badResponse(message)) }

  public var description: String {
    switch code {
    case .repositoryNotFound(let tried):
      "The local backend (Tools/LocalAWS/server.py) was not found in: \(tried.joined(separator: ", ")). "
        + "Set POTEMKIN_HOME to a checkout of potemkin-swift."
    case .setupFailed(let status):
      "Tools/setup-python failed (exit status \(status)); its messages are above. "
        + "Fix them and retry, or set POTEMKIN_PYTHON to an interpreter that has moto, boto3 and cfn-lint."
    case .launchFailed(let reason):
      "The local backend could not be launched: \(reason)"
    case .exited(let status, let stderr):
      "The local backend exited (status \(status)) before accepting requests. Its last messages:\n\(stderr)"
    case .startTimeout(let seconds, let stderr):
      "The local backend did not print AWS_ENDPOINT_URL= within \(seconds) s. Its last messages:\n\(stderr)"
    case .badResponse(let message):
      "The local backend answered unexpectedly: \(message)"
    }
  }
}
