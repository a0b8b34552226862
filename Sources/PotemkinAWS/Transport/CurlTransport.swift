/// The libcurl-based `HTTPTransport` every client uses unless given another.
///
/// Transfers run on one dedicated thread per transport, through libcurl's multi
/// interface: many requests overlap on it, idle keep-alive connections are reused
/// across requests, and Swift's cooperative pool never blocks. Cancelling the task
/// that awaits `send` aborts the transfer and throws `CancellationError`.
///
/// Headers are sent exactly as the request gives them (the signer has signed them):
/// libcurl adds only `Host` (when absent) and `Content-Length`, never `Expect`,
/// `Accept` or a default `Content-Type`. Redirects are not followed. TLS peer and
/// host verification are always on. Proxies come from `http_proxy`, `https_proxy`
/// and `no_proxy` in the environment, read by libcurl itself.
public final class CurlTransport: HTTPTransport, Sendable {
  /// The process-wide transport with the default configuration; its thread starts on first use.
  public static let shared = CurlTransport()

  /// The settings this transport was created with.
  public let configuration: Configuration
  private let loop: CurlMultiLoop

  /// Creates a transport with its own thread and connection cache.
  public init(configuration: Configuration = Configuration()) {
    self.configuration = configuration
    loop = CurlMultiLoop(configuration: configuration)
  }

  deinit {
    loop.shutdown()
  }

  /// Sends `request` and returns the complete response; an HTTP error status is a response, not a throw.
  /// - Parameter timeout: The limit for the whole transfer; `nil` uses `configuration.timeout`.
  /// - Throws: `TransportError` when no complete response arrived; `CancellationError` when the task was cancelled.
  public func send(_ request: HTTPRequest, timeout: Duration?) async throws -> HTTPResponse {
    let transfer = CurlTransfer(request: request, timeout: timeout ?? configuration.timeout)
    return try await withTaskCancellationHandler {
      try await withCheckedThrowingContinuation { continuation in
        transfer.setContinuation(continuation)
        loop.submit(transfer)
      }
    } onCancel: {
      loop.cancel(transfer)
    }
  }
}
