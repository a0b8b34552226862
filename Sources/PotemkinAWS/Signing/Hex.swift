/// Lower-case hex encoding through a lookup table.
enum Hex {
  private static let digits: [UInt8] = Array("0123456789abcdef".utf8)

  /// Appends `bytes` as lower-case hex digits to `output`.
  static func append(_ bytes: [UInt8], to output: inout [UInt8]) {
    digits.withUnsafeBufferPointer { table in
      for byte in bytes {
        output.append(table[Int(byte >> 4)])
        output.append(table[Int(byte & 0x0F)])
      }
    }
  }

  /// `bytes` as lower-case hex digits, two per byte.
  static func encode(_ bytes: [UInt8]) -> String {
    String(unsafeUninitializedCapacity: bytes.count * 2) { buffer in
      digits.withUnsafeBufferPointer { table in
        var index = 0
        for byte in bytes {
          buffer[index] = table[Int(byte >> 4)]
          buffer[index + 1] = table[Int(byte & 0x0F)]
          index += 2
        }
      }
      return bytes.count * 2
    }
  }
}
