import COpenSSL

/// HMAC-SHA256 through OpenSSL 3's `EVP_MAC` interface.
public enum HMACSHA256 {
  /// An HMAC-SHA256 context with the digest set, fetched once and duplicated for every MAC.
  private nonisolated(unsafe) static let template: OpaquePointer = {
    guard let context = potemkin_hmac_sha256_template() else {
      fatalError("OpenSSL provides no HMAC-SHA256 (EVP_MAC_fetch failed); check the OpenSSL 3 installation")
    }
    return context
  }()

  /// The 32-byte HMAC-SHA256 of `data` under `key`.
  public static func mac(key: [UInt8], data: [UInt8]) -> [UInt8] {
    data.withUnsafeBytes { mac(key: key, bytes: $0) }
  }

  /// The HMAC of a string's UTF-8 bytes.
  static func mac(key: [UInt8], utf8 string: String) -> [UInt8] {
    var string = string
    return string.withUTF8 { mac(key: key, bytes: UnsafeRawBufferPointer($0)) }
  }

  static func mac(key: [UInt8], bytes: UnsafeRawBufferPointer) -> [UInt8] {
    [UInt8](unsafeUninitializedCapacity: 32) { buffer, count in
      let ok = key.withUnsafeBufferPointer { keyBytes in
        potemkin_hmac_sha256(
          template, keyBytes.baseAddress, keyBytes.count,
          bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), bytes.count, buffer.baseAddress)
      }
      precondition(ok == 1, "OpenSSL HMAC-SHA256 failed")
      count = 32
    }
  }
}
