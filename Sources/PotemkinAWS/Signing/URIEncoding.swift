/// Percent-encoding and decoding as SigV4 defines them: RFC 3986 unreserved characters
/// (`A-Z a-z 0-9 - . _ ~`) stay, every other byte becomes `%XX` with upper-case hex.
enum URIEncoding {
  private static let upperHex: [UInt8] = Array("0123456789ABCDEF".utf8)

  /// A table of the bytes kept as they are; `/` is kept only in `withSlash`.
  private static let unreserved: [Bool] = {
    var table = [Bool](repeating: false, count: 256)
    for byte in UInt8(ascii: "A")...UInt8(ascii: "Z") { table[Int(byte)] = true }
    for byte in UInt8(ascii: "a")...UInt8(ascii: "z") { table[Int(byte)] = true }
    for byte in UInt8(ascii: "0")...UInt8(ascii: "9") { table[Int(byte)] = true }
    for byte in "-._~".utf8 { table[Int(byte)] = true }
    return table
  }()

  private static let unreservedWithSlash: [Bool] = {
    var table = unreserved
    table[Int(UInt8(ascii: "/"))] = true
    return table
  }()

  /// Appends the encoding of `bytes` to `output`, keeping `/` when `keepSlash` is set.
  static func encode(_ bytes: some Sequence<UInt8>, keepSlash: Bool, into output: inout [UInt8]) {
    let table = keepSlash ? unreservedWithSlash : unreserved
    for byte in bytes {
      if table[Int(byte)] {
        output.append(byte)
      } else {
        output.append(UInt8(ascii: "%"))
        output.append(upperHex[Int(byte >> 4)])
        output.append(upperHex[Int(byte & 0x0F)])
      }
    }
  }

  /// The encoding of `bytes` as a string.
  static func encode(_ bytes: some Sequence<UInt8>, keepSlash: Bool) -> String {
    var output: [UInt8] = []
    output.reserveCapacity(bytes.underestimatedCount * 3)
    encode(bytes, keepSlash: keepSlash, into: &output)
    return String(decoding: output, as: UTF8.self)
  }

  /// Whether `bytes` needs no change to be its own encoding (fast path).
  static func isEncodedForm(_ bytes: some Collection<UInt8>, keepSlash: Bool) -> Bool {
    let table = keepSlash ? unreservedWithSlash : unreserved
    return bytes.allSatisfy { table[Int($0)] }
  }

  /// The bytes of `input` with each valid `%XX` replaced by its byte; `+` and invalid escapes stay literal.
  static func decode(_ input: some Collection<UInt8>) -> [UInt8] {
    var output: [UInt8] = []
    output.reserveCapacity(input.count)
    var index = input.startIndex
    while index != input.endIndex {
      let byte = input[index]
      if byte == UInt8(ascii: "%") {
        let first = input.index(after: index)
        if first != input.endIndex {
          let second = input.index(after: first)
          if second != input.endIndex, let high = hexValue(input[first]), let low = hexValue(input[second]) {
            output.append(high << 4 | low)
            index = input.index(after: second)
            continue
          }
        }
      }
      output.append(byte)
      index = input.index(after: index)
    }
    return output
  }

  private static func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
    case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
    case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
    default: nil
    }
  }
}
