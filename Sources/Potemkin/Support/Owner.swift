import Foundation

/// Who runs the tests: `user@host`, used in the `potemkin:owner` tag and reuse stack names.
public enum Owner {
  /// `user@host` from `USER` (or `LOGNAME`) and the host name.
  public static func current(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
    let user = environment["USER"] ?? environment["LOGNAME"] ?? "unknown"
    let host = ProcessInfo.processInfo.hostName.split(separator: ".").first.map(String.init) ?? "localhost"
    return "\(user)@\(host)"
  }

  /// A short lowercase hex hash of the owner, for stable stack names.
  public static func hash(_ owner: String) -> String {
    String(StableHash.hex(owner).prefix(8))
  }
}
