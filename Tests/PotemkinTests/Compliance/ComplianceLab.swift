import Foundation
import Potemkin

/// A local backend (the real server with its rule runner), its connection and shared poller,
/// and helpers to deploy the rule and fixture templates of `Fixtures/rules/`.
struct ComplianceLab: Sendable {
  /// Where the rule and fixture templates live, relative to the package root.
  static let fixtures = "Tests/PotemkinTests/Fixtures/rules/"
  /// The name of the change-triggered S3 SSE-KMS rule in the shared lab.
  static let kmsRule = "s3-bucket-kms-encryption"

  let backend: LocalBackend
  let connection: AWSConnection
  let poller: CompliancePoller

  /// Starts a backend of its own.
  static func start(_ options: LocalBackendOptions = LocalBackendOptions()) async throws -> ComplianceLab {
    let backend = try await LocalBackend.start(options: options)
    let connection = try await AWSConnection.local(backend)
    return ComplianceLab(
      backend: backend, connection: connection, poller: try await CompliancePoller.shared(for: connection))
  }

  /// Runs `body` with a backend of its own and stops the backend afterwards.
  static func withOwn<T: Sendable>(
    _ options: LocalBackendOptions = LocalBackendOptions(), _ body: (ComplianceLab) async throws -> T
  ) async throws -> T {
    let lab = try await start(options)
    let outcome: Result<T, any Error>
    do { outcome = .success(try await body(lab)) } catch { outcome = .failure(error) }
    await lab.backend.stop()
    return try outcome.get()
  }

  /// The lab shared by the tests of one process: the S3 SSE-KMS rule and the three-bucket fixture.
  static func shared() async throws -> (lab: ComplianceLab, buckets: DeployedStack) {
    let shared = try await sharedLab.value
    return (shared.lab, shared.buckets)
  }

  /// The rule stack of the shared lab.
  static func sharedRuleStack() async throws -> DeployedStack {
    try await sharedLab.value.rule
  }

  private static let sharedLab = Task {
    () async throws -> (lab: ComplianceLab, rule: DeployedStack, buckets: DeployedStack) in
    let lab = try await start()
    let rule = try await lab.deploy("s3-bucket-kms-encryption-rule.yml", name: "kms-rule")
    let buckets = try await lab.deploy("three-buckets.yml", name: "three-buckets")
    return (lab, rule, buckets)
  }

  /// Deploys a template of `Fixtures/rules/`.
  func deploy(_ file: String, name: String, parameters: [String: String] = [:]) async throws -> DeployedStack {
    try await StackFixture.deploy(
      .file(Self.fixtures + file), parameters: parameters, name: name, connection: connection, timeout: .seconds(180))
  }

  /// Deploys a template given as text.
  func deploy(body: String, name: String) async throws -> DeployedStack {
    try await StackFixture.deploy(.body(body, name: name), name: name, connection: connection, timeout: .seconds(180))
  }

  /// Deletes a stack and waits for DELETE_COMPLETE.
  func delete(_ stack: DeployedStack) async throws {
    try await StackFixture.teardown(stack, connection: connection, timeout: .seconds(180))
  }

  /// A name no other test of this process uses, e.g. `bucket-3f9a1c`.
  static func uniqueName(_ stem: String) -> String {
    "\(stem)-\(UUID().uuidString.prefix(6).lowercased())"
  }

  /// A template of `count` buckets `B000`...: every third SSE-KMS, every third AES256, the rest unencrypted.
  static func manyBuckets(_ count: Int) -> String {
    var resources: [String] = []
    for index in 0..<count {
      let properties: String
      switch index % 3 {
      case 0: properties = #","Properties":{"BucketEncryption":{"ServerSideEncryptionConfiguration":[{"ServerSideEncryptionByDefault":{"SSEAlgorithm":"aws:kms"}}]}}"#
      case 1: properties = #","Properties":{"BucketEncryption":{"ServerSideEncryptionConfiguration":[{"ServerSideEncryptionByDefault":{"SSEAlgorithm":"AES256"}}]}}"#
      default: properties = ""
      }
      resources.append(#""\#(bucketId(index))":{"Type":"AWS::S3::Bucket"\#(properties)}"#)
    }
    return #"{"AWSTemplateFormatVersion":"2010-09-09","Resources":{"# + resources.joined(separator: ",") + "}}"
  }

  /// The logical id of bucket `index` of `manyBuckets`.
  static func bucketId(_ index: Int) -> String { String(format: "B%03d", index) }

  /// The expected compliance of bucket `index` of `manyBuckets`.
  static func expectedCompliance(_ index: Int) -> ExpectedCompliance { index % 3 == 0 ? .compliant : .nonCompliant }
}
