import Foundation
import Logging

/// Tries credential sources in order and uses the first that has credentials, caching them.
///
/// `CredentialChain.default(...)` is botocore's default chain: explicit credentials, the
/// environment, web identity from the environment, the shared-config profile, container
/// credentials, then EC2 instance metadata. A source that is not configured is skipped; a
/// source that is configured but fails stops the chain with its error. When none has
/// credentials, the `CredentialError` lists every source and why it was skipped.
public struct CredentialChain: CredentialProvider, CustomStringConvertible {
  /// One source in the chain, with the name used in logs and errors.
  public struct Source: Sendable {
    /// The name, e.g. `environment` or `AWS_PROFILE=dev`.
    public var name: String
    /// The provider.
    public var provider: any CredentialProvider

    /// Creates a source; `name` defaults to the provider's description.
    public init(_ provider: any CredentialProvider, name: String? = nil) {
      self.provider = provider
      self.name = name ?? String(describing: provider)
    }
  }

  /// The sources, in the order tried.
  public let sources: [Source]
  private let state: ChainState

  /// Creates a chain over `sources`.
  /// - Parameters:
  ///   - refreshWindow: How long before expiry cached credentials are refreshed (five minutes by default).
  ///   - logger: Receives one debug message naming the source used (never the secret).
  public init(_ sources: [Source], refreshWindow: Duration = .seconds(300), logger: Logger? = nil) {
    self.sources = sources
    state = ChainState(
      refreshWindow: refreshWindow,
      logger: logger ?? Logger(label: "potemkin.credentials", factory: { _ in SwiftLogNoOpLogHandler() }))
  }

  /// The default chain, as botocore resolves it.
  /// - Parameters:
  ///   - profile: The profile to use; `nil` uses `AWS_PROFILE`, then `default`.
  ///   - environment: The environment to read (injected by tests).
  ///   - transport: For STS, SSO, container and instance-metadata calls.
  ///   - explicit: Credentials given in code; they win over everything else.
  ///   - logger: Receives a debug message naming the source used.
  public static func `default`(
    profile: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment,
    transport: any HTTPTransport = CurlTransport.shared, explicit: AWSCredentials? = nil, logger: Logger? = nil
  ) -> CredentialChain {
    let assumers = RoleAssumerFactory(environment: environment, transport: transport)
    var sources: [Source] = []
    if let explicit { sources.append(Source(StaticCredentialProvider(explicit), name: "explicit credentials")) }
    sources.append(Source(EnvironmentCredentialProvider(environment: environment)))
    sources.append(Source(EnvironmentWebIdentityProvider(environment: environment, roleAssumers: assumers, profile: profile)))
    sources.append(
      Source(ProfileCredentialProvider(profile: profile, environment: environment, transport: transport, roleAssumers: assumers)))
    sources.append(Source(ContainerCredentialProvider(environment: environment, transport: transport)))
    sources.append(Source(InstanceMetadataCredentialProvider(environment: environment, transport: transport)))
    return CredentialChain(sources, logger: logger)
  }

  public func credentials() async throws -> AWSCredentials {
    try await resolve().credentials
  }

  /// Returns credentials and the name of the source that produced them (for `potemkin doctor`).
  /// - Throws: `CredentialError` listing every source tried and why each gave nothing.
  public func resolve() async throws -> (credentials: AWSCredentials, source: String) {
    try await state.resolve(sources)
  }

  /// Forgets the chosen source and cached credentials, so the next call walks the chain again.
  public func reset() async {
    await state.reset()
  }

  public var description: String { "credential chain (\(sources.map(\.name).joined(separator: ", ")))" }
}

/// The chain's memory: which source won and its cache; one walk of the chain at a time.
private actor ChainState {
  let refreshWindow: Duration
  let logger: Logger
  private var chosen: (cache: CachedCredentialProvider, name: String)?
  private var walking: Task<(CachedCredentialProvider, String, AWSCredentials), any Error>?

  init(refreshWindow: Duration, logger: Logger) {
    self.refreshWindow = refreshWindow
    self.logger = logger
  }

  func reset() {
    chosen = nil
  }

  func resolve(_ sources: [CredentialChain.Source]) async throws -> (credentials: AWSCredentials, source: String) {
    if let chosen {
      return (try await chosen.cache.credentials(), chosen.name)
    }
    let task: Task<(CachedCredentialProvider, String, AWSCredentials), any Error>
    if let walking {
      task = walking
    } else {
      let window = refreshWindow
      let logger = logger
      task = Task { try await Self.walk(sources, refreshWindow: window, logger: logger) }
      walking = task
    }
    defer { if walking == task { walking = nil } }
    let (cache, name, credentials) = try await task.value
    chosen = (cache, name)
    return (credentials, name)
  }

  private static func walk(
    _ sources: [CredentialChain.Source], refreshWindow: Duration, logger: Logger
  ) async throws -> (CachedCredentialProvider, String, AWSCredentials) {
    var attempts: [CredentialError.Attempt] = []
    for source in sources {
      let cache = source.provider as? CachedCredentialProvider
        ?? CachedCredentialProvider(source.provider, refreshWindow: refreshWindow)
      do {
        let credentials = try await cache.credentials()
        logger.debug(
          "AWS credentials from \(source.name)",
          metadata: ["potemkin-credential-source": "\(source.name)", "potemkin-access-key": "\(credentials.redactedAccessKeyId)"])
        return (cache, source.name, credentials)
      } catch let error as CredentialError where error.isNotConfigured {
        let attempt = error.attempt ?? CredentialError.Attempt(source: source.name, reason: error.description)
        attempts.append(CredentialError.Attempt(source: source.name, reason: attempt.reason))
        logger.trace("AWS credentials: skipped \(source.name): \(attempt.reason)")
      } catch let error as CredentialError {
        let reason = error.attempt?.reason ?? error.description
        throw CredentialError.sourceFailed(attempts: attempts, failure: .init(source: source.name, reason: reason))
      } catch is CancellationError {
        throw CancellationError()
      } catch {
        throw CredentialError.sourceFailed(attempts: attempts, failure: .init(source: source.name, reason: "\(error)"))
      }
    }
    throw CredentialError.noCredentials(attempts: attempts)
  }
}
