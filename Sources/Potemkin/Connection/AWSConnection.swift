import Foundation
import PotemkinAWS
import Synchronization

/// One configured AWS client with its typed service clients, shared by every fixture and poller of a process
/// that uses the same settings.
///
/// `resolve(...)` returns the cached connection for equal settings. With `POTEMKIN_BACKEND=local` it points
/// every service at the local backend: at `AWS_ENDPOINT_URL` when that is set (a backend already running, e.g.
/// `swift run potemkin local`), otherwise at `LocalBackend.shared()`, started once per process; the region
/// defaults to us-east-1 and the credentials to `potemkin` / `potemkin-secret` when none are configured.
public final class AWSConnection: Sendable, CustomStringConvertible {
  /// The underlying client (retries, signing, request counts).
  public let client: AWSClient
  /// CloudFormation.
  public let cloudFormation: CloudFormationClient
  /// AWS Config.
  public let config: ConfigServiceClient
  /// Amazon S3.
  public let s3: S3Client
  /// AWS STS.
  public let sts: STSClient
  /// The local backend this connection talks to, when this process started it.
  public let localBackend: LocalBackend?
  /// Whether the endpoints are configured rather than AWS's (a local backend or another emulator).
  public let usesCustomEndpoint: Bool
  private let accountLookup = Mutex<Task<String, any Error>?>(nil)

  /// Creates a connection over `client`.
  public init(client: AWSClient, localBackend: LocalBackend? = nil) {
    self.client = client
    self.cloudFormation = CloudFormationClient(client: client)
    self.config = ConfigServiceClient(client: client)
    self.s3 = S3Client(client: client)
    self.sts = STSClient(client: client)
    self.localBackend = localBackend
    self.usesCustomEndpoint = client.endpoint(for: .cloudFormation).isCustom
  }

  /// The region, e.g. `us-east-1`.
  public var region: String { client.region.name }

  /// Where CloudFormation requests go and why, e.g. `http://127.0.0.1:50123 (AWS_ENDPOINT_URL)`.
  public var endpointDescription: String {
    let endpoint = client.endpoint(for: .cloudFormation)
    return "\(endpoint.url.absoluteString) (\(endpoint.source))"
  }

  /// The CloudFormation endpoint URL.
  public var cloudFormationEndpoint: URL { client.endpoint(for: .cloudFormation).url }

  public var description: String { "AWS connection to \(region) via \(endpointDescription)" }

  /// The account id of the caller (STS GetCallerIdentity, asked once).
  public func accountId() async throws -> String {
    // Single flight: the many cases of a suite ask at once; one GetCallerIdentity serves them all.
    let lookup = accountLookup.withLock { current -> Task<String, any Error> in
      if let current { return current }
      let sts = self.sts
      let task = Task { try await sts.getCallerIdentity().account }
      current = task
      return task
    }
    do {
      return try await lookup.value
    } catch {
      accountLookup.withLock { current in if current == lookup { current = nil } }  // Let a later call retry.
      throw error
    }
  }

  private static let cache = Mutex<[String: Task<AWSConnection, any Error>]>([:])

  /// The shared connection for these settings, created on first use.
  /// - Parameters:
  ///   - region: The region; `nil` resolves it as the AWS SDKs do.
  ///   - profile: The shared-config profile; `nil` uses `AWS_PROFILE`, then `default`.
  ///   - credentials: Where credentials come from; `nil` uses `CredentialChain.default(profile:environment:)`.
  ///   - environment: The environment to read (`POTEMKIN_BACKEND`, `AWS_*`).
  /// - Throws: `ConfigurationError` (no region, bad endpoint) or `LocalBackendError`.
  public static func resolve(
    region: String? = nil, profile: String? = nil, credentials: (any CredentialProvider)? = nil,
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) async throws -> AWSConnection {
    let key = cacheKey(region: region, profile: profile, credentials: credentials, environment: environment)
    let task = cache.withLock { tasks in
      if let existing = tasks[key] { return existing }
      let task = Task {
        try await make(region: region, profile: profile, credentials: credentials, environment: environment)
      }
      tasks[key] = task
      return task
    }
    do {
      return try await task.value
    } catch {
      // A failed creation is not cached: the next call tries again.
      cache.withLock { tasks in
        if tasks[key] == task { tasks[key] = nil }
      }
      throw error
    }
  }

  /// A connection to `backend` (a backend a test started itself), with local defaults for region and credentials.
  public static func local(
    _ backend: LocalBackend, environment: [String: String] = ProcessInfo.processInfo.environment
  ) async throws -> AWSConnection {
    var environment = environment.filter { !$0.key.hasPrefix("AWS_ENDPOINT_URL") }
    environment["POTEMKIN_BACKEND"] = "local"
    environment["AWS_ENDPOINT_URL"] = backend.endpoint.absoluteString
    return try await resolve(environment: environment)
  }

  private static func make(
    region: String?, profile: String?, credentials: (any CredentialProvider)?, environment: [String: String]
  ) async throws -> AWSConnection {
    var environment = environment
    var credentials = credentials
    var backend: LocalBackend?
    if environment["POTEMKIN_BACKEND"]?.lowercased() == "local" {
      if (environment["AWS_ENDPOINT_URL"] ?? "").isEmpty {
        let shared = try await LocalBackend.shared(environment: environment)
        backend = shared
        environment["AWS_ENDPOINT_URL"] = shared.endpoint.absoluteString
      }
      if region == nil, (environment["AWS_REGION"] ?? "").isEmpty, (environment["AWS_DEFAULT_REGION"] ?? "").isEmpty {
        environment["AWS_REGION"] = "us-east-1"
      }
      if credentials == nil, (environment["AWS_ACCESS_KEY_ID"] ?? "").isEmpty {
        credentials = StaticCredentialProvider(
          AWSCredentials(accessKeyId: "potemkin", secretAccessKey: "potemkin-secret"))
      }
    }
    let provider = credentials ?? CredentialChain.default(profile: profile, environment: environment)
    let configuration = AWSClient.Configuration(
      region: region, profile: profile, credentialProvider: provider, environment: environment)
    return AWSConnection(client: try AWSClient(configuration: configuration), localBackend: backend)
  }

  private static func cacheKey(
    region: String?, profile: String?, credentials: (any CredentialProvider)?, environment: [String: String]
  ) -> String {
    let relevant = environment.filter { $0.key.hasPrefix("AWS_") || $0.key.hasPrefix("POTEMKIN_") }
      .sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "\n")
    let provider = credentials.map { "\(type(of: $0))|\(String(describing: $0))" } ?? "-"
    return StableHash.hex("\(region ?? "-")|\(profile ?? "-")|\(provider)|\(relevant)")
  }
}
