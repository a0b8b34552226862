import Foundation
import PotemkinAWS
import Testing

@testable import Potemkin

@Suite("AWS connections")
struct AWSConnectionTests {
  @Test("POTEMKIN_BACKEND=local starts one shared backend with local defaults, and equal settings share a connection")
  func localBackend() async throws {
    let environment = ProcessInfo.processInfo.environment.filter {
      !$0.key.hasPrefix("AWS_") && $0.key != "POTEMKIN_LOCAL_OPTIONS"
    }.merging(["POTEMKIN_BACKEND": "local"]) { $1 }
    async let first = AWSConnection.resolve(environment: environment)
    async let second = AWSConnection.resolve(environment: environment)
    let (a, b) = try await (first, second)
    #expect(a === b)
    #expect(a.region == "us-east-1")
    let backend = try #require(a.localBackend)
    #expect(a.cloudFormationEndpoint == backend.endpoint)
    #expect(a.usesCustomEndpoint)
    #expect(try await a.accountId() == "123456789012")
    #expect(try await LocalBackend.shared(environment: environment) === backend)
    let other = try await AWSConnection.resolve(region: "eu-west-1", environment: environment)
    #expect(other !== a)
    #expect(other.region == "eu-west-1")
    #expect(other.localBackend === backend)
  }

  @Test("with POTEMKIN_BACKEND=local and AWS_ENDPOINT_URL set, the running backend is used")
  func existingEndpoint() async throws {
    let connection = try await AWSConnection.resolve(environment: [
      "POTEMKIN_BACKEND": "local", "AWS_ENDPOINT_URL": "http://127.0.0.1:9",
    ])
    #expect(connection.localBackend == nil)
    #expect(connection.cloudFormationEndpoint.absoluteString == "http://127.0.0.1:9")
    #expect(connection.endpointDescription.contains("AWS_ENDPOINT_URL"))
  }
}
