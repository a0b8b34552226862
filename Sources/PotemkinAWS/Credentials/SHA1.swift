import COpenSSL
import Foundation

/// SHA-1 through OpenSSL's EVP interface (only for SSO cache file names, not for security).
enum SHA1 {
  /// The lower-case hex SHA-1 digest of `text`'s UTF-8 bytes.
  static func hex(_ text: String) -> String {
    let bytes = Array(text.utf8)
    var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
    var length: UInt32 = 0
    let ok = bytes.withUnsafeBufferPointer { input in
      EVP_Digest(input.baseAddress, input.count, &digest, &length, EVP_sha1(), nil)
    }
    precondition(ok == 1, "EVP_Digest(SHA-1) failed")
    return digest.prefix(Int(length)).map { String(format: "%02x", $0) }.joined()
  }
}
