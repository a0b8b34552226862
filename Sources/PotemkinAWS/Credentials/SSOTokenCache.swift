import Foundation

/// The access token `aws sso login` caches in `~/.aws/sso/cache/<sha1>.json`, refreshed when it can be.
///
/// For `sso_session` profiles, a token that expires within the refresh window is renewed
/// with its `refreshToken` through SSO OIDC CreateToken (`POST https://oidc.<region>.amazonaws.com/token`,
/// or `AWS_ENDPOINT_URL_SSO_OIDC`), and the file is rewritten, as the AWS CLI does.
/// Legacy profiles (start URL in the profile) cannot refresh.
struct SSOTokenCache {
  let path: String
  let canRefresh: Bool
  let ssoRegion: String
  let environment: [String: String]
  let transport: any HTTPTransport
  let now: @Sendable () -> Date
  let source: String
  let loginHint: String
  /// Refresh when less than this remains (botocore uses 15 minutes).
  var refreshWindow: TimeInterval = 15 * 60

  func accessToken() async throws -> String {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw CredentialError.failed(source, "no cached SSO token at \(path); \(loginHint)")
    }
    guard var json = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
      let token = json["accessToken"] as? String, !token.isEmpty
    else {
      throw CredentialError.failed(source, "the SSO token cache \(path) has no accessToken; \(loginHint)")
    }
    guard let expiresText = json["expiresAt"] as? String, let expiresAt = AWSDateParser.parse(expiresText) else {
      throw CredentialError.failed(source, "the SSO token cache \(path) has no valid expiresAt; \(loginHint)")
    }
    let remaining = expiresAt.timeIntervalSince(now())
    if remaining < refreshWindow, canRefresh, let refreshed = try? await refresh(&json) {
      return refreshed
    }
    guard remaining > 0 else {
      throw CredentialError.failed(source, "the SSO token expired at \(AWSDateParser.format(expiresAt)); \(loginHint)")
    }
    return token
  }

  /// Renews the token with its refresh token and rewrites the cache file; `nil` when the cache has no refresh data.
  private func refresh(_ json: inout [String: Any]) async throws -> String? {
    guard let refreshToken = json["refreshToken"] as? String, let clientId = json["clientId"] as? String,
      let clientSecret = json["clientSecret"] as? String
    else { return nil }
    if let text = json["registrationExpiresAt"] as? String, let date = AWSDateParser.parse(text), date <= now() {
      return nil
    }
    let body = try JSONSerialization.data(withJSONObject: [
      "grantType": "refresh_token", "clientId": clientId, "clientSecret": clientSecret, "refreshToken": refreshToken,
    ])
    let request = HTTPRequest(
      method: "POST", url: try endpoint().appendingPathComponent("token"),
      headers: ["Content-Type": "application/json", "Accept": "application/json"], body: body)
    let response = try await transport.send(request, timeout: .seconds(10))
    guard response.status == 200,
      let answer = (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any],
      let accessToken = answer["accessToken"] as? String, let expiresIn = (answer["expiresIn"] as? NSNumber)?.doubleValue
    else { return nil }
    json["accessToken"] = accessToken
    json["expiresAt"] = AWSDateParser.format(now().addingTimeInterval(expiresIn))
    if let rotated = answer["refreshToken"] as? String { json["refreshToken"] = rotated }
    let updated = try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys])
    try? updated.write(to: URL(fileURLWithPath: path), options: .atomic)
    return accessToken
  }

  private func endpoint() throws -> URL {
    let ignore = environment["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"]?.lowercased() == "true"
    for key in ["AWS_ENDPOINT_URL_SSO_OIDC", "AWS_ENDPOINT_URL"] where !ignore {
      if let value = environment[key], !value.isEmpty, let url = URL(string: value) { return url }
    }
    let partition = AWSPartition.of(region: ssoRegion)
    return URL(string: "https://oidc.\(ssoRegion).\(partition.dnsSuffix)")!
  }
}
