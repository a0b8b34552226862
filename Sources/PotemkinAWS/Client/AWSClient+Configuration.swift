import Foundation

extension AWSClient {
  /// Everything a client needs to know before its first request; every field has a default.
  public struct Configuration: Sendable {
    /// The region; `nil` resolves it from `AWS_REGION`, `AWS_DEFAULT_REGION`, then the profile.
    public var region: String?
    /// The shared-config profile; `nil` uses `AWS_PROFILE`, then `default`.
    public var profile: String?
    /// Endpoint URLs given in code, per service; they win over every configured endpoint.
    public var endpoints: [AWSServiceID: URL]
    /// Where credentials come from; `nil` reads `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and `AWS_SESSION_TOKEN`.
    public var credentialProvider: (any CredentialProvider)?
    /// The retry policy; `nil` reads `AWS_RETRY_MODE` and `AWS_MAX_ATTEMPTS`, defaulting to `.standard`.
    public var retryPolicy: RetryPolicy?
    /// The limit for each HTTP request; `nil` uses the transport's default.
    public var requestTimeout: Duration?
    /// The environment variables to read (the process environment unless injected, e.g. by tests).
    public var environment: [String: String]

    /// Creates a configuration.
    public init(
      region: String? = nil, profile: String? = nil, endpoints: [AWSServiceID: URL] = [:],
      credentialProvider: (any CredentialProvider)? = nil, retryPolicy: RetryPolicy? = nil,
      requestTimeout: Duration? = .seconds(60),
      environment: [String: String] = ProcessInfo.processInfo.environment
    ) {
      self.region = region
      self.profile = profile
      self.endpoints = endpoints
      self.credentialProvider = credentialProvider
      self.retryPolicy = retryPolicy
      self.requestTimeout = requestTimeout
      self.environment = environment
    }
  }
}
