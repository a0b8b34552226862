/// The intermediate values of one SigV4 signature, for tests and for diagnosing mismatches.
///
/// Holds no secret: the signing key and secret access key are not part of it (the session
/// token is, inside the signed request's headers and the canonical request).
public struct SigV4SigningSteps: Sendable, Hashable {
  /// The signed request, `Authorization` included.
  public var request: HTTPRequest
  /// The canonical request whose hash is signed.
  public var canonicalRequest: String
  /// The `;`-separated, sorted, lower-case names of the signed headers.
  public var signedHeaders: String
  /// The string to sign: algorithm, date, credential scope and the canonical request's hash.
  public var stringToSign: String
  /// The credential scope, `date/region/service/aws4_request`.
  public var credentialScope: String
  /// The hex signature.
  public var signature: String
  /// The `Authorization` header value.
  public var authorization: String { request.headers["Authorization"] ?? "" }
}
