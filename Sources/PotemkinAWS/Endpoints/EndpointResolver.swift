import Foundation

/// Finds the endpoint URL of a service, the way the AWS SDKs do.
///
/// Order: the explicit value; unless `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` is true,
/// `AWS_ENDPOINT_URL_<SERVICE_ID>`, `AWS_ENDPOINT_URL`, the profile's `services`
/// section and `endpoint_url`; otherwise the service's regional default.
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
  public func resolve(_ service: AWSServiceID, region: String, explicit: URL? = nil) throws -> Resolved {
    if let explicit { return Resolved(url: explicit, source: "explicit", isCustom: true) }
    if environment["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"]?.lowercased() != "true" {
      for key in ["AWS_ENDPOINT_URL_\(service.environmentSuffix)", "AWS_ENDPOINT_URL"] {
        if let value = environment[key], !value.isEmpty {
          guard let url = URL(string: value), url.scheme != nil, url.host != nil else {
            throw ConfigurationError.invalidEndpoint(value, source: key)
          }
          return Resolved(url: url, source: key, isCustom: true)
        }
      }
      // TODO(credentials branch): the profile's `services` section and `endpoint_url`.
    }
    // TODO(credentials branch): partitions (aws-cn, aws-us-gov) and global endpoints.
    let url = URL(string: "https://\(service.endpointPrefix).\(region).amazonaws.com")!
    return Resolved(url: url, source: "default for \(region)", isCustom: false)
  }
}
