import Foundation

/// Credentials of an IAM Identity Center (SSO) permission set, for a profile set up by `aws configure sso`.
///
/// Reads the access token `aws sso login` cached in `~/.aws/sso/cache/<sha1>.json` (SHA-1 of
/// the `sso_session` name, or of the start URL for legacy profiles), then calls the portal's
/// GetRoleCredentials (`GET /federation/credentials`, header `x-amz-sso_bearer_token`, unsigned).
/// With an `sso_session`, a token near expiry is renewed with its refresh token (SSO OIDC);
/// an expired token that cannot be renewed gives an error telling to run `aws sso login`.
public struct SSOCredentialProvider: CredentialProvider, CustomStringConvertible {
  /// The profile that configured SSO (for the `aws sso login --profile` hint).
  public var profileName: String
  /// The `sso_session` name, or `nil` for a legacy profile with `sso_start_url` in the profile.
  public var sessionName: String?
  /// The IAM Identity Center start URL.
  public var startURL: String
  /// The region of IAM Identity Center (`sso_region`).
  public var ssoRegion: String
  /// The account to get credentials for.
  public var accountId: String
  /// The permission set (role) name.
  public var roleName: String
  /// The environment (for `HOME` and `AWS_ENDPOINT_URL_SSO`).
  public var environment: [String: String]
  /// The transport used for the portal call.
  public var transport: any HTTPTransport
  /// The clock used to check the token's expiry.
  public var now: @Sendable () -> Date

  /// Creates a provider.
  public init(
    profileName: String, sessionName: String?, startURL: String, ssoRegion: String, accountId: String,
    roleName: String, environment: [String: String], transport: any HTTPTransport = CurlTransport.shared,
    now: @escaping @Sendable () -> Date = { Date() }
  ) {
    self.profileName = profileName
    self.sessionName = sessionName
    self.startURL = startURL
    self.ssoRegion = ssoRegion
    self.accountId = accountId
    self.roleName = roleName
    self.environment = environment
    self.transport = transport
    self.now = now
  }

  /// The path of the cached token file.
  public var cacheFile: String {
    let home = SharedConfig.homeDirectory(environment: environment)
    return "\(home)/.aws/sso/cache/\(SHA1.hex(sessionName ?? startURL)).json"
  }

  private var loginHint: String { "run `aws sso login --profile \(profileName)`" }

  func cachedToken() async throws -> String {
    try await SSOTokenCache(
      path: cacheFile, canRefresh: sessionName != nil, ssoRegion: ssoRegion, environment: environment,
      transport: transport, now: now, source: description, loginHint: loginHint
    ).accessToken()
  }

  public func credentials() async throws -> AWSCredentials {
    let token = try await cachedToken()
    let base: URL
    do {
      base = try EndpointResolver(environment: environment, profile: profileName).resolve(.ssoPortal, region: ssoRegion).url
    } catch {
      throw CredentialError.failed(description, "\(error)")
    }
    var components = URLComponents(url: base.appendingPathComponent("federation/credentials"), resolvingAgainstBaseURL: false)!
    components.queryItems = [URLQueryItem(name: "account_id", value: accountId), URLQueryItem(name: "role_name", value: roleName)]
    let request = HTTPRequest(
      method: "GET", url: components.url!, headers: ["x-amz-sso_bearer_token": token, "Accept": "application/json"])
    let response: HTTPResponse
    do {
      response = try await transport.send(request, timeout: .seconds(10))
    } catch {
      if error is CancellationError { throw error }
      throw CredentialError.failed(description, "GetRoleCredentials at \(base) failed: \(error)")
    }
    if response.status == 401 || response.status == 403 {
      throw CredentialError.failed(
        description, "the SSO portal refused the cached token (HTTP \(response.status)); \(loginHint)")
    }
    guard response.status == 200 else {
      let body = String(decoding: response.body.prefix(300), as: UTF8.self)
      throw CredentialError.failed(
        description, "GetRoleCredentials for account \(accountId) role \(roleName) failed with HTTP \(response.status): \(body)")
    }
    guard let json = (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any],
      let role = json["roleCredentials"] as? [String: Any],
      let keyId = role["accessKeyId"] as? String, let secret = role["secretAccessKey"] as? String
    else {
      throw CredentialError.failed(description, "GetRoleCredentials returned no roleCredentials (\(response.body.count) bytes)")
    }
    let expiration = (role["expiration"] as? NSNumber).map { Date(timeIntervalSince1970: $0.doubleValue / 1000) }
    return AWSCredentials(
      accessKeyId: keyId, secretAccessKey: secret, sessionToken: role["sessionToken"] as? String, expiration: expiration)
  }

  public var description: String { "SSO of profile \(profileName)" }
}
