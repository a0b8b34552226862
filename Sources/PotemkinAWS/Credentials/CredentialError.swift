/// Why credentials could not be loaded: one source's problem, or the whole chain's.
///
/// Descriptions never contain secrets: keys are redacted and process output is
/// quoted only from standard error.
public struct CredentialError: Error, Sendable, Hashable, CustomStringConvertible {
  /// One source the chain tried and what happened.
  public struct Attempt: Sendable, Hashable {
    /// The source, e.g. `environment` or `profile dev (AWS_PROFILE)`.
    public var source: String
    /// Why it gave no credentials.
    public var reason: String
  }

  private enum Code: Sendable, Hashable {
    case notConfigured(source: String, reason: String)
    case failed(source: String, reason: String)
    case noCredentials(attempts: [Attempt])
    case sourceFailed(attempts: [Attempt], failure: Attempt)
  }

  private let code: Code

  /// The source is not set up at all here (an unset variable, no such file); the chain moves on.
  public static func notConfigured(_ source: String, _ reason: String) -> CredentialError {
    CredentialError(code: .notConfigured(source: source, reason: reason))
  }

  /// The source is set up but failed (bad script, expired SSO token, cycle); the chain stops here.
  public static func failed(_ source: String, _ reason: String) -> CredentialError {
    CredentialError(code: .failed(source: source, reason: reason))
  }

  /// No source in the chain was configured.
  public static func noCredentials(attempts: [Attempt]) -> CredentialError {
    CredentialError(code: .noCredentials(attempts: attempts))
  }

  /// A configured source failed after the earlier ones were skipped.
  public static func sourceFailed(attempts: [Attempt], failure: Attempt) -> CredentialError {
    CredentialError(code: .sourceFailed(attempts: attempts, failure: failure))
  }

  /// Whether the source simply is not configured, so a chain should try the next one.
  public var isNotConfigured: Bool {
    if case .notConfigured = code { return true }
    return false
  }

  /// The source and reason of a single-source error (`nil` for a chain summary).
  public var attempt: Attempt? {
    switch code {
    case .notConfigured(let source, let reason), .failed(let source, let reason): Attempt(source: source, reason: reason)
    case .noCredentials, .sourceFailed: nil
    }
  }

  /// Every source a chain tried, in order (empty for a single-source error).
  public var attempts: [Attempt] {
    switch code {
    case .noCredentials(let attempts): attempts
    case .sourceFailed(let attempts, let failure): attempts + [failure]
    default: []
    }
  }

  private static let whatToSet = """
    To fix, do one of: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for temporary keys); \
    set AWS_PROFILE to a profile in ~/.aws/config or ~/.aws/credentials (`aws configure`, or `aws configure sso` \
    then `aws sso login`); set AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN; or run where container or \
    instance-metadata credentials exist.
    """

  public var description: String {
    switch code {
    case .notConfigured(let source, let reason):
      return "\(source): \(reason)"
    case .failed(let source, let reason):
      return "\(source): \(reason)"
    case .noCredentials(let attempts):
      let lines = attempts.map { "  - \($0.source): \($0.reason)" }
      return (["No AWS credentials found. Sources tried, in order:"] + lines + [Self.whatToSet]).joined(separator: "\n")
    case .sourceFailed(let attempts, let failure):
      var lines = ["AWS credentials could not be loaded from \(failure.source): \(failure.reason)"]
      if !attempts.isEmpty {
        lines.append("Sources skipped before it:")
        lines += attempts.map { "  - \($0.source): \($0.reason)" }
      }
      return lines.joined(separator: "\n")
    }
  }
}
