import Foundation

/// The JSON credential documents of `credential_process`, the container endpoint and instance metadata.
///
/// All use `AccessKeyId`, `SecretAccessKey` and `Expiration`; the token is `SessionToken`
/// (process) or `Token` (container, IMDS). Errors name missing fields, never values.
struct CredentialDocument {
  /// Decodes `data`; `source` and `what` go into error messages.
  static func decode(_ data: Data, source: String, what: String) throws -> AWSCredentials {
    guard let object = try? JSONSerialization.jsonObject(with: data), let json = object as? [String: Any] else {
      throw CredentialError.failed(source, "\(what) is not a JSON object (\(data.count) bytes)")
    }
    func string(_ key: String) -> String? {
      guard let value = json[key] as? String, !value.isEmpty else { return nil }
      return value
    }
    if let code = string("Code"), code != "Success" {
      let message = string("Message").map { ": \($0)" } ?? ""
      throw CredentialError.failed(source, "\(what) reports Code \(code)\(message)")
    }
    var missing: [String] = []
    let keyId = string("AccessKeyId")
    let secret = string("SecretAccessKey")
    if keyId == nil { missing.append("AccessKeyId") }
    if secret == nil { missing.append("SecretAccessKey") }
    guard let keyId, let secret else {
      throw CredentialError.failed(source, "\(what) has no \(missing.joined(separator: " or "))")
    }
    var expiration: Date?
    if let text = string("Expiration") {
      guard let date = AWSDateParser.parse(text) else {
        throw CredentialError.failed(source, "\(what) has an Expiration that is not ISO 8601: \"\(text)\"")
      }
      expiration = date
    }
    return AWSCredentials(
      accessKeyId: keyId, secretAccessKey: secret, sessionToken: string("SessionToken") ?? string("Token"),
      expiration: expiration)
  }
}
