import Foundation
import Testing
@testable import PotemkinAWS

@Suite("Signatures checked by a real server")
struct SignatureEnforcementTests {
  /// Creates an IAM user with an allow-all policy and an access key on `server`, then turns
  /// signature checking on (`POST /moto-api/reset-auth` with `0`, as `INITIAL_NO_AUTH_ACTION_COUNT=0` would).
  static func enforce(on server: TestServer) async throws -> AWSCredentials {
    let script = """
      import boto3, json, os, urllib.request
      endpoint = os.environ["POTEMKIN_TEST_ENDPOINT"]
      iam = boto3.client("iam", endpoint_url=endpoint, region_name="us-east-1",
                         aws_access_key_id="setup", aws_secret_access_key="setup")
      iam.create_user(UserName="potemkin-signer")
      iam.put_user_policy(UserName="potemkin-signer", PolicyName="all", PolicyDocument=json.dumps(
          {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}))
      key = iam.create_access_key(UserName="potemkin-signer")["AccessKey"]
      request = urllib.request.Request(endpoint + "/moto-api/reset-auth", data=b"0", method="POST",
                                       headers={"Content-Type": "text/plain"})
      urllib.request.urlopen(request).read()
      print(json.dumps({"id": key["AccessKeyId"], "secret": key["SecretAccessKey"]}))
      """
    let output = try await TestServer.runPython(
      script, environment: ["POTEMKIN_TEST_ENDPOINT": server.endpoint.absoluteString])
    let line = try #require(output.split(separator: "\n").last)
    let keys = try JSONDecoder().decode([String: String].self, from: Data(line.utf8))
    return AWSCredentials(accessKeyId: try #require(keys["id"]), secretAccessKey: try #require(keys["secret"]))
  }

  @Test("The right key is accepted; a wrong secret fails with a readable SignatureDoesNotMatch")
  func enforced() async throws {
    let server = try await TestServer.startMoto()
    defer { server.stop() }
    let credentials = try await Self.enforce(on: server)

    let good = try IntegrationClients.client(server, credentials: credentials)
    let identity = try await STSClient(client: good).getCallerIdentity()
    #expect(identity.arn.hasSuffix("user/potemkin-signer"))
    _ = try await CloudFormationClient(client: good).listStacks()
    _ = try await ConfigServiceClient(client: good).describeConfigRules()
    let bucket = IntegrationClients.uniqueName("signed")
    try await S3Client(client: good).createBucket(bucket)
    try await S3Client(client: good).putObject(bucket: bucket, key: "k", body: Data("v".utf8))
    try await S3Client(client: good).deleteObject(bucket: bucket, key: "k")
    try await S3Client(client: good).deleteBucket(bucket)

    let wrongSecret = AWSCredentials(accessKeyId: credentials.accessKeyId, secretAccessKey: "wrong-secret-value-123")
    let bad = try IntegrationClients.client(server, credentials: wrongSecret)
    let error = await #expect(throws: AWSError.self) { try await STSClient(client: bad).getCallerIdentity() }
    #expect(error?.code == "SignatureDoesNotMatch")
    #expect(error?.httpStatus == 403)
    #expect(error?.description.hasPrefix("STS GetCallerIdentity failed: SignatureDoesNotMatch (HTTP 403)") == true)
    #expect(error?.description.contains("wrong-secret-value-123") == false)
    #expect(error?.description.contains(credentials.secretAccessKey) == false)
    #expect(bad.requestCounts["sts.GetCallerIdentity"] == 1, "a plain signature mismatch is not retried")
    // JSON services answer auth failures in XML: the error is still parsed.
    let configError = await #expect(throws: AWSError.self) {
      try await ConfigServiceClient(client: bad).describeConfigRules()
    }
    #expect(configError?.code == "SignatureDoesNotMatch")
    #expect(configError?.service == "Config")
    let s3Error = await #expect(throws: AWSError.self) { try await S3Client(client: bad).createBucket(bucket) }
    #expect(s3Error?.code == "SignatureDoesNotMatch")

    let unknown = try IntegrationClients.client(
      server, credentials: AWSCredentials(accessKeyId: "AKIAUNKNOWNKEY000000", secretAccessKey: "x"))
    let unknownError = await #expect(throws: AWSError.self) {
      try await CloudFormationClient(client: unknown).listStacks()
    }
    #expect(unknownError?.code == "InvalidClientTokenId")
  }
}
