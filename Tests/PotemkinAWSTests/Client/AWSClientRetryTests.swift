import Foundation
import Testing
@testable import PotemkinAWS

@Suite("AWS client retry loop against a loopback server")
struct AWSClientRetryTests {
  static let throttled = ScriptedHTTPServer.Response(
    status: 400, headers: ["Content-Type": "text/xml", "x-amzn-RequestId": "t-1"],
    body: "<ErrorResponse><Error><Code>Throttling</Code><Message>Rate exceeded</Message></Error></ErrorResponse>")

  static let html500 = ScriptedHTTPServer.Response(
    status: 500, headers: ["Content-Type": "text/html"],
    body: "<html><head><title>500 Internal Server Error</title></head><body><h1>Internal Server Error</h1></body></html>")

  @Test("Throttling is retried until the call succeeds")
  func throttlingRetried() async throws {
    let scripted = try await ScriptedHTTPServer.start([Self.throttled, Self.throttled])
    defer { scripted.stop() }
    let client = try scripted.client()
    try await CloudFormationClient(client: client).deleteStack(stackName: "s")
    #expect(try await scripted.requests().count == 3)
    #expect(client.requestCounts == ["cloudformation.DeleteStack": 3])
  }

  @Test("Adaptive mode limits the send rate of the throttled service after a throttle; standard mode does not")
  func adaptiveMode() async throws {
    let scripted = try await ScriptedHTTPServer.start([Self.throttled, Self.throttled])
    defer { scripted.stop() }
    let client = try scripted.client(retryPolicy: RetryPolicy(mode: .adaptive, throttlingBaseDelay: .milliseconds(10)))
    #expect(client.adaptiveSendRate(for: .cloudFormation) == nil)
    let start = ContinuousClock.now
    try await CloudFormationClient(client: client).deleteStack(stackName: "s")
    let elapsed = ContinuousClock.now - start
    #expect(try await scripted.requests().count == 3)
    let rate = try #require(client.adaptiveSendRate(for: .cloudFormation))
    #expect(rate >= 0.5 && rate < 2, "allowed \(rate) requests/s")
    #expect(client.adaptiveSendRate(for: .configService) == nil, "one limit per service")
    // Backoff alone is at most 10 + 20 ms here; each retry waited for a token (rate < 2/s).
    #expect(elapsed > .milliseconds(900), "the retries went after \(elapsed)")

    let standard = try await ScriptedHTTPServer.start([Self.throttled])
    defer { standard.stop() }
    let plain = try standard.client()
    try await CloudFormationClient(client: plain).deleteStack(stackName: "s")
    #expect(plain.adaptiveSendRate(for: .cloudFormation) == nil)
  }

