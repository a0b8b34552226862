import Synchronization

/// A small process-wide cache of derived SigV4 signing keys, keyed by secret, date, region and service.
///
/// Deriving a key costs four HMACs; most signatures in a run reuse one of a handful of keys.
final class SigningKeyCache: Sendable {
  /// The cache every signer shares.
  static let shared = SigningKeyCache(capacity: 32)

  private struct Key: Hashable {
    let secret: String
    let dateStamp: String
    let region: String
    let service: String
  }

  private let capacity: Int
  private let storage = Mutex<[Key: [UInt8]]>([:])

  init(capacity: Int) {
    self.capacity = capacity
  }

  /// The signing key for the given scope, derived once and then reused.
  func signingKey(secret: String, dateStamp: String, region: String, service: String) -> [UInt8] {
    let key = Key(secret: secret, dateStamp: dateStamp, region: region, service: service)
    if let cached = storage.withLock({ $0[key] }) { return cached }
    let derived = Self.derive(secret: secret, dateStamp: dateStamp, region: region, service: service)
    storage.withLock { entries in
      if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
      entries[key] = derived
    }
    return derived
  }

  /// `kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request")`.
  static func derive(secret: String, dateStamp: String, region: String, service: String) -> [UInt8] {
    let dateKey = HMACSHA256.mac(key: Array("AWS4\(secret)".utf8), utf8: dateStamp)
    let regionKey = HMACSHA256.mac(key: dateKey, utf8: region)
    let serviceKey = HMACSHA256.mac(key: regionKey, utf8: service)
    return HMACSHA256.mac(key: serviceKey, utf8: "aws4_request")
  }
}
