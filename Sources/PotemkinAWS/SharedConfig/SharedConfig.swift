import Foundation

/// The AWS shared config and credentials files (`~/.aws/config`, `~/.aws/credentials`), parsed.
///
/// Profiles are `[profile name]` (or `[default]`) in the config file and `[name]` in the
/// credentials file; when both set a key, the credentials file wins. `[sso-session name]`
/// and `[services name]` sections are kept separately.
public struct SharedConfig: Sendable, Hashable {
  /// The path of the config file (read or not).
  public var configPath: String
  /// The path of the credentials file (read or not).
  public var credentialsPath: String
  /// Profiles from the config file, by name.
  public var configProfiles: [String: [String: String]]
  /// Profiles from the credentials file, by name.
  public var credentialsProfiles: [String: [String: String]]
  /// `[sso-session name]` sections, by name.
  public var ssoSessions: [String: [String: String]]
  /// `[services name]` sections, by name, then by service key (`s3`, `sts`), then setting.
  public var services: [String: [String: [String: String]]]

  /// An empty configuration, as if neither file existed.
  public init(configPath: String = "", credentialsPath: String = "") {
    self.configPath = configPath
    self.credentialsPath = credentialsPath
    configProfiles = [:]
    credentialsProfiles = [:]
    ssoSessions = [:]
    services = [:]
  }

  /// The home folder: `HOME` from `environment`, else the current user's.
  public static func homeDirectory(environment: [String: String]) -> String {
    if let home = environment["HOME"], !home.isEmpty { return home }
    return FileManager.default.homeDirectoryForCurrentUser.path
  }

  /// Expands a leading `~` in `path` with the home folder from `environment`.
  public static func expandingTilde(_ path: String, environment: [String: String]) -> String {
    guard path == "~" || path.hasPrefix("~/") else { return path }
    return homeDirectory(environment: environment) + path.dropFirst()
  }

  /// Reads both files from `AWS_CONFIG_FILE` / `AWS_SHARED_CREDENTIALS_FILE` or their `~/.aws` defaults.
  ///
  /// A missing file counts as empty.
  /// - Throws: `ConfigurationError` naming the file and line when a file is malformed.
  public static func load(environment: [String: String]) throws(ConfigurationError) -> SharedConfig {
    let home = homeDirectory(environment: environment)
    let configPath = environment["AWS_CONFIG_FILE"].flatMap { $0.isEmpty ? nil : $0 }
      .map { expandingTilde($0, environment: environment) } ?? home + "/.aws/config"
    let credentialsPath = environment["AWS_SHARED_CREDENTIALS_FILE"].flatMap { $0.isEmpty ? nil : $0 }
      .map { expandingTilde($0, environment: environment) } ?? home + "/.aws/credentials"
    return try load(configPath: configPath, credentialsPath: credentialsPath)
  }

  /// Reads the two files at the given paths; a missing file counts as empty.
  public static func load(configPath: String, credentialsPath: String) throws(ConfigurationError) -> SharedConfig {
    var config = SharedConfig(configPath: configPath, credentialsPath: credentialsPath)
    let parser = INIParser()
    do {
      if let text = try readIfPresent(configPath) {
        for section in try parser.parse(text, file: configPath) {
          config.addConfigSection(section)
        }
      }
      if let text = try readIfPresent(credentialsPath) {
        for section in try parser.parse(text, file: credentialsPath) {
          // The credentials file has no prefixes: `[dev]` is profile dev.
          config.credentialsProfiles[section.name, default: [:]].merge(section.values) { $1 }
        }
      }
    } catch let error as INIParser.ParseError {
      throw ConfigurationError.other("The AWS shared config file \(error.description)")
    } catch {
      throw ConfigurationError.other("\(error)")
    }
    return config
  }

  private static func readIfPresent(_ path: String) throws(ConfigurationError) -> String? {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
      return nil
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw ConfigurationError.other("The AWS shared config file \(path) exists but cannot be read. Check its permissions.")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw ConfigurationError.other("The AWS shared config file \(path) is not UTF-8 text.")
    }
    return text
  }

  private mutating func addConfigSection(_ section: INIParser.Section) {
    let name = section.name
    if name == "default" {
      configProfiles["default", default: [:]].merge(section.values) { $1 }
    } else if let rest = name.strippingPrefixWord("profile") {
      configProfiles[rest, default: [:]].merge(section.values) { $1 }
    } else if let rest = name.strippingPrefixWord("sso-session") {
      ssoSessions[rest, default: [:]].merge(section.values) { $1 }
    } else if let rest = name.strippingPrefixWord("services") {
      services[rest, default: [:]].merge(section.nested) { $1 }
    }
    // Other sections (`[plugins]`, `[preview]`, an unprefixed `[dev]`) are not profiles in the config file.
  }

  /// The names of all profiles in either file, sorted.
  public var profileNames: [String] {
    Set(configProfiles.keys).union(credentialsProfiles.keys).sorted()
  }

  /// The merged settings of profile `name` (credentials file wins), or `nil` when neither file has it.
  public func profile(_ name: String) -> Profile? {
    let fromConfig = configProfiles[name]
    let fromCredentials = credentialsProfiles[name]
    guard fromConfig != nil || fromCredentials != nil else { return nil }
    var values = fromConfig ?? [:]
    values.merge(fromCredentials ?? [:]) { $1 }
    return Profile(name: name, values: values, credentialsFileKeys: Set((fromCredentials ?? [:]).keys))
  }

  /// Where the files are, for messages: `~/.aws/config or ~/.aws/credentials` style.
  public var filesDescription: String { "\(configPath) or \(credentialsPath)" }

  /// A sentence saying that profile `name` is missing and which profiles exist.
  public func missingProfileReason(_ name: String) -> String {
    let names = profileNames
    let there = names.isEmpty ? "neither file exists or has profiles" : "profiles there: \(names.joined(separator: ", "))"
    return "no such profile in \(filesDescription) (\(there))"
  }
}

extension String {
  /// `"profile dev"` → `"dev"` for prefix word `profile`; `nil` when the prefix word is absent.
  fileprivate func strippingPrefixWord(_ word: String) -> String? {
    guard hasPrefix(word), let next = dropFirst(word.count).first, next == " " || next == "\t" else { return nil }
    let rest = dropFirst(word.count).trimmingINIWhitespace()
    return rest.isEmpty ? nil : String(rest)
  }
}
