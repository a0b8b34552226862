import Foundation

/// Typed S3 operations (REST-XML): the bucket and object calls the engine needs.
///
/// Buckets are addressed path-style (`endpoint/bucket/key`) when the endpoint is custom
/// (a local backend) or the bucket name has dots, and virtual-hosted otherwise.
public struct S3Client: Sendable {
  /// The client that signs and sends the requests.
  public let client: AWSClient

  /// Creates an S3 client over `client`.
  public init(client: AWSClient) {
    self.client = client
  }

  /// Creates a bucket in the client's region (with a `LocationConstraint` outside us-east-1).
  ///
  /// Idempotent, as S3 is in us-east-1: a bucket this account already owns counts as created.
  /// - Throws: `AWSError` `BucketAlreadyExists` when another account has the name.
  public func createBucket(_ bucket: String) async throws {
    let body = Self.createBucketBody(region: client.region.name)
    var headers = HTTPHeaders()
    if !body.isEmpty { headers.add("Content-Type", "application/xml") }
    let request = HTTPRequest(method: "PUT", url: client.s3URL(bucket: bucket), headers: headers, body: body)
    do {
      _ = try await client.send(request, service: .s3, operation: "CreateBucket")
    } catch let error as AWSError where error.code == "BucketAlreadyOwnedByYou" {
      // Already ours: S3 says so outside us-east-1, e.g. when a retry follows an attempt whose reply was lost.
    }
  }

  /// The CreateBucket body for `region`: empty for us-east-1, a `CreateBucketConfiguration` otherwise.
  static func createBucketBody(region: String) -> Data {
    guard region != "us-east-1" else { return Data() }
    return Data(
      ("<CreateBucketConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
        + "<LocationConstraint>\(XMLEscape.text(region))</LocationConstraint></CreateBucketConfiguration>").utf8)
  }

  /// Checks that a bucket exists and is accessible, and returns its region when S3 says.
  /// - Throws: `AWSError` `NotFound` (404) or `Forbidden` (403).
  @discardableResult
  public func headBucket(_ bucket: String) async throws -> String? {
    let request = HTTPRequest(method: "HEAD", url: client.s3URL(bucket: bucket))
    let response = try await client.send(request, service: .s3, operation: "HeadBucket")
    return response.headers["x-amz-bucket-region"]
  }

  /// Stores an object and returns its ETag.
  @discardableResult
  public func putObject(
    bucket: String, key: String, body: Data, contentType: String? = nil
  ) async throws -> String? {
    var headers = HTTPHeaders()
    if let contentType { headers.add("Content-Type", contentType) }
    let request = HTTPRequest(method: "PUT", url: client.s3URL(bucket: bucket, key: key), headers: headers, body: body)
    let response = try await client.send(request, service: .s3, operation: "PutObject")
    return response.headers["ETag"]
  }

  /// Deletes an object (succeeds also when it does not exist).
  public func deleteObject(bucket: String, key: String) async throws {
    let request = HTTPRequest(method: "DELETE", url: client.s3URL(bucket: bucket, key: key))
    _ = try await client.send(request, service: .s3, operation: "DeleteObject")
  }

  /// Deletes an empty bucket.
  /// - Throws: `AWSError` `BucketNotEmpty` or `NoSuchBucket`.
  public func deleteBucket(_ bucket: String) async throws {
    let request = HTTPRequest(method: "DELETE", url: client.s3URL(bucket: bucket))
    _ = try await client.send(request, service: .s3, operation: "DeleteBucket")
  }
}

/// Escaping of text in XML request bodies.
enum XMLEscape {
  /// Replaces `&`, `<`, `>`, `"` and `'` with entities.
  static func text(_ value: String) -> String {
    value.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
      .replacingOccurrences(of: "'", with: "&apos;")
  }
}
