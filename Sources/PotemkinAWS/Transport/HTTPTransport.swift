/// Something that sends HTTP requests and returns their responses.
///
/// The production implementation is `CurlTransport`. Implementations never block
/// Swift's cooperative thread pool, honour task cancellation by aborting the
/// transfer, and throw `TransportError` for failures below HTTP (DNS, connect,
/// TLS, timeouts). An HTTP error status is a response, not a thrown error.
public protocol HTTPTransport: Sendable {
  /// Sends `request` and returns the complete response.
  /// - Parameter timeout: The limit for the whole transfer; `nil` uses the transport's default.
  func send(_ request: HTTPRequest, timeout: Duration?) async throws -> HTTPResponse
}

extension HTTPTransport {
  /// Sends `request` with the transport's default timeout.
  public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
    try await send(request, timeout: nil)
  }
}
