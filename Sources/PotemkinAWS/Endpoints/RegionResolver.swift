/// Finds the AWS region to use, the way the AWS SDKs do.
///
/// Order: the explicit value, `AWS_REGION`, `AWS_DEFAULT_REGION`, then the selected profile's `region`.
public struct RegionResolver: Sendable {
  /// A resolved region and where it came from (for `doctor` and error messages).
  public struct Resolved: Sendable, Hashable {
    /// The region name, e.g. `us-east-1`.
    public var name: String
    /// Where the name came from, e.g. `AWS_REGION` or `profile dev in ~/.aws/config`.
    public var source: String
  }

  /// The process environment (injectable for tests).
  public var environment: [String: String]
  /// The profile to read `region` from; `nil` uses `AWS_PROFILE`, then `default`.
  public var profile: String?

  /// Creates a resolver.
  public init(environment: [String: String], profile: String? = nil) {
    self.environment = environment
    self.profile = profile
  }

  /// Returns the region, or throws `ConfigurationError.noRegion` listing what was tried.
  /// - Throws: `ConfigurationError` when no region is set or a shared config file is malformed.
  public func resolve(explicit: String? = nil) throws -> Resolved {
    if let explicit, !explicit.isEmpty { return Resolved(name: explicit, source: "explicit") }
    for key in ["AWS_REGION", "AWS_DEFAULT_REGION"] {
      if let value = environment[key], !value.isEmpty { return Resolved(name: value, source: key) }
    }
    let selection = ProfileSelection(explicit: profile, environment: environment)
    let config = try SharedConfig.load(environment: environment)
    if let region = config.profile(selection.name)?["region"] {
      return Resolved(name: region, source: "\(selection) in \(config.configPath)")
    }
    let profileAttempt: String
    if config.profile(selection.name) == nil {
      profileAttempt = "\(selection): \(config.missingProfileReason(selection.name))"
    } else {
      profileAttempt = "\(selection) in \(config.configPath): no `region` setting"
    }
    throw ConfigurationError.noRegion(tried: ["explicit region", "AWS_REGION", "AWS_DEFAULT_REGION", profileAttempt])
  }
}
