import COpenSSL

/// HMAC-SHA256 through OpenSSL 3's one-shot `HMAC()` function.
public enum HMACSHA256 {
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
      var length: UInt32 = 0
      let result = key.withUnsafeBytes { keyBytes in
        HMAC(
          EVP_sha256(), keyBytes.baseAddress, Int32(keyBytes.count),
          bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), bytes.count,
          buffer.baseAddress, &length)
      }
      precondition(result != nil && length == 32, "OpenSSL HMAC-SHA256 failed")
      count = 32
    }
  }
}
