/// A deterministic, non-cryptographic 128-bit hash (two FNV-1a 64 passes) for change detection.
///
/// Swift's `Hasher` is seeded per process, so it cannot tell whether a template changed between runs.
public enum StableHash {
  /// The lowercase hex hash of `text`'s UTF-8 bytes (32 characters).
  public static func hex(_ text: String) -> String {
    var first: UInt64 = 0xcbf2_9ce4_8422_2325
    var second: UInt64 = 0x8422_2325_cbf2_9ce4
    for byte in text.utf8 {
      first = (first ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
      second = (second ^ UInt64(byte ^ 0x5a)) &* 0x0000_0100_0000_01b3
    }
    func hex(_ value: UInt64) -> String {
      let digits = String(value, radix: 16)
      return String(repeating: "0", count: 16 - digits.count) + digits
    }
    return hex(first) + hex(second)
  }
}
