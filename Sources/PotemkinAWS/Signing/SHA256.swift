import COpenSSL
import Foundation

/// SHA-256 digests through OpenSSL 3's EVP interface.
public enum SHA256 {
  /// The SHA-256 implementation, fetched once: OpenSSL 3 otherwise looks it up on every call.
  private nonisolated(unsafe) static let digest: OpaquePointer = {
    guard let digest = EVP_MD_fetch(nil, "SHA256", nil) else {
      fatalError("OpenSSL provides no SHA-256 (EVP_MD_fetch failed); check the OpenSSL 3 installation")
    }
    return digest
  }()

  /// The 32-byte SHA-256 digest of `data`.
  public static func hash(_ data: some DataProtocol) -> [UInt8] {
    let regions = data.regions
    if regions.count == 1, let region = regions.first {
      return region.withUnsafeBytes { hash(UnsafeRawBufferPointer($0)) }
    }
    var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
    guard let context = EVP_MD_CTX_new() else { fatalError("OpenSSL could not allocate a digest context") }
    defer { EVP_MD_CTX_free(context) }
    var length: UInt32 = 0
    guard EVP_DigestInit_ex(context, digest, nil) == 1 else { fatalError("OpenSSL SHA-256 init failed") }
    for region in regions {
      region.withUnsafeBytes { bytes in
        _ = EVP_DigestUpdate(context, bytes.baseAddress, bytes.count)
      }
    }
    guard EVP_DigestFinal_ex(context, &output, &length) == 1 else { fatalError("OpenSSL SHA-256 final failed") }
    return Array(output.prefix(Int(length)))
  }

  /// The SHA-256 digest of `data` as 64 lower-case hex digits.
  public static func hexHash(_ data: some DataProtocol) -> String {
    Hex.encode(hash(data))
  }

  /// The digest of contiguous bytes in one OpenSSL call.
  static func hash(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
    [UInt8](unsafeUninitializedCapacity: 32) { buffer, count in
      var length: UInt32 = 0
      let ok = EVP_Digest(bytes.baseAddress, bytes.count, buffer.baseAddress, &length, digest, nil)
      precondition(ok == 1 && length == 32, "OpenSSL SHA-256 digest failed")
      count = 32
    }
  }

  /// The digest of a string's UTF-8 bytes, without copying them when the string is native.
  static func hash(utf8 string: String) -> [UInt8] {
    var string = string
    return string.withUTF8 { hash(UnsafeRawBufferPointer($0)) }
  }
}
