/// Which profile to use and why: the explicit name, `AWS_PROFILE`, `AWS_DEFAULT_PROFILE`, else `default`.
public struct ProfileSelection: Sendable, Hashable, CustomStringConvertible {
  /// The profile name.
  public var name: String
  /// Where the name came from: `explicit`, `AWS_PROFILE`, `AWS_DEFAULT_PROFILE` or `default`.
  public var source: String

  /// Whether someone asked for this profile (so its absence is an error rather than a skip).
  public var isRequested: Bool { source != "default" }

  /// Picks the profile from `explicit`, then the environment.
  public init(explicit: String?, environment: [String: String]) {
    if let explicit, !explicit.isEmpty {
      (name, source) = (explicit, "explicit")
    } else if let value = environment["AWS_PROFILE"], !value.isEmpty {
      (name, source) = (value, "AWS_PROFILE")
    } else if let value = environment["AWS_DEFAULT_PROFILE"], !value.isEmpty {
      (name, source) = (value, "AWS_DEFAULT_PROFILE")
    } else {
      (name, source) = ("default", "default")
    }
  }

  public var description: String {
    switch source {
    case "explicit": "profile \(name)"
    case "default": "profile default"
    default: "\(source)=\(name)"
    }
  }
}
