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
    // One pass over the fields: drop what signing sets, note what it must not override.
    var fields: [(String, String)] = []
    fields.reserveCapacity(request.headers.fields.count + 5)
    var hasHost = false
    var givenPayloadHash: String?
    for field in request.headers.fields {
      if Self.equalsLowercased(field.name, "authorization") || Self.equalsLowercased(field.name, "x-amz-date")
        || Self.equalsLowercased(field.name, "x-amz-security-token")
      {
        continue
      }
      if Self.equalsLowercased(field.name, "host") { hasHost = true }
      if givenPayloadHash == nil, Self.equalsLowercased(field.name, "x-amz-content-sha256") { givenPayloadHash = field.value }
      fields.append((field.name, field.value))
    }
    if !hasHost, let host = Self.hostHeader(for: request.url) {
      fields.append(("Host", host))
    }
    fields.append(("X-Amz-Date", timestamp.amzDate))
    if let token = credentials.sessionToken {
      fields.append(("X-Amz-Security-Token", token))
    }
    let payloadHash: String
    if let givenPayloadHash {
      payloadHash = givenPayloadHash
    } else {
      payloadHash = SHA256.hexHash(request.body)
      if options.addContentSHA256Header {
        fields.append(("x-amz-content-sha256", payloadHash))
      }
    }
    var signed = request
    signed.headers = HTTPHeaders(fields)

    let path = wirePath ?? request.url.path(percentEncoded: true)
    var canonicalBytes: [UInt8] = []
    let signedHeaders = writeCanonicalRequest(
      into: &canonicalBytes, method: request.method, path: path, query: request.url.query(percentEncoded: true),
      headers: signed.headers.fields, payloadHash: payloadHash)
    let scope = "\(timestamp.dateStamp)/\(region)/\(service)/aws4_request"
    let stringToSign = Self.stringToSign(canonicalRequest: canonicalBytes, amzDate: timestamp.amzDate, scope: scope)
    let key = SigningKeyCache.shared.signingKey(
      secret: credentials.secretAccessKey, dateStamp: timestamp.dateStamp, region: region, service: service)
    let signature = Hex.encode(stringToSign.withUnsafeBytes { HMACSHA256.mac(key: key, bytes: $0) })
    let authorization =
      "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyId)/\(scope), SignedHeaders=\(signedHeaders), Signature=\(signature)"
    signed.headers.add("Authorization", authorization)
    return SigV4SigningSteps(
      request: signed, canonicalRequest: String(decoding: canonicalBytes, as: UTF8.self), signedHeaders: signedHeaders,
      stringToSign: String(decoding: stringToSign, as: UTF8.self), credentialScope: scope, signature: signature)
  }

  /// Whether `name` equals `lowercased` (all lower-case ASCII) ignoring ASCII case, without allocating.
  static func equalsLowercased(_ name: String, _ lowercased: StaticString) -> Bool {
    let expected = UnsafeBufferPointer(start: lowercased.utf8Start, count: lowercased.utf8CodeUnitCount)
    guard name.utf8.count == expected.count else { return false }
    return zip(name.utf8, expected).allSatisfy { byte, target in
      byte == target || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") && byte + 32 == target)
    }
  }

  /// The `Host` value for `url`: lower-cased host, with the port unless it is the scheme's default.
  static func hostHeader(for url: URL) -> String? {
    guard var host = url.host(percentEncoded: true)?.lowercased() else { return nil }
    if host.utf8.contains(UInt8(ascii: ":")) && host.utf8.first != UInt8(ascii: "[") { host = "[\(host)]" }
    if let port = url.port {
      let scheme = url.scheme?.lowercased()
      let isDefault = (scheme == "http" && port == 80) || (scheme == "https" && port == 443)
      if !isDefault { host += ":\(port)" }
    }
    return host
  }
}
