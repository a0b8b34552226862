import Foundation
import Testing

@testable import PotemkinAWS

@Suite("Region and endpoint resolution")
struct RegionAndEndpointTests {
  @Test("Region: explicit, then AWS_REGION, AWS_DEFAULT_REGION, then the profile")
  func regionOrder() throws {
    let home = try TemporaryHome()
    defer { home.remove() }
    try home.config("[default]\nregion = eu-west-3\n[profile dev]\nregion = ap-northeast-1\n")
    var environment = home.environment
    #expect(try RegionResolver(environment: environment).resolve().name == "eu-west-3")
    #expect(try RegionResolver(environment: environment, profile: "dev").resolve().name == "ap-northeast-1")
    environment["AWS_PROFILE"] = "dev"
    let fromProfile = try RegionResolver(environment: environment).resolve()
    #expect(fromProfile.name == "ap-northeast-1")
    #expect(fromProfile.source.contains("AWS_PROFILE=dev"))
    environment["AWS_DEFAULT_REGION"] = "us-west-1"
    #expect(try RegionResolver(environment: environment).resolve().name == "us-west-1")
    environment["AWS_REGION"] = "us-east-2"
    #expect(try RegionResolver(environment: environment).resolve().source == "AWS_REGION")
    #expect(try RegionResolver(environment: environment).resolve(explicit: "sa-east-1").name == "sa-east-1")
  }

  @Test("No region: the error lists what was tried, including the missing profile")
  func noRegion() throws {
    let home = try TemporaryHome()
    defer { home.remove() }
    try home.config("[profile prod]\nregion = us-east-1\n")
    var environment = home.environment
    environment["AWS_PROFILE"] = "dev"
    let error = try #require(throws: ConfigurationError.self) { try RegionResolver(environment: environment).resolve() }
    #expect(error.description.contains("AWS_PROFILE=dev: no such profile"))
    #expect(error.description.contains("profiles there: prod"))
    #expect(error.description.contains("export AWS_REGION"))
  }

  @Test(
    "Default endpoints per partition",
    arguments: [
      (AWSServiceID.cloudFormation, "us-east-1", "https://cloudformation.us-east-1.amazonaws.com"),
      (.configService, "eu-west-1", "https://config.eu-west-1.amazonaws.com"),
      (.sts, "cn-north-1", "https://sts.cn-north-1.amazonaws.com.cn"),
      (.s3, "cn-northwest-1", "https://s3.cn-northwest-1.amazonaws.com.cn"),
      (.sts, "us-gov-west-1", "https://sts.us-gov-west-1.amazonaws.com"),
      (.ssoPortal, "eu-central-1", "https://portal.sso.eu-central-1.amazonaws.com"),
      (.sts, "ap-southeast-2", "https://sts.ap-southeast-2.amazonaws.com"),
    ])
  func defaults(service: AWSServiceID, region: String, expected: String) throws {
    let home = try TemporaryHome()
    defer { home.remove() }
    let resolved = try EndpointResolver(environment: home.environment).resolve(service, region: region)
    #expect(resolved.url.absoluteString == expected)
    #expect(!resolved.isCustom)
  }

  @Test("AWS_STS_REGIONAL_ENDPOINTS=legacy uses the global STS endpoint in the aws partition")
  func legacySTS() throws {
    let home = try TemporaryHome()
    defer { home.remove() }
    var environment = home.environment
    environment["AWS_STS_REGIONAL_ENDPOINTS"] = "legacy"
    #expect(try EndpointResolver(environment: environment).resolve(.sts, region: "us-east-1").url.absoluteString == "https://sts.amazonaws.com")
    #expect(try EndpointResolver(environment: environment).resolve(.sts, region: "cn-north-1").url.host == "sts.cn-north-1.amazonaws.com.cn")
  }

  @Test("Configured endpoints: service variable, services section, AWS_ENDPOINT_URL, profile endpoint_url")
  func configuredOrder() throws {
    let home = try TemporaryHome()
    defer { home.remove() }
    try home.config(
      """
      [default]
      endpoint_url = http://127.0.0.1:1111
      services = local
      [services local]
      sts =
        endpoint_url = http://127.0.0.1:2222
      """)
    var environment = home.environment
    let resolver = { EndpointResolver(environment: environment) }
    #expect(try resolver().resolve(.s3, region: "us-east-1").url.absoluteString == "http://127.0.0.1:1111")
    #expect(try resolver().resolve(.sts, region: "us-east-1").url.absoluteString == "http://127.0.0.1:2222")
    environment["AWS_ENDPOINT_URL"] = "http://127.0.0.1:3333"
    #expect(try resolver().resolve(.s3, region: "us-east-1").source == "AWS_ENDPOINT_URL")
    #expect(try resolver().resolve(.sts, region: "us-east-1").url.port == 2222)
    environment["AWS_ENDPOINT_URL_STS"] = "http://127.0.0.1:4444"
    #expect(try resolver().resolve(.sts, region: "us-east-1").url.port == 4444)
    #expect(try resolver().resolve(.sts, region: "us-east-1", explicit: URL(string: "http://x:1")!).source == "explicit")
    environment["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"] = "true"
    let ignored = try resolver().resolve(.sts, region: "us-east-1")
    #expect(ignored.url.absoluteString == "https://sts.us-east-1.amazonaws.com")
    #expect(!ignored.isCustom)
  }

  @Test("A profile's ignore_configured_endpoint_urls ignores its own endpoints")
  func profileIgnore() throws {
    let home = try TemporaryHome()
    defer { home.remove() }
    try home.config("[default]\nendpoint_url = http://127.0.0.1:1111\nignore_configured_endpoint_urls = true\n")
    #expect(try !EndpointResolver(environment: home.environment).resolve(.s3, region: "eu-west-1").isCustom)
  }

  @Test("An endpoint that is not an absolute http(s) URL is an error naming its source")
  func invalidEndpoint() throws {
    let home = try TemporaryHome()
    defer { home.remove() }
    try home.config("[profile dev]\nendpoint_url = localhost:4566\n")
    let error = try #require(throws: ConfigurationError.self) {
      try EndpointResolver(environment: home.environment, profile: "dev").resolve(.s3, region: "us-east-1")
    }
    #expect(error.description.contains("endpoint_url of profile dev"))
  }
}
