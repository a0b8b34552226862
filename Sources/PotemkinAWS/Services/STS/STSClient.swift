import Foundation

/// Typed STS operations (AWS Query protocol, API version 2011-06-15).
public struct STSClient: Sendable {
  /// The API version sent with every request.
  static let apiVersion = "2011-06-15"

  /// The client that signs and sends the requests.
  public let client: AWSClient

  /// Creates an STS client over `client`.
  public init(client: AWSClient) {
    self.client = client
  }

  /// Returns the account, ARN and user id of the client's credentials.
  public func getCallerIdentity() async throws -> CallerIdentity {
    let result = try await client.query(
      .sts, QueryParameters(action: "GetCallerIdentity", version: Self.apiVersion), action: "GetCallerIdentity")
    return STSDecoding.callerIdentity(result)
  }

  /// Assumes a role with the client's credentials.
  /// - Parameters:
  ///   - serialNumber: The MFA device, with `tokenCode`, when the role's trust policy requires MFA.
  public func assumeRole(
    roleArn: String, roleSessionName: String, externalId: String? = nil, durationSeconds: Int? = nil,
    serialNumber: String? = nil, tokenCode: String? = nil
  ) async throws -> AssumedRole {
    var query = QueryParameters(action: "AssumeRole", version: Self.apiVersion)
    query.set("RoleArn", roleArn)
    query.set("RoleSessionName", roleSessionName)
    query.set("ExternalId", externalId)
    query.set("DurationSeconds", durationSeconds)
    query.set("SerialNumber", serialNumber)
    query.set("TokenCode", tokenCode)
    return try STSDecoding.assumedRole(
      try await client.query(.sts, query, action: "AssumeRole"), operation: "AssumeRole")
  }

  /// Exchanges an OIDC token for role credentials (an unsigned call: the token is the proof).
  public func assumeRoleWithWebIdentity(
    roleArn: String, roleSessionName: String, webIdentityToken: String, durationSeconds: Int? = nil,
    providerId: String? = nil
  ) async throws -> AssumedRole {
    var query = QueryParameters(action: "AssumeRoleWithWebIdentity", version: Self.apiVersion)
    query.set("RoleArn", roleArn)
    query.set("RoleSessionName", roleSessionName)
    query.set("WebIdentityToken", webIdentityToken)
    query.set("DurationSeconds", durationSeconds)
    query.set("ProviderId", providerId)
    return try STSDecoding.assumedRole(
      try await client.query(.sts, query, action: "AssumeRoleWithWebIdentity", signed: false),
      operation: "AssumeRoleWithWebIdentity")
  }
}
