import Foundation

/// An AWS access key pair, with an optional session token and expiry.
///
/// `description` and `debugDescription` never show the secret key or token.
public struct AWSCredentials: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
  CustomReflectable
{
  /// The access key id (`AKIA...` or `ASIA...`).
  public var accessKeyId: String
  /// The secret access key. Never printed.
  public var secretAccessKey: String
  /// The session token of temporary credentials. Never printed.
  public var sessionToken: String?
  /// When temporary credentials stop working; `nil` for long-term keys.
  public var expiration: Date?

  /// Creates credentials.
  public init(accessKeyId: String, secretAccessKey: String, sessionToken: String? = nil, expiration: Date? = nil) {
    self.accessKeyId = accessKeyId
    self.secretAccessKey = secretAccessKey
    self.sessionToken = sessionToken
    self.expiration = expiration
  }

  /// The access key id with its middle hidden, e.g. `AKIA…WXYZ`.
  public var redactedAccessKeyId: String {
    guard accessKeyId.count > 8 else { return "…" }
    return "\(accessKeyId.prefix(4))…\(accessKeyId.suffix(4))"
  }

  public var description: String {
    var parts = ["accessKeyId: \(redactedAccessKeyId)", "secretAccessKey: <redacted>"]
    if sessionToken != nil { parts.append("sessionToken: <redacted>") }
    if let expiration { parts.append("expiration: \(expiration.formatted(.iso8601))") }
    return "AWSCredentials(\(parts.joined(separator: ", ")))"
  }

  public var debugDescription: String { description }

  // `dump` and debuggers use the mirror: show the redacted form only.
  public var customMirror: Mirror {
    Mirror(self, children: ["accessKeyId": redactedAccessKeyId, "expiration": expiration as Any], displayStyle: .struct)
  }
}
