import Foundation
@testable import PotemkinAWS

/// Clients pointed at a test server.
enum IntegrationClients {
  /// Credentials moto accepts while it does not check signatures.
  static let testing = AWSCredentials(accessKeyId: "AKIAPOTEMKINTESTING1", secretAccessKey: "testing-secret")

  /// A client for `server` in `region` with `credentials`, configured only through injected values.
  static func client(
    _ server: TestServer, region: String = "us-east-1", credentials: AWSCredentials = testing,
    retryPolicy: RetryPolicy = .standard
  ) throws -> AWSClient {
    try AWSClient(
      configuration: .init(
        credentialProvider: StaticCredentialProvider(credentials), retryPolicy: retryPolicy,
        requestTimeout: .seconds(30),
        environment: ["AWS_REGION": region, "AWS_ENDPOINT_URL": server.endpoint.absoluteString]))
  }

  /// A unique lower-case name with `prefix`, valid for buckets and stacks.
  static func uniqueName(_ prefix: String) -> String {
    "\(prefix)-\(UUID().uuidString.lowercased().prefix(12))"
  }
}
