import Foundation

extension CurlTransport {
  /// Settings of a `CurlTransport`; every field has a default.
  ///
  /// TLS peer and host verification are always on and cannot be turned off here.
  /// Proxies come from the environment exactly as the `curl` tool reads them
  /// (`http_proxy`, `https_proxy`, `HTTPS_PROXY`, `no_proxy`, `NO_PROXY`); nothing
  /// in the transport overrides them.
  public struct Configuration: Sendable {
    /// The limit for making the TCP and TLS connection (default 10 s).
    public var connectTimeout: Duration
    /// The default limit for a whole transfer, connect included (default 60 s);
    /// `send(_:timeout:)` can override it per request.
    public var timeout: Duration
    /// The most connections open to one host at a time; further transfers wait for one (default 64).
    public var maxConnectionsPerHost: Int
    /// A PEM file of CA certificates to trust instead of the system's; defaults to `AWS_CA_BUNDLE`.
    public var caBundlePath: String?

    /// Creates a configuration; omitted values take their defaults.
    public init(
      connectTimeout: Duration = .seconds(10),
      timeout: Duration = .seconds(60),
      maxConnectionsPerHost: Int = 64,
      caBundlePath: String? = Configuration.caBundleFromEnvironment()
    ) {
      self.connectTimeout = connectTimeout
      self.timeout = timeout
      self.maxConnectionsPerHost = maxConnectionsPerHost
      self.caBundlePath = caBundlePath
    }

    /// The value of `AWS_CA_BUNDLE`, or `nil` when it is unset or empty.
    public static func caBundleFromEnvironment(
      _ environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> String? {
      guard let path = environment["AWS_CA_BUNDLE"], !path.isEmpty else { return nil }
      return path
    }
  }
}