  @Test("After the last attempt the readable error of an HTML 500 is thrown")
  func givesUp() async throws {
    let scripted = try await ScriptedHTTPServer.start([Self.html500, Self.html500, Self.html500, Self.html500])
    defer { scripted.stop() }
    let error = await #expect(throws: AWSError.self) {
      try await CloudFormationClient(client: try scripted.client()).deleteStack(stackName: "s")
    }
    #expect(error?.code == "InternalServerError")
    #expect(error?.isRawFallback == true)
    #expect(
      error?.description
        == "CloudFormation DeleteStack failed: InternalServerError (HTTP 500): 500 Internal Server Error Internal Server Error")
    #expect(try await scripted.requests().count == 3)
  }

  @Test("Errors that are not transient are not retried")
  func validationNotRetried() async throws {
    let validation = ScriptedHTTPServer.Response(
      status: 400, body: "<ErrorResponse><Error><Code>ValidationError</Code><Message>bad</Message></Error></ErrorResponse>")
    let scripted = try await ScriptedHTTPServer.start([validation])
    defer { scripted.stop() }
    await #expect(throws: AWSError.self) {
      try await CloudFormationClient(client: try scripted.client()).deleteStack(stackName: "s")
    }
    #expect(try await scripted.requests().count == 1)
  }

  @Test("A clock-skew error sets the clock offset from the Date header and the retry is signed with it")
  func clockSkew() async throws {
    let skewed = ScriptedHTTPServer.Response(
      status: 403,
      body: "<ErrorResponse><Error><Code>RequestTimeTooSkewed</Code><Message>too skewed</Message></Error></ErrorResponse>",
      dateOffset: 3600)
    let scripted = try await ScriptedHTTPServer.start([skewed])
    defer { scripted.stop() }
    let client = try scripted.client()
    try await CloudFormationClient(client: client).deleteStack(stackName: "s")
    // Generous: the Date header has whole seconds and a loaded machine delays the reply.
    #expect(abs(client.clockOffset - 3600) < 60)
    let requests = try await scripted.requests()
    try #require(requests.count == 2)
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
    let first = try #require(requests[0].header("X-Amz-Date").flatMap(formatter.date(from:)))
    let second = try #require(requests[1].header("X-Amz-Date").flatMap(formatter.date(from:)))
    #expect(abs(second.timeIntervalSince(first) - 3600) < 60)
  }

  @Test("Retry-After is honoured")
  func retryAfter() async throws {
    var throttled = Self.throttled
    throttled.headers["Retry-After"] = "1"
    let scripted = try await ScriptedHTTPServer.start([throttled])
    defer { scripted.stop() }
    try await CloudFormationClient(client: try scripted.client()).deleteStack(stackName: "s")
    let requests = try await scripted.requests()
    try #require(requests.count == 2)
    #expect(requests[1].time - requests[0].time >= 0.95)
  }

  @Test("Cancelling the task ends a backoff wait at once")
  func cancellation() async throws {
    var throttled = Self.throttled
    throttled.headers["Retry-After"] = "15"
    let scripted = try await ScriptedHTTPServer.start([throttled])
    defer { scripted.stop() }
    let client = try scripted.client()
    let task = Task { try await CloudFormationClient(client: client).deleteStack(stackName: "s") }
    // Wait until the throttled reply arrived, so the task is in its 15 s backoff.
    while try await scripted.requests().isEmpty { try await Task.sleep(for: .milliseconds(50)) }
    try await Task.sleep(for: .milliseconds(300))
    let cancelled = ContinuousClock.now
    task.cancel()
    await #expect(throws: CancellationError.self) { try await task.value }
    #expect(ContinuousClock.now - cancelled < .seconds(5))
  }

  @Test("A refused connection is retried, then reported as a TransportError")
  func connectionRefused() async throws {
    let scripted = try await ScriptedHTTPServer.start([])
    scripted.stop()
    let stopped = ContinuousClock.now
    while scripted.server.isRunning && ContinuousClock.now - stopped < .seconds(5) {
      try await Task.sleep(for: .milliseconds(50))
    }
    #expect(!scripted.server.isRunning, "the server process stops when asked")
    // Port 1 on loopback: nothing listens there, so the connection is refused.
    let client = try AWSClient(
      configuration: .init(
        credentialProvider: StaticCredentialProvider(IntegrationClients.testing),
        retryPolicy: RetryPolicy(transientBaseDelay: .milliseconds(1)),
        environment: ["AWS_REGION": "us-east-1", "AWS_ENDPOINT_URL": "http://127.0.0.1:1"]))
    let error = await #expect(throws: TransportError.self) {
      try await STSClient(client: client).getCallerIdentity()
    }
    #expect(error?.isRetryable == true)
    #expect(client.requestCounts["sts.GetCallerIdentity"] == 3)
  }

  @Test("JSON calls carry the target and content type; web-identity calls are unsigned")
  func headers() async throws {
    let webIdentity = ScriptedHTTPServer.Response(
      status: 200,
      body: """
        <AssumeRoleWithWebIdentityResponse><AssumeRoleWithWebIdentityResult>
        <SubjectFromWebIdentityToken>sub-1</SubjectFromWebIdentityToken>
        <AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/R/s</Arn><AssumedRoleId>AROAX:s</AssumedRoleId></AssumedRoleUser>
        <Credentials><AccessKeyId>ASIAEXAMPLE000001</AccessKeyId><SecretAccessKey>sk</SecretAccessKey><SessionToken>st</SessionToken>
        <Expiration>2030-01-01T00:00:00Z</Expiration></Credentials>
        </AssumeRoleWithWebIdentityResult></AssumeRoleWithWebIdentityResponse>
        """)
    let scripted = try await ScriptedHTTPServer.start([ScriptedHTTPServer.Response(status: 200, body: "{}"), webIdentity])
    defer { scripted.stop() }
    let client = try scripted.client()
    try await ConfigServiceClient(client: client).startConfigRulesEvaluation(configRuleNames: ["r"])
    let role = try await STSClient(client: client).assumeRoleWithWebIdentity(
      roleArn: "arn:aws:iam::123456789012:role/R", roleSessionName: "s", webIdentityToken: "jwt")
    #expect(role.subjectFromWebIdentityToken == "sub-1")
    #expect(role.credentials.accessKeyId == "ASIAEXAMPLE000001")
    let requests = try await scripted.requests()
    try #require(requests.count == 2)
    #expect(requests[0].header("X-Amz-Target") == "StarlingDoveService.StartConfigRulesEvaluation")
    #expect(requests[0].header("Content-Type") == "application/x-amz-json-1.1")
    #expect(requests[0].header("Authorization")?.contains("/us-east-1/config/aws4_request") == true)
    #expect(requests[1].header("Authorization") == nil)
  }
}
