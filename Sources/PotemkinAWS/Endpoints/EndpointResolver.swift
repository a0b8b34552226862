import Foundation

/// Finds the endpoint URL of a service, the way the AWS SDKs do.
///
/// Order: the explicit value; unless `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` (or the profile's
/// `ignore_configured_endpoint_urls`) is true: `AWS_ENDPOINT_URL_<SERVICE_ID>`, the profile's
/// `services` section, `AWS_ENDPOINT_URL`, the profile's `endpoint_url`; otherwise the
/// service's regional default in the region's partition.
public struct EndpointResolver: Sendable {
  /// A resolved endpoint and where it came from.
  public struct Resolved: Sendable, Hashable {
    /// The base URL (scheme, host, optional port and path).
    public var url: URL
    /// Where the URL came from, e.g. `AWS_ENDPOINT_URL` or `default for us-east-1`.
    public var source: String
    /// Whether the URL was configured rather than the AWS default (S3 then uses path-style addressing).
    public var isCustom: Bool
  }

  /// The process environment (injectable for tests).
  public var environment: [String: String]
  /// The profile to read `endpoint_url` and `services` from; `nil` uses `AWS_PROFILE`, then `default`.
  public var profile: String?

  /// Creates a resolver.
  public init(environment: [String: String], profile: String? = nil) {
    self.environment = environment
    self.profile = profile
  }

  /// Returns the endpoint for `service` in `region`.
  /// - Throws: `ConfigurationError` for a configured value that is not an absolute URL or a malformed config file.
  public func resolve(_ service: AWSServiceID, region: String, explicit: URL? = nil) throws -> Resolved {
    if let explicit { return Resolved(url: explicit, source: "explicit", isCustom: true) }
    if let configured = try configured(service) { return configured }
    return Self.defaultEndpoint(service, region: region, environment: environment)
  }

  private func configured(_ service: AWSServiceID) throws -> Resolved? {
    if isTrue(environment["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"]) { return nil }
    let serviceKey = "AWS_ENDPOINT_URL_\(service.environmentSuffix)"
    if let value = environment[serviceKey], !value.isEmpty { return try make(value, source: serviceKey) }

    let selection = ProfileSelection(explicit: profile, environment: environment)
    let config = try SharedConfig.load(environment: environment)
    let settings = config.profile(selection.name)
    if environment["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"] == nil,
      isTrue(settings?["ignore_configured_endpoint_urls"])
    {
      return nil
    }
    if let servicesName = settings?["services"],
      let value = config.services[servicesName]?[service.servicesSectionKey]?["endpoint_url"], !value.isEmpty
    {
      return try make(value, source: "[services \(servicesName)] \(service.servicesSectionKey) in \(config.configPath)")
    }
    if let value = environment["AWS_ENDPOINT_URL"], !value.isEmpty {
      return try make(value, source: "AWS_ENDPOINT_URL")
    }
    if let value = settings?["endpoint_url"] {
      return try make(value, source: "endpoint_url of \(selection) in \(config.configPath)")
    }
    return nil
  }

  private func make(_ value: String, source: String) throws -> Resolved {
    guard let url = URL(string: value), let scheme = url.scheme, ["http", "https"].contains(scheme.lowercased()),
      url.host != nil
    else {
      throw ConfigurationError.invalidEndpoint(value, source: source)
    }
    return Resolved(url: url, source: source, isCustom: true)
  }

  private func isTrue(_ value: String?) -> Bool { value?.lowercased() == "true" }

  /// The AWS default endpoint of `service` in `region`: `https://<prefix>.<region>.<partition suffix>`.
  ///
  /// STS is regional unless `AWS_STS_REGIONAL_ENDPOINTS=legacy`, which uses `sts.amazonaws.com`
  /// for regions of the `aws` partition.
  public static func defaultEndpoint(
    _ service: AWSServiceID, region: String, environment: [String: String] = [:]
  ) -> Resolved {
    let partition = AWSPartition.of(region: region)
    if service == .sts, partition.id == "aws", environment["AWS_STS_REGIONAL_ENDPOINTS"]?.lowercased() == "legacy" {
      return Resolved(url: URL(string: "https://sts.amazonaws.com")!, source: "global STS endpoint (legacy)", isCustom: false)
    }
    let url = URL(string: "https://\(service.endpointPrefix).\(region).\(partition.dnsSuffix)")!
    return Resolved(url: url, source: "default for \(region)", isCustom: false)
  }
}
