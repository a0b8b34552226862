import Foundation
import PotemkinAWS
import Synchronization

/// The per-account, per-region S3 bucket that holds templates too large for TemplateBody.
enum StagingBucket {
  /// The most bytes CloudFormation accepts in TemplateBody.
  static let templateBodyLimit = 51_200

  private static let ensured = Mutex<Set<String>>([])

  /// `potemkin-staging-<account>-<region>`.
  static func name(account: String, region: String) -> String {
    "potemkin-staging-\(account)-\(region)"
  }

  /// Uploads `body` for `stackName` (creating the bucket on first use) and returns where it is.
  static func stage(_ body: String, stackName: String, connection: AWSConnection) async throws -> StagedTemplate {
    let account = try await connection.accountId()
    let bucket = name(account: account, region: connection.region)
    try await ensureBucket(bucket, connection: connection)
    let key = "\(stackName)/template-\(StableHash.hex(body).prefix(16)).yaml"
    let s3 = connection.s3
    let data = Data(body.utf8)
    try await AWSRetry.call {
      try await s3.putObject(bucket: bucket, key: key, body: data, contentType: "text/plain")
    }
    return StagedTemplate(bucket: bucket, key: key, url: templateURL(bucket: bucket, key: key, connection: connection))
  }

  /// Removes a staged template; a missing object is fine.
  static func remove(_ staged: StagedTemplate, connection: AWSConnection) async throws {
    let s3 = connection.s3
    try await AWSRetry.call { try await s3.deleteObject(bucket: staged.bucket, key: staged.key) }
  }

  private static func ensureBucket(_ bucket: String, connection: AWSConnection) async throws {
    if ensured.withLock({ $0.contains(bucket) }) { return }
    let s3 = connection.s3
    do {
      try await AWSRetry.call { try await s3.headBucket(bucket) }
    } catch let error as AWSError where error.httpStatus == 404 || error.code == "NoSuchBucket" || error.code == "NotFound" {
      do {
        try await AWSRetry.call { try await s3.createBucket(bucket) }
      } catch let error as AWSError where error.code == "BucketAlreadyOwnedByYou" {
        // Created concurrently by another process of ours.
      }
      ProgressReporter.note("created the template staging bucket \(bucket) in \(connection.region)")
      do {
        try await tag(bucket, connection: connection)
      } catch {
        ProgressReporter.note("could not tag the staging bucket \(bucket): \(error)")
      }
    }
    _ = ensured.withLock { $0.insert(bucket) }
  }

  /// Tags the bucket (PutBucketTagging) so it can be found and attributed: `potemkin:purpose`, `potemkin:owner`,
  /// `potemkin:created-at`.
  static func tag(_ bucket: String, connection: AWSConnection) async throws {
    let tags = [
      ("potemkin:purpose", "template-staging"), ("potemkin:owner", Owner.current()),
      ("potemkin:created-at", ISO8601DateFormatter().string(from: Date())),
    ]
    let tagSet = tags.map { "<Tag><Key>\(escape($0.0))</Key><Value>\(escape($0.1))</Value></Tag>" }.joined()
    let body = Data(
      "<Tagging xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><TagSet>\(tagSet)</TagSet></Tagging>".utf8)
    let endpoint = connection.client.endpoint(for: .s3)
    guard var components = URLComponents(url: endpoint.url, resolvingAgainstBaseURL: false) else { return }
    let base = components.path.hasSuffix("/") ? String(components.path.dropLast()) : components.path
    if endpoint.isCustom {
      components.path = "\(base)/\(bucket)"
    } else {
      components.host = "\(bucket).\(components.host ?? "")"
      components.path = base + "/"
    }
    components.percentEncodedQuery = "tagging"
    guard let url = components.url else { return }
    // S3 requires an integrity checksum on PutBucketTagging; SHA-256 stands in for Content-MD5.
    let checksum = Data(SHA256.hash(body)).base64EncodedString()
    let request = HTTPRequest(
      method: "PUT", url: url,
      headers: HTTPHeaders([
        ("Content-Type", "application/xml"), ("x-amz-sdk-checksum-algorithm", "SHA256"),
        ("x-amz-checksum-sha256", checksum),
      ]),
      body: body)
    let client = connection.client
    try await AWSRetry.call { try await client.send(request, service: .s3, operation: "PutBucketTagging") }
  }

  private static func escape(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;")
  }

  /// The TemplateURL for an object: path-style on the regional S3 host.
  ///
  /// For a custom endpoint on this machine (the local backend) the URL names `localhost`, which moto-based
  /// backends map to their own S3; any other custom endpoint gets the path-style URL on that endpoint.
  static func templateURL(bucket: String, key: String, connection: AWSConnection) -> URL {
    let endpoint = connection.client.endpoint(for: .s3)
    let path = "/\(bucket)/\(key)"
    if endpoint.isCustom, var components = URLComponents(url: endpoint.url, resolvingAgainstBaseURL: false) {
      if components.host == "127.0.0.1" || components.host == "::1" { components.host = "localhost" }
      components.path = path
      return components.url!
    }
    return URL(string: "https://s3.\(connection.region).amazonaws.com\(path)")!
  }
}
