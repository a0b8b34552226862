extension SharedConfig {
  /// One named profile's settings, merged from the config and credentials files.
  public struct Profile: Sendable, Hashable {
    /// The profile name (`default`, `dev`).
    public var name: String
    /// The settings, keys lower-cased; credentials-file values win over config-file values.
    public var values: [String: String]
    /// The keys that came from the credentials file.
    public var credentialsFileKeys: Set<String>

    /// Creates a profile.
    public init(name: String, values: [String: String], credentialsFileKeys: Set<String> = []) {
      self.name = name
      self.values = values
      self.credentialsFileKeys = credentialsFileKeys
    }

    /// The non-empty value for `key`, or `nil`.
    public subscript(key: String) -> String? {
      guard let value = values[key], !value.isEmpty else { return nil }
      return value
    }
  }
}
