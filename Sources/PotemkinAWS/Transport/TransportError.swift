import Foundation

/// A failure below HTTP: the request got no complete response (DNS, connect, TLS, timeout, lost connection).
///
/// An HTTP error status is not a `TransportError`; it arrives as an `HTTPResponse`.
/// Descriptions name the host and port, never the path, query or headers (which
/// may carry signatures or session tokens).
public struct TransportError: Error, Sendable, Hashable, CustomStringConvertible {
  /// What kind of failure happened, for matching (`error.kind == .timedOut`).
  public struct Kind: Sendable, Hashable, CustomStringConvertible {
    fileprivate enum Code: Sendable, Hashable {
      case couldNotResolveHost, couldNotConnect, timedOut, tlsFailure, connectionLost, other
    }

    fileprivate let code: Code

    /// The host name did not resolve (DNS), directly or through the proxy.
    public static let couldNotResolveHost = Kind(code: .couldNotResolveHost)
    /// The TCP connection could not be made (refused, unreachable).
    public static let couldNotConnect = Kind(code: .couldNotConnect)
    /// The connect timeout or the whole-transfer timeout ran out.
    public static let timedOut = Kind(code: .timedOut)
    /// The TLS handshake or certificate verification failed.
    public static let tlsFailure = Kind(code: .tlsFailure)
    /// The connection broke while sending or receiving (reset, closed with no or a partial response).
    public static let connectionLost = Kind(code: .connectionLost)
    /// Any other failure; `curlCode` and `detail` say which.
    public static let other = Kind(code: .other)

    public var description: String {
      switch code {
      case .couldNotResolveHost: "couldNotResolveHost"
      case .couldNotConnect: "couldNotConnect"
      case .timedOut: "timedOut"
      case .tlsFailure: "tlsFailure"
      case .connectionLost: "connectionLost"
      case .other: "other"
      }
    }
  }

  /// What kind of failure happened.
  public let kind: Kind
  /// The `host:port` the request was for.
  public let endpoint: String
  /// The underlying failure in the transport's words (libcurl's error text), or empty.
  public let detail: String
  /// The libcurl result code, when the failure came from libcurl.
  public let curlCode: Int?
  /// The limit that ran out, for `.timedOut`.
  public let timeout: Duration?
  /// The CA bundle in use, for `.tlsFailure`, when one was configured.
  public let caBundlePath: String?

  /// Creates a transport error; transports other than `CurlTransport` can use it to report the same kinds.
  public init(
    kind: Kind, endpoint: String, detail: String = "", curlCode: Int? = nil, timeout: Duration? = nil,
    caBundlePath: String? = nil
  ) {
    self.kind = kind
    self.endpoint = endpoint
    self.detail = detail
    self.curlCode = curlCode
    self.timeout = timeout
    self.caBundlePath = caBundlePath
  }

  /// Whether sending the same request again may succeed: true for connect failures, timeouts
  /// and lost connections; false for DNS failures, TLS failures and anything else, which a retry
  /// would only repeat more slowly.
  public var isRetryable: Bool {
    switch kind.code {
    case .couldNotConnect, .timedOut, .connectionLost: true
    case .couldNotResolveHost, .tlsFailure, .other: false
    }
  }

  public var description: String {
    let because = detail.isEmpty ? "" : ": \(detail)"
    switch kind.code {
    case .couldNotResolveHost:
      return "Could not resolve the host of \(endpoint)\(because). "
        + "Check the endpoint URL and region (AWS_ENDPOINT_URL, AWS_REGION), your DNS, and any http_proxy/https_proxy settings."
    case .couldNotConnect:
      return "Could not connect to \(endpoint)\(because). Is the endpoint right and the server running?"
    case .timedOut:
      let limit = timeout.map { " after \(Self.seconds($0))" } ?? ""
      return "The request to \(endpoint) timed out\(limit)\(because). "
        + "The server may be overloaded or unreachable; check the network, or raise the transport's timeout."
    case .tlsFailure:
      let bundle = caBundlePath.map { "the CA bundle at \($0) (AWS_CA_BUNDLE)" }
        ?? "the system CA certificates (or set AWS_CA_BUNDLE to a PEM file)"
      return "The TLS connection to \(endpoint) failed\(because). "
        + "Check that the endpoint speaks HTTPS with a valid certificate for that name, and \(bundle)."
    case .connectionLost:
      return "The connection to \(endpoint) was lost before a complete response arrived\(because). "
        + "The server or a proxy closed it; sending the request again may succeed."
    case .other:
      let code = curlCode.map { " (libcurl error \($0))" } ?? ""
      return "The request to \(endpoint) failed\(because)\(code)."
    }
  }

  private static func seconds(_ duration: Duration) -> String {
    String(format: "%g s", duration.inSeconds)
  }
}
