import Foundation

/// One HTTP response as received: status, headers and the whole body.
public struct HTTPResponse: Sendable, Hashable {
  /// The HTTP status code.
  public var status: Int
  /// The response header fields, in order.
  public var headers: HTTPHeaders
  /// The response body bytes.
  public var body: Data

  /// Creates a response.
  public init(status: Int, headers: HTTPHeaders = [:], body: Data = Data()) {
    self.status = status
    self.headers = headers
    self.body = body
  }
}
