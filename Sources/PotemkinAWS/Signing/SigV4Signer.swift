import Foundation

/// Signs HTTP requests with AWS Signature Version 4.
///
/// A pure value: it does no I/O and reads no clock; the caller passes the signing date.
/// Derived signing keys are shared through a small process-wide cache.
public struct SigV4Signer: Sendable, Hashable {
  /// How the canonical request is built; the defaults suit every service but S3.
  public struct Options: Sendable, Hashable {
    /// URI-encode the (already encoded) request path once more, as every service but S3 expects.
    public var doubleURIEncodePath: Bool
    /// Remove `.` and `..` segments and empty segments from the path before signing (every service but S3).
    public var normalizePath: Bool
    /// Add an `x-amz-content-sha256` header with the payload hash, as S3 requires.
    public var addContentSHA256Header: Bool

    /// Creates options; `normalizePath` defaults to the value of `doubleURIEncodePath`.
    public init(doubleURIEncodePath: Bool = true, normalizePath: Bool? = nil, addContentSHA256Header: Bool = false) {
      self.doubleURIEncodePath = doubleURIEncodePath
      self.normalizePath = normalizePath ?? doubleURIEncodePath
      self.addContentSHA256Header = addContentSHA256Header
    }
  }

  /// The signing name of the service, e.g. `cloudformation`, `config`, `sts`, `s3`.
  public var service: String
  /// The region in the credential scope, e.g. `us-east-1`.
  public var region: String
  /// How the canonical request is built.
  public var options: Options

  /// Creates a signer for one service in one region.
  public init(service: String, region: String, options: Options = .init()) {
    self.service = service
    self.region = region
    self.options = options
  }

  /// A signer for S3: the path is signed as sent, and `x-amz-content-sha256` is added.
  public static func s3(region: String) -> SigV4Signer {
    SigV4Signer(
      service: "s3", region: region,
      options: Options(doubleURIEncodePath: false, normalizePath: false, addContentSHA256Header: true))
  }

  /// The request with `Host` (if absent), `X-Amz-Date`, `X-Amz-Security-Token` (with a session token),
  /// `x-amz-content-sha256` (when the options ask for it) and `Authorization` set.
  ///
  /// An `x-amz-content-sha256` header already present (for example `UNSIGNED-PAYLOAD`) is used as the
  /// payload hash instead of hashing the body.
  public func signed(_ request: HTTPRequest, credentials: AWSCredentials, date: Date) -> HTTPRequest {
    signingSteps(request, credentials: credentials, date: date).request
  }

  /// Every intermediate step of signing `request`, for tests and for diagnosing signature mismatches.
  public func signingSteps(_ request: HTTPRequest, credentials: AWSCredentials, date: Date) -> SigV4SigningSteps {
    signingSteps(request, credentials: credentials, date: date, wirePath: nil)
  }

  /// Signs `request`; `wirePath` overrides the path taken from the URL (for test vectors whose
  /// path is not a valid URL path, such as a raw space).
  func signingSteps(
    _ request: HTTPRequest, credentials: AWSCredentials, date: Date, wirePath: String?
  ) -> SigV4SigningSteps {
    let timestamp = SigV4Timestamp(date)
    var signed = request
    signed.headers.remove("Authorization")
    if signed.headers["Host"] == nil, let host = Self.hostHeader(for: request.url) {
      signed.headers.add("Host", host)
    }
    signed.headers["X-Amz-Date"] = timestamp.amzDate
    signed.headers.remove("X-Amz-Security-Token")
    if let token = credentials.sessionToken {
      signed.headers.add("X-Amz-Security-Token", token)
    }
    let payloadHash: String
    if let given = signed.headers["x-amz-content-sha256"] {
      payloadHash = given
    } else {
      payloadHash = SHA256.hexHash(request.body)
      if options.addContentSHA256Header {
        signed.headers.add("x-amz-content-sha256", payloadHash)
      }
    }

    let path = wirePath ?? request.url.path(percentEncoded: true)
    let canonical = canonicalRequest(
      method: request.method, path: path, query: request.url.query(percentEncoded: true),
      headers: signed.headers.fields, payloadHash: payloadHash)
    let scope = "\(timestamp.dateStamp)/\(region)/\(service)/aws4_request"
    let stringToSign = Self.stringToSign(canonicalRequest: canonical.text, amzDate: timestamp.amzDate, scope: scope)
    let key = SigningKeyCache.shared.signingKey(
      secret: credentials.secretAccessKey, dateStamp: timestamp.dateStamp, region: region, service: service)
    let signature = Hex.encode(HMACSHA256.mac(key: key, utf8: stringToSign))
    let authorization =
      "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyId)/\(scope), SignedHeaders=\(canonical.signedHeaders), Signature=\(signature)"
    signed.headers.add("Authorization", authorization)
    return SigV4SigningSteps(
      request: signed, canonicalRequest: canonical.text, signedHeaders: canonical.signedHeaders,
      stringToSign: stringToSign, credentialScope: scope, signature: signature)
  }

  /// The `Host` value for `url`: lower-cased host, with the port unless it is the scheme's default.
  static func hostHeader(for url: URL) -> String? {
    guard var host = url.host(percentEncoded: true)?.lowercased() else { return nil }
    if host.contains(":") && !host.hasPrefix("[") { host = "[\(host)]" }
    if let port = url.port {
      let scheme = url.scheme?.lowercased()
      let isDefault = (scheme == "http" && port == 80) || (scheme == "https" && port == 443)
      if !isDefault { host += ":\(port)" }
    }
    return host
  }
}
