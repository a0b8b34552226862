import Foundation

extension AWSClient {
  /// Calls a Query-protocol `action` (CloudFormation, STS) and returns the `<ActionResult>` element
  /// of the XML response (or its root when there is none).
  func query(
    _ service: AWSServiceID, _ parameters: QueryParameters, action: String, signed: Bool = true
  ) async throws -> XMLTree {
    var headers = HTTPHeaders()
    headers.add("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
    let request = HTTPRequest(
      method: "POST", url: endpoint(for: service).url, headers: headers, body: Data(parameters.encoded.utf8))
    let response = try await send(request, service: service, operation: action, signed: signed)
    guard let root = XMLTree.parse(response.body) else {
      throw AWSError.unreadableResponse(response, service: service, operation: action)
    }
    return root.child("\(action)Result") ?? root
  }

  /// Calls a JSON 1.1 operation (`X-Amz-Target: <targetPrefix>.<operation>`) and decodes its response.
  func json<Input: Encodable, Output: Decodable>(
    _ service: AWSServiceID, targetPrefix: String, operation: String, input: Input, pascalCase: Bool = true,
    as output: Output.Type = Output.self
  ) async throws -> Output {
    var headers = HTTPHeaders()
    headers.add("Content-Type", JSONProtocol.contentType)
    headers.add("X-Amz-Target", "\(targetPrefix).\(operation)")
    let body = try JSONProtocol.encoder(pascalCase: pascalCase).encode(input)
    let request = HTTPRequest(method: "POST", url: endpoint(for: service).url, headers: headers, body: body)
    let response = try await send(request, service: service, operation: operation)
    let data = response.body.isEmpty ? Data("{}".utf8) : response.body
    do {
      return try JSONProtocol.decoder().decode(Output.self, from: data)
    } catch {
      throw AWSError.unreadableResponse(response, service: service, operation: operation)
    }
  }

  /// The URL of an S3 bucket (and key): path-style for custom endpoints and dotted bucket names,
  /// virtual-hosted otherwise.
  func s3URL(bucket: String, key: String? = nil, query: String? = nil) -> URL {
    let resolved = endpoint(for: .s3)
    var components = URLComponents(url: resolved.url, resolvingAgainstBaseURL: false)!
    let basePath = components.percentEncodedPath.hasSuffix("/")
      ? String(components.percentEncodedPath.dropLast()) : components.percentEncodedPath
    let encodedKey = key.map { "/" + S3Path.encode($0) } ?? ""
    if resolved.isCustom || bucket.contains(".") {
      components.percentEncodedPath = basePath + "/" + S3Path.encode(bucket) + (key == nil ? "" : encodedKey)
    } else {
      components.host = "\(bucket).\(components.host ?? "")"
      components.percentEncodedPath = basePath + (key == nil ? "/" : encodedKey)
    }
    components.percentEncodedQuery = query
    return components.url!
  }
}

/// Percent-encoding of S3 bucket names and object keys in a URL path.
enum S3Path {
  /// Encodes everything but unreserved characters and `/`.
  static func encode(_ text: String) -> String {
    text.split(separator: "/", omittingEmptySubsequences: false)
      .map { QueryParameters.escape(String($0)) }
      .joined(separator: "/")
  }
}

extension AWSError {
  /// A successful response whose body the client could not decode.
  static func unreadableResponse(_ response: HTTPResponse, service: AWSServiceID, operation: String) -> AWSError {
    AWSError(
      code: "UnreadableResponse",
      message: "The response could not be decoded: "
        + readableText(String(decoding: response.body, as: UTF8.self)),
      httpStatus: response.status,
      requestId: response.headers["x-amzn-RequestId"] ?? response.headers["x-amz-request-id"],
      service: service.displayName, operation: operation, isRawFallback: true)
  }
}
