import Foundation

/// One HTTP request as the transport sends it and the signer signs it.
public struct HTTPRequest: Sendable, Hashable {
  /// The HTTP method, upper case (`GET`, `POST`, `PUT`, `DELETE`, `HEAD`).
  public var method: String
  /// The full URL, including any query string. Path and query are sent as written here.
  public var url: URL
  /// The header fields, in order.
  public var headers: HTTPHeaders
  /// The body bytes; empty for none.
  public var body: Data

  /// Creates a request.
  public init(method: String, url: URL, headers: HTTPHeaders = [:], body: Data = Data()) {
    self.method = method
    self.url = url
    self.headers = headers
    self.body = body
  }
}
