import Foundation
import Testing

@testable import PotemkinAWS

@Suite("Shared config files")
struct SharedConfigTests {
  @Test("Parses profiles, sso-session and nested services sections, comments and continuations")
  func parsesAllSectionKinds() throws {
    let home = try TemporaryHome()
    defer { home.remove() }
    try home.config(
      """
      # leading comment
      [default]
      region = us-west-2
      ; another comment
      Output: json

      [profile dev]
      region=eu-west-1
      services = local
      role_arn = arn:aws:iam::123456789012:role/dev
      source_profile = default

      [sso-session corp]
      sso_start_url = https://corp.awsapps.com/start
      sso_region = us-east-1

      [services local]
      s3 =
        endpoint_url = http://127.0.0.1:4566
      sts =
        endpoint_url = http://127.0.0.1:5000

      [plugins]
      cli_legacy_plugin_path = /x

      [profile multi]
      note = first
        second line
      """)
    try home.credentials(
      """
      [default]
      aws_access_key_id = AKIADEFAULT000000001
      aws_secret_access_key = secret-default
      [dev]
      region = ap-south-1
      """)
    let config = try SharedConfig.load(environment: home.environment)
    #expect(config.profileNames == ["default", "dev", "multi"])
    #expect(config.profile("default")?["output"] == "json")
    #expect(config.profile("default")?["aws_access_key_id"] == "AKIADEFAULT000000001")
    // The credentials file wins for keys both files set.
    #expect(config.profile("dev")?["region"] == "ap-south-1")
    #expect(config.ssoSessions["corp"]?["sso_region"] == "us-east-1")
    #expect(config.services["local"]?["s3"]?["endpoint_url"] == "http://127.0.0.1:4566")
    #expect(config.services["local"]?["sts"]?["endpoint_url"] == "http://127.0.0.1:5000")
    #expect(config.profile("multi")?["note"] == "first\nsecond line")
    #expect(config.profile("plugins") == nil)
  }

  @Test("AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE move the files; ~ expands with HOME")
  func fileLocationsFromEnvironment() throws {
    let home = try TemporaryHome()
    defer { home.remove() }
    try home.write("elsewhere/conf", "[profile x]\nregion = eu-north-1\n")
    try home.write("elsewhere/creds", "[y]\naws_access_key_id = A\naws_secret_access_key = B\n")
    var environment = home.environment
    environment["AWS_CONFIG_FILE"] = "~/elsewhere/conf"
    environment["AWS_SHARED_CREDENTIALS_FILE"] = home.path + "/elsewhere/creds"
    let config = try SharedConfig.load(environment: environment)
    #expect(config.configPath == home.path + "/elsewhere/conf")
    #expect(config.profileNames == ["x", "y"])
  }

  @Test("Missing files count as empty")
  func missingFiles() throws {
    let home = try TemporaryHome()
    defer { home.remove() }
    let config = try SharedConfig.load(environment: home.environment)
    #expect(config.profileNames.isEmpty)
    #expect(config.missingProfileReason("dev").contains("neither file exists or has profiles"))
  }

  @Test(
    "Malformed files give an error naming the file and line",
    arguments: [
      ("region = us-east-1\n", 1, "before any [section]"),
      ("[default]\nregion us-east-1\n", 2, "is not `key = value`"),
      ("[default\nregion = x\n", 1, "no closing ]"),
      ("[default]\n\n[]\n", 3, "empty section name"),
    ])
  func malformed(text: String, line: Int, reason: String) throws {
    let home = try TemporaryHome()
    defer { home.remove() }
    try home.config(text)
    let error = try #require(throws: ConfigurationError.self) { try SharedConfig.load(environment: home.environment) }
    #expect(error.description.contains("\(home.path)/.aws/config, line \(line)"))
    #expect(error.description.contains(reason))
  }

  @Test("Profile selection: explicit, AWS_PROFILE, AWS_DEFAULT_PROFILE, default")
  func profileSelection() {
    #expect(ProfileSelection(explicit: "a", environment: ["AWS_PROFILE": "b"]).name == "a")
    #expect(ProfileSelection(explicit: nil, environment: ["AWS_PROFILE": "b", "AWS_DEFAULT_PROFILE": "c"]).description == "AWS_PROFILE=b")
    #expect(ProfileSelection(explicit: nil, environment: ["AWS_DEFAULT_PROFILE": "c"]).name == "c")
    let fallback = ProfileSelection(explicit: nil, environment: [:])
    #expect(fallback.name == "default")
    #expect(!fallback.isRequested)
  }
}
