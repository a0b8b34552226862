import Foundation
import Testing
@testable import PotemkinAWS

@Suite("AWS client configuration")
struct AWSClientConfigurationTests {
  static let credentials = StaticCredentialProvider(AWSCredentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "x"))

  @Test("S3 uses path-style URLs for a custom endpoint")
  func pathStyle() throws {
    let client = try AWSClient(
      configuration: .init(
        credentialProvider: Self.credentials,
        environment: ["AWS_REGION": "eu-west-1", "AWS_ENDPOINT_URL": "http://127.0.0.1:4566"]))
    #expect(client.endpoint(for: .s3).isCustom)
    #expect(client.s3URL(bucket: "my-bucket").absoluteString == "http://127.0.0.1:4566/my-bucket")
    #expect(
      client.s3URL(bucket: "my-bucket", key: "dir/a b+c.txt").absoluteString
        == "http://127.0.0.1:4566/my-bucket/dir/a%20b%2Bc.txt")
  }

  @Test("S3 uses virtual-hosted URLs for the AWS endpoint, path-style for dotted names")
  func virtualHosted() throws {
    let client = try AWSClient(
      configuration: .init(credentialProvider: Self.credentials, environment: ["AWS_REGION": "eu-west-1"]))
    #expect(!client.endpoint(for: .s3).isCustom)
    #expect(client.s3URL(bucket: "my-bucket").absoluteString == "https://my-bucket.s3.eu-west-1.amazonaws.com/")
    #expect(
      client.s3URL(bucket: "my-bucket", key: "k").absoluteString == "https://my-bucket.s3.eu-west-1.amazonaws.com/k")
    #expect(client.s3URL(bucket: "a.b").absoluteString == "https://s3.eu-west-1.amazonaws.com/a.b")
  }

  @Test("Explicit endpoints win over the environment, per service")
  func explicitEndpoint() throws {
    let client = try AWSClient(
      configuration: .init(
        endpoints: [.configService: URL(string: "http://localhost:9000")!], credentialProvider: Self.credentials,
        environment: ["AWS_REGION": "us-east-1", "AWS_ENDPOINT_URL": "http://127.0.0.1:4566"]))
    #expect(client.endpoint(for: .configService).url.absoluteString == "http://localhost:9000")
    #expect(client.endpoint(for: .cloudFormation).url.absoluteString == "http://127.0.0.1:4566")
    #expect(client.region.name == "us-east-1")
  }

  @Test("No region is a configuration error before any request")
  func noRegion() {
    #expect(throws: ConfigurationError.self) {
      try AWSClient(configuration: .init(credentialProvider: Self.credentials, environment: [:]))
    }
  }

  @Test("An invalid AWS_MAX_ATTEMPTS is a configuration error")
  func invalidRetry() {
    #expect(throws: ConfigurationError.self) {
      try AWSClient(configuration: .init(environment: ["AWS_REGION": "us-east-1", "AWS_MAX_ATTEMPTS": "-1"]))
    }
  }

  @Test("Missing environment credentials say which variables to set")
  func missingCredentials() async throws {
    let provider = EnvironmentCredentialProvider(environment: ["AWS_ACCESS_KEY_ID": "AKID"])
    let error = await #expect(throws: CredentialError.self) { try await provider.credentials() }
    #expect(error?.description.contains("AWS_SECRET_ACCESS_KEY") == true)
    let full = EnvironmentCredentialProvider(
      environment: ["AWS_ACCESS_KEY_ID": "AKID", "AWS_SECRET_ACCESS_KEY": "s", "AWS_SESSION_TOKEN": "t"])
    #expect(try await full.credentials().sessionToken == "t")
  }

  @Test("CreateBucket sends a LocationConstraint only outside us-east-1")
  func createBucketBody() {
    #expect(S3Client.createBucketBody(region: "us-east-1").isEmpty)
    let body = String(decoding: S3Client.createBucketBody(region: "eu-west-1"), as: UTF8.self)
    #expect(body.contains("<LocationConstraint>eu-west-1</LocationConstraint>"))
  }
}
