import Foundation
import Logging

/// Sends signed requests to AWS services: resolves region and endpoints, gets credentials,
/// signs with SigV4, retries per the retry policy and turns error responses into `AWSError`s.
///
/// One client serves any number of concurrent calls; create it once and share it. The typed
/// service clients (`CloudFormationClient`, `ConfigServiceClient`, `S3Client`, `STSClient`) wrap it.
public final class AWSClient: Sendable {
  /// The configuration the client was created with.
  public let configuration: Configuration
  /// The resolved region and where it came from.
  public let region: RegionResolver.Resolved
  /// The retry policy in force.
  public let retryPolicy: RetryPolicy
  /// Where credentials come from.
  public let credentialProvider: any CredentialProvider

  let transport: any HTTPTransport
  let logger: Logger
  private let endpoints: [AWSServiceID: EndpointResolver.Resolved]
  private let state = ClientState()
  /// Adaptive retry mode's send-rate limit per service, as the SDKs keep one per service client.
  private let rateLimiters: [AWSServiceID: AdaptiveRateLimiter]

  /// Creates a client.
  /// - Parameters:
  ///   - configuration: Region, endpoints, credentials, retries and timeouts.
  ///   - transport: The HTTP transport; the shared libcurl transport by default.
  ///   - logger: Where requests, retries and failures are logged (debug and notice levels); silent by default.
  /// - Throws: `ConfigurationError` when no region is configured, an endpoint URL is invalid,
  ///   or the retry variables are invalid.
  public init(
    configuration: Configuration = Configuration(), transport: (any HTTPTransport)? = nil, logger: Logger? = nil
  ) throws {
    self.configuration = configuration
    let environment = configuration.environment
    region = try RegionResolver(environment: environment, profile: configuration.profile)
      .resolve(explicit: configuration.region)
    retryPolicy = try configuration.retryPolicy ?? RetryPolicy.fromEnvironment(environment)
    // The full default chain (environment, web identity, profile, container, instance metadata).
    credentialProvider =
      configuration.credentialProvider
      ?? CredentialChain.default(
        profile: configuration.profile, environment: environment, transport: transport ?? CurlTransport.shared,
        logger: logger)
    let endpointResolver = EndpointResolver(environment: environment, profile: configuration.profile)
    var endpoints: [AWSServiceID: EndpointResolver.Resolved] = [:]
    for service in [AWSServiceID.cloudFormation, .configService, .s3, .sts] {
      endpoints[service] = try endpointResolver.resolve(
        service, region: region.name, explicit: configuration.endpoints[service])
    }
    self.endpoints = endpoints
    rateLimiters = retryPolicy.mode == .adaptive
      ? Dictionary(uniqueKeysWithValues: endpoints.keys.map { ($0, AdaptiveRateLimiter()) }) : [:]
    self.transport = transport ?? CurlTransport.shared
    self.logger = logger ?? Logger(label: "potemkin.aws", factory: { _ in SwiftLogNoOpLogHandler() })
  }

  /// The endpoint the client sends `service`'s requests to.
  public func endpoint(for service: AWSServiceID) -> EndpointResolver.Resolved {
    endpoints[service]!
  }

  /// HTTP requests sent so far per `service.Operation` (e.g. `cloudformation.DescribeStacks`), retries included.
  public var requestCounts: [String: Int] { state.requestCounts }

  /// Seconds added to the local clock when signing, learnt from clock-skew errors (0 until one happens).
  public var clockOffset: TimeInterval { state.clockOffset }

  /// The requests per second adaptive retry mode currently allows for `service`: `nil` in the other
  /// modes and until the service throttled a request.
  public func adaptiveSendRate(for service: AWSServiceID) -> Double? {
    rateLimiters[service]?.allowedRate
  }

  /// The current time as the services see it: the local clock plus the learnt offset.
  public var now: Date { Date().addingTimeInterval(state.clockOffset) }

  /// Sends `request` for `operation` of `service`, signing it unless `signed` is false, retrying
  /// per the policy, and returns the first successful (2xx) response.
  /// - Throws: `AWSError` for an error response, the transport's error for a failure below HTTP,
  ///   `CancellationError` when the task is cancelled, and the credential provider's error.
  public func send(
    _ request: HTTPRequest, service: AWSServiceID, operation: String, signed: Bool = true
  ) async throws -> HTTPResponse {
    var attempt = 0
    var logger = self.logger
    logger[metadataKey: "potemkin-service"] = "\(service.signingName)"
    logger[metadataKey: "potemkin-operation"] = "\(operation)"
    while true {
      attempt += 1
      try Task.checkCancellation()
      let limiter = rateLimiters[service]
      try await limiter?.acquire()
      var outgoing = request
      if signed {
        let credentials = try await credentialProvider.credentials()
        outgoing = signer(for: service).signed(request, credentials: credentials, date: now)
      }
      state.count("\(service.signingName).\(operation)")
      let outcome: RetryOutcome
      let failure: any Error
      do {
        let response = try await transport.send(outgoing, timeout: configuration.requestTimeout)
        if (200..<300).contains(response.status) {
          limiter?.record(throttled: false)
          logger.debug(
            "AWS request succeeded",
            metadata: ["potemkin-attempt": "\(attempt)", "potemkin-status": "\(response.status)"])
          return response
        }
        let error = AWSError(response: response, service: service.displayName, operation: operation)
        outcome = .serviceError(error, headers: response.headers)
        failure = error
      } catch let error as CancellationError {
        throw error
      } catch let error as TransportError {
        outcome = .transportFailure(isRetryable: error.isRetryable)
        failure = error
      }
      if case .serviceError(let error, _) = outcome {
        limiter?.record(throttled: error.isThrottling)
      } else {
        limiter?.record(throttled: false)
      }
      if Task.isCancelled { throw CancellationError() }
      switch retryPolicy.decision(for: outcome, attempt: attempt) {
      case .doNotRetry:
        logger.debug("AWS request failed", metadata: ["potemkin-attempt": "\(attempt)", "potemkin-error": "\(failure)"])
        throw failure
      case .retry(let delay):
        logger.notice(
          "Retrying AWS request",
          metadata: ["potemkin-attempt": "\(attempt)", "potemkin-delay": "\(delay)", "potemkin-error": "\(failure)"])
        try await Task.sleep(for: delay)
      case .correctClockAndRetry(let serverDate):
        let offset = serverDate.timeIntervalSince(Date())
        state.clockOffset = offset
        logger.notice(
          "Correcting clock skew and retrying",
          metadata: ["potemkin-clock-offset": "\(Int(offset)) s", "potemkin-error": "\(failure)"])
      }
    }
  }

  /// The signer for `service` in the client's region.
  private func signer(for service: AWSServiceID) -> SigV4Signer {
    service == .s3 ? SigV4Signer.s3(region: region.name) : SigV4Signer(service: service.signingName, region: region.name)
  }
}
