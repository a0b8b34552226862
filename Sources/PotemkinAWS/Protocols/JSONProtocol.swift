import Foundation

/// The encoders and decoders of the AWS JSON 1.1 protocol (Config).
///
/// Member names on the wire are PascalCase for most operations and camelCase for a few
/// (`ListDiscoveredResources`, recorders); Swift properties are camelCase. Decoding lowers the
/// first letter of every key, so both forms map onto the same properties. Timestamps are
/// epoch seconds, possibly fractional.
enum JSONProtocol {
  /// The content type of JSON 1.1 requests.
  static let contentType = "application/x-amz-json-1.1"

  /// An encoder that writes PascalCase member names (`ConfigRuleName`), or camelCase when `pascalCase` is false.
  static func encoder(pascalCase: Bool = true) -> JSONEncoder {
    let encoder = JSONEncoder()
    encoder.dateEncodingStrategy = .secondsSince1970
    encoder.outputFormatting = [.sortedKeys]
    if pascalCase {
      encoder.keyEncodingStrategy = .custom { path in
        AnyKey(path.last!.stringValue.prefix(1).uppercased() + path.last!.stringValue.dropFirst())
      }
    }
    return encoder
  }

  /// A decoder that accepts PascalCase and camelCase member names and epoch-second timestamps.
  static func decoder() -> JSONDecoder {
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .secondsSince1970
    decoder.keyDecodingStrategy = .custom { path in
      let key = path.last!.stringValue
      return AnyKey(key.prefix(1).lowercased() + key.dropFirst())
    }
    return decoder
  }

  /// A coding key made from a string.
  struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { return nil }
  }
}

/// The empty JSON object some operations send or return.
struct EmptyJSON: Codable, Sendable {}
