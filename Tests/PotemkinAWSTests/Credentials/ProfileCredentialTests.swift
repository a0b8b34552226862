import Foundation
import Testing

@testable import PotemkinAWS

@Suite("Profile credentials")
struct ProfileCredentialTests {
  let transport = CurlTransport.shared

  @Test("Static keys from the credentials file win over the config file, with the session token")
  func staticKeys() async throws {
    let home = try TemporaryHome()
    defer { home.remove() }
    try home.config("[profile dev]\naws_access_key_id = AKIACONFIG0000000001\naws_secret_access_key = config-secret\n")
    try home.credentials(
      "[dev]\naws_access_key_id = AKIACREDS00000000001\naws_secret_access_key = creds-secret\naws_session_token = tok\n")
    let provider = ProfileCredentialProvider(profile: "dev", environment: home.environment, transport: transport)
    let credentials = try await provider.credentials()
    #expect(credentials.accessKeyId == "AKIACREDS00000000001")
    #expect(credentials.secretAccessKey == "creds-secret")
    #expect(credentials.sessionToken == "tok")
  }

  @Test("Keys only in the config file are used too")
  func configFileKeys() async throws {
    let home = try TemporaryHome()
    defer { home.remove() }
    try home.config("[default]\naws_access_key_id = AKIACONFIG0000000001\naws_secret_access_key = config-secret\n")
    let credentials = try await ProfileCredentialProvider(environment: home.environment, transport: transport).credentials()
    #expect(credentials.accessKeyId == "AKIACONFIG0000000001")
  }

  @Test("A missing profile is not configured; the reason lists the profiles there")
  func missingProfile() throws {
    let home = try TemporaryHome()
    defer { home.remove() }
    try home.config("[default]\nregion = us-east-1\n[profile prod]\nregion = us-east-1\n")
    var environment = home.environment
    environment["AWS_PROFILE"] = "dev"
    let error = try #require(throws: CredentialError.self) {
      try ProfileCredentialProvider(environment: environment, transport: transport).resolveProvider()
    }
    #expect(error.isNotConfigured)
    #expect(error.description.contains("AWS_PROFILE=dev: no such profile in \(home.path)/.aws/config"))
    #expect(error.description.contains("(profiles there: default, prod)"))
  }

  @Test("A profile without credential settings is not configured")
  func noCredentialSettings() throws {
    let home = try TemporaryHome()
    defer { home.remove() }
    try home.config("[default]\nregion = us-east-1\noutput = json\n")
    let error = try #require(throws: CredentialError.self) {
      try ProfileCredentialProvider(environment: home.environment, transport: transport).resolveProvider()
    }
    #expect(error.isNotConfigured)
    #expect(error.description.contains("has no credential settings (it has: output, region)"))
  }

  @Test(
    "Broken profiles fail with a clear reason",
    arguments: [
      ("[profile a]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = b\n[profile b]\nrole_arn = arn:aws:iam::1:role/b\nsource_profile = a\n",
       "a", "source_profile cycle: a → b → a"),
      ("[profile a]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = b\n[profile b]\nrole_arn = arn:aws:iam::1:role/b\nsource_profile = c\n[profile c]\nrole_arn = arn:aws:iam::1:role/c\nsource_profile = b\n",
       "a", "source_profile cycle: b → c → b"),
      ("[profile a]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = a\n", "a", "names itself as source_profile but has no static keys"),
      ("[profile a]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = ghost\n[profile b]\nregion = x\n",
       "a", "profile a names source_profile ghost, but there is no such profile"),
      ("[profile a]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = b\nmfa_serial = arn:aws:iam::1:mfa/me\n",
       "a", "needs an interactive MFA code, which is not supported"),
      ("[profile a]\nrole_arn = arn:aws:iam::1:role/a\n", "a", "has role_arn but neither source_profile, credential_source nor web_identity_token_file"),
      ("[profile a]\nrole_arn = arn:aws:iam::1:role/a\ncredential_source = Laptop\n", "a", "use Environment, Ec2InstanceMetadata or EcsContainer"),
      ("[profile a]\nrole_arn = arn:aws:iam::1:role/a\ncredential_source = Environment\nsource_profile = b\n", "a", "sets both source_profile and credential_source"),
      ("[profile a]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = b\n[profile b]\nregion = us-east-1\n", "a", "source_profile b of profile a cannot give credentials"),
      ("[profile a]\naws_access_key_id = AKIAONLYKEY000000001\n", "a", "has aws_access_key_id but no aws_secret_access_key"),
      ("[profile a]\nweb_identity_token_file = /tmp/t\n", "a", "web_identity_token_file without role_arn"),
      ("[profile a]\nsso_session = corp\nsso_account_id = 1\nsso_role_name = r\n", "a", "has no [sso-session corp] section"),
      ("[profile a]\nsso_start_url = https://x/start\nsso_account_id = 1\n", "a", "lack sso_region, sso_role_name"),
      ("[profile a]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = b\nduration_seconds = an hour\n[profile b]\naws_access_key_id = A\naws_secret_access_key = B\n", "a", "is not a whole number"),
    ])
  func broken(config: String, profile: String, reason: String) throws {
    let home = try TemporaryHome()
    defer { home.remove() }
    try home.config(config)
    let error = try #require(throws: CredentialError.self) {
      try ProfileCredentialProvider(profile: profile, environment: home.environment, transport: transport).resolveProvider()
    }
    #expect(!error.isNotConfigured)
    #expect(error.description.contains(reason), "\(error)")
  }

  @Test("A malformed config file fails and names the line")
  func malformedFile() async throws {
    let home = try TemporaryHome()
    defer { home.remove() }
    try home.credentials("[default]\naws_access_key_id AKIA\n")
    let error = try await #require(throws: CredentialError.self) {
      try await ProfileCredentialProvider(environment: home.environment, transport: transport).credentials()
    }
    #expect(error.description.contains("\(home.path)/.aws/credentials, line 2"))
  }
}
