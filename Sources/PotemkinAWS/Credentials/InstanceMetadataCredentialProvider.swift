import Foundation

/// Credentials of the EC2 instance's IAM role, from the instance metadata service (IMDSv2).
///
/// Gets a session token (`PUT /latest/api/token`), then the role name and its credentials
/// with the `X-aws-ec2-metadata-token` header. The endpoint is `AWS_EC2_METADATA_SERVICE_ENDPOINT`
/// or `http://169.254.169.254` (`http://[fd00:ec2::254]` when
/// `AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE=IPv6`); `AWS_EC2_METADATA_DISABLED=true` turns it off.
/// Timeouts are short (1 s, one attempt) so a machine without metadata does not hang.
public struct InstanceMetadataCredentialProvider: CredentialProvider, CustomStringConvertible {
  /// The environment read (injectable for tests).
  public var environment: [String: String]
  /// The transport used for the metadata service.
  public var transport: any HTTPTransport
  /// The limit for each request.
  public var timeout: Duration

  /// Creates a provider.
  public init(environment: [String: String], transport: any HTTPTransport = CurlTransport.shared, timeout: Duration = .seconds(1)) {
    self.environment = environment
    self.transport = transport
    self.timeout = timeout
  }

  /// The base URL of the metadata service.
  public var endpoint: String {
    if let value = environment["AWS_EC2_METADATA_SERVICE_ENDPOINT"], !value.isEmpty {
      return value.hasSuffix("/") ? String(value.dropLast()) : value
    }
    if environment["AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE"]?.lowercased() == "ipv6" { return "http://[fd00:ec2::254]" }
    return "http://169.254.169.254"
  }

  public func credentials() async throws -> AWSCredentials {
    if environment["AWS_EC2_METADATA_DISABLED"]?.lowercased() == "true" {
      throw CredentialError.notConfigured(description, "AWS_EC2_METADATA_DISABLED=true")
    }
    let base = endpoint
    let token = try await sessionToken(base)
    let rolePath = "/latest/meta-data/iam/security-credentials/"
    let roleResponse = try await get(base + rolePath, token: token)
    if roleResponse.status == 404 {
      throw CredentialError.notConfigured(description, "the instance at \(base) has no IAM role (instance profile) attached")
    }
    try check(roleResponse, base + rolePath)
    let body = String(decoding: roleResponse.body, as: UTF8.self)
    guard let role = body.split(whereSeparator: \.isNewline).first.map({ $0.trimmingCharacters(in: .whitespaces) }),
      !role.isEmpty
    else {
      throw CredentialError.notConfigured(description, "the instance at \(base) lists no IAM role")
    }
    let credentialsURL = base + rolePath + role
    let response = try await get(credentialsURL, token: token)
    try check(response, credentialsURL)
    return try CredentialDocument.decode(response.body, source: description, what: "the credentials of role \(role)")
  }

  private func sessionToken(_ base: String) async throws -> String? {
    let request = HTTPRequest(
      method: "PUT", url: try url(base + "/latest/api/token"),
      headers: ["X-aws-ec2-metadata-token-ttl-seconds": "21600"])
    let response: HTTPResponse
    do {
      response = try await transport.send(request, timeout: timeout)
    } catch {
      if error is CancellationError { throw error }
      throw CredentialError.notConfigured(description, "no instance metadata service answered at \(base) (not on EC2?): \(error)")
    }
    if response.status == 200 {
      return String(decoding: response.body, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
    // IMDSv1 fallback, as botocore does, unless v1 is disabled.
    if [403, 404, 405].contains(response.status),
      environment["AWS_EC2_METADATA_V1_DISABLED"]?.lowercased() != "true"
    {
      return nil
    }
    throw CredentialError.failed(description, "the IMDSv2 token request to \(base) failed with HTTP \(response.status)")
  }

  private func get(_ address: String, token: String?) async throws -> HTTPResponse {
    var request = HTTPRequest(method: "GET", url: try url(address))
    if let token { request.headers["X-aws-ec2-metadata-token"] = token }
    do {
      return try await transport.send(request, timeout: timeout)
    } catch {
      if error is CancellationError { throw error }
      throw CredentialError.failed(description, "no answer from \(address): \(error)")
    }
  }

  private func check(_ response: HTTPResponse, _ address: String) throws {
    guard response.status == 200 else {
      let hint = response.status == 401 ? " (the IMDSv2 session token was refused)" : ""
      throw CredentialError.failed(description, "HTTP \(response.status) from \(address)\(hint)")
    }
  }

  private func url(_ address: String) throws -> URL {
    guard let url = URL(string: address) else {
      throw CredentialError.failed(description, "the metadata endpoint \(address) is not a URL (check AWS_EC2_METADATA_SERVICE_ENDPOINT)")
    }
    return url
  }

  public var description: String { "instance metadata" }
}
