import Foundation
import Testing

@testable import PotemkinAWS

@Suite("SSO credentials")
struct SSOCredentialTests {
  let transport = CurlTransport.shared

  @Test("SHA-1 through OpenSSL EVP matches the known vector")
  func sha1() {
    #expect(SHA1.hex("abc") == "a9993e364706816aba3e25717850c26c9cd0d89d")
  }

  private func writeToken(_ home: TemporaryHome, key: String, token: String, expiresIn: TimeInterval) throws {
    let expires = ISO8601DateFormatter().string(from: Date().addingTimeInterval(expiresIn))
    try home.write(
      ".aws/sso/cache/\(SHA1.hex(key)).json",
      #"{"accessToken": "\#(token)", "expiresAt": "\#(expires)", "region": "us-east-1", "startUrl": "https://corp.awsapps.com/start"}"#)
  }

  @Test(
    "sso-session and legacy profiles read the cached token and call GetRoleCredentials",
    arguments: [
      ("[profile dev]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Admin\n[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n", "corp"),
      ("[profile dev]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 111122223333\nsso_role_name = Admin\n", "https://corp.awsapps.com/start"),
    ])
  func sso(config: String, cacheKey: String) async throws {
    let home = try TemporaryHome()
    defer { home.remove() }
    let server = try await MetadataServer.start(["--sso-token", "cached-token"])
    defer { server.stop() }
    try home.config(config)
    try writeToken(home, key: cacheKey, token: "cached-token", expiresIn: 3600)
    var environment = home.environment
    environment["AWS_ENDPOINT_URL_SSO"] = server.baseURL
    let provider = ProfileCredentialProvider(profile: "dev", environment: environment, transport: transport)
    let credentials = try await provider.credentials()
    #expect(credentials.accessKeyId.hasPrefix("ASIASSO"))
    #expect(credentials.sessionToken == "sso-session-111122223333-Admin")
    #expect(try #require(credentials.expiration) > Date().addingTimeInterval(3000))
  }

  @Test("An expired or missing cached token says to run aws sso login; a refused token too")
  func expired() async throws {
    let home = try TemporaryHome()
    defer { home.remove() }
    let server = try await MetadataServer.start(["--sso-token", "other"])
    defer { server.stop() }
    try home.config(
      "[profile dev]\nsso_session = corp\nsso_account_id = 1\nsso_role_name = R\n[sso-session corp]\nsso_start_url = https://x/start\nsso_region = eu-west-1\n")
    var environment = home.environment
    environment["AWS_ENDPOINT_URL_SSO"] = server.baseURL
    let provider = ProfileCredentialProvider(profile: "dev", environment: environment, transport: transport)

    let missing = try await #require(throws: CredentialError.self) { try await provider.credentials() }
    #expect(missing.description.contains("no cached SSO token"))
    #expect(missing.description.contains("run `aws sso login --profile dev`"))

    try writeToken(home, key: "corp", token: "cached-token", expiresIn: -60)
    let expired = try await #require(throws: CredentialError.self) { try await provider.credentials() }
    #expect(expired.description.contains("the SSO token expired at"))
    #expect(expired.description.contains("run `aws sso login --profile dev`"))

    try writeToken(home, key: "corp", token: "cached-token", expiresIn: 600)
    let refused = try await #require(throws: CredentialError.self) { try await provider.credentials() }
    #expect(refused.description.contains("refused the cached token (HTTP 401)"))
    #expect(!refused.description.contains("cached-token"))
  }

  @Test("An sso-session token near expiry is renewed with its refresh token and the cache file rewritten")
  func refresh() async throws {
    let home = try TemporaryHome()
    defer { home.remove() }
    let server = try await MetadataServer.start(["--sso-token", "renewed-token", "--sso-refresh-token", "refresh-1"])
    defer { server.stop() }
    try home.config(
      "[profile dev]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Admin\n[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n")
    let expired = ISO8601DateFormatter().string(from: Date().addingTimeInterval(-60))
    let registration = ISO8601DateFormatter().string(from: Date().addingTimeInterval(86400))
    let cache = try home.write(
      ".aws/sso/cache/\(SHA1.hex("corp")).json",
      #"{"accessToken": "old-token", "expiresAt": "\#(expired)", "refreshToken": "refresh-1", "clientId": "cid", "clientSecret": "csecret", "registrationExpiresAt": "\#(registration)"}"#)
    var environment = home.environment
    environment["AWS_ENDPOINT_URL_SSO"] = server.baseURL
    environment["AWS_ENDPOINT_URL_SSO_OIDC"] = server.baseURL
    let credentials = try await ProfileCredentialProvider(profile: "dev", environment: environment, transport: transport).credentials()
    #expect(credentials.accessKeyId.hasPrefix("ASIASSO"))
    let rewritten = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: cache))) as? [String: Any])
    #expect(rewritten["accessToken"] as? String == "renewed-token")
    #expect(rewritten["refreshToken"] as? String == "rotated-refresh-token")
    let expiresAt = try #require(AWSDateParser.parse(rewritten["expiresAt"] as? String ?? ""))
    #expect(expiresAt > Date().addingTimeInterval(28000))
    #expect(try await server.stats(transport: transport).counts["POST /token"] == 1)
  }
}
