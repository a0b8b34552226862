import Foundation

/// Where a `potemkin` command connects: its `--region`, `--profile`, `--endpoint-url` and `--local`
/// applied over the process environment, as the engine reads them.
public struct CommandEnvironment: Sendable, Hashable {
  /// The region given on the command line, if any.
  public var region: String?
  /// The profile given on the command line, if any.
  public var profile: String?
  /// The endpoint given on the command line, if any.
  public var endpointURL: String?
  /// Whether `--local` was given.
  public var local: Bool
  /// The process environment the options apply over.
  public var base: [String: String]

  /// Creates a command environment.
  public init(
    region: String? = nil, profile: String? = nil, endpointURL: String? = nil, local: Bool = false,
    base: [String: String]
  ) {
    self.region = region
    self.profile = profile
    self.endpointURL = endpointURL
    self.local = local
    self.base = base
  }

  /// The environment the engine should read: `AWS_ENDPOINT_URL` from `--endpoint-url`,
  /// `POTEMKIN_BACKEND=local` from `--local`, everything else as in `base`.
  public var environment: [String: String] {
    var result = base
    if let endpointURL { result["AWS_ENDPOINT_URL"] = endpointURL }
    if local { result["POTEMKIN_BACKEND"] = "local" }
    return result
  }

  /// Whether the commands run against a local backend (`--local` or `POTEMKIN_BACKEND=local`).
  public var isLocal: Bool { environment["POTEMKIN_BACKEND"]?.lowercased() == "local" }

  /// A sentence saying what is wrong with `endpoint`, or `nil` when it is usable (or absent).
  public static func endpointProblem(_ endpoint: String?) -> String? {
    guard let endpoint else { return nil }
    guard let url = URL(string: endpoint), let scheme = url.scheme?.lowercased(), url.host != nil else {
      return "--endpoint-url '\(endpoint)' is not a URL; give one like http://127.0.0.1:4566."
    }
    guard scheme == "http" || scheme == "https" else {
      return "--endpoint-url '\(endpoint)' must start with http:// or https://."
    }
    return nil
  }

  /// A sentence saying what is wrong with `region`, or `nil` when it looks like a region name.
  public static func regionProblem(_ region: String) -> String? {
    let valid = !region.isEmpty && region.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" }
      && region.contains("-")
    return valid ? nil : "--region '\(region)' is not a region name; give one like us-east-1 or eu-west-1."
  }
}
