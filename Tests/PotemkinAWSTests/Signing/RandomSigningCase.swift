import Foundation
@testable import PotemkinAWS

/// A small, fast, seedable generator (SplitMix64), so randomized cases repeat exactly.
struct SplitMix64: RandomNumberGenerator {
  private var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// One randomized request to sign, in the JSON shape `botocore_sign.py` reads.
struct RandomSigningCase: Codable, Sendable {
  var method: String
  /// The URL as sent: path and query already percent-encoded.
  var url: String
  var headers: [[String]]
  var body_base64: String
  var service: String
  var region: String
  var access_key: String
  var secret_key: String
  var token: String?
  var epoch_seconds: Int64

  var signer: SigV4Signer {
    service == "s3" ? .s3(region: region) : SigV4Signer(service: service, region: region)
  }

  var credentials: AWSCredentials {
    AWSCredentials(accessKeyId: access_key, secretAccessKey: secret_key, sessionToken: token)
  }

  func request() throws -> HTTPRequest {
    guard let url = URL(string: url) else { throw CocoaError(.fileReadInvalidFileName) }
    return HTTPRequest(
      method: method, url: url, headers: HTTPHeaders(headers.map { ($0[0], $0[1]) }),
      body: Data(base64Encoded: body_base64) ?? Data())
  }

  /// A short description of the request, without credentials.
  var summary: String {
    "\(method) \(url) [\(service) \(region)] headers=\(headers) body=\(body_base64.count) base64 chars token=\(token != nil)"
  }
}

extension RandomSigningCase {
  private static let pathCharacters: [String] =
    Array("abcXYZ019-_.~").map(String.init) + [" ", "  ", "+", "=", "%", "/", "?", "#", "&", ":", "@", "(", ")", "!", "*", ",", ";", "$", "'", "é", "ሴ", "😀", "%41", "~"]
  private static let queryCharacters: [String] =
    Array("abcXYZ019-_.~").map(String.init) + [" ", "+", "=", "%", "&", "/", "?", ":", "é", "ሴ", "😀", "%2B"]
  private static let queryKeys = ["Action", "Version", "a", "A", "b", "key with space", "ሴ", "x+y", "~t", "", "%", "a=b"]
  private static let headerNames = [
    "X-Custom", "x-custom", "X-CUSTOM", "X-Amz-Meta-Note", "Content-Type", "X-Amz-Target", "User-Agent", "Accept",
    "x-amz-meta-empty",
  ]
  private static let headerWords = ["a", "b c", "application/x-amz-json-1.1", "\"q\"", "é", "x=1;y=2", "1,2", "(v)", "UPPER"]
  private static let whitespace = [" ", "  ", "\t", " \t ", "   "]
  private static let hosts = [
    "config.us-east-1.amazonaws.com", "cloudformation.eu-west-1.amazonaws.com", "127.0.0.1:4566", "localhost:5000",
    "Bucket-Name.s3.amazonaws.com", "sts.amazonaws.com:443", "STS.Amazonaws.com",
  ]
  private static let services = ["config", "cloudformation", "sts", "s3"]
  private static let regions = ["us-east-1", "eu-west-1", "ap-southeast-2", "cn-north-1", "us-gov-west-1"]
  private static let base64Alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")

  static func make(using rng: inout SplitMix64) -> RandomSigningCase {
    let service = services.randomElement(using: &rng)!
    let method = ["GET", "POST", "PUT", "DELETE", "HEAD"].randomElement(using: &rng)!
    let scheme = Bool.random(using: &rng) ? "https" : "http"
    let host = hosts.randomElement(using: &rng)!
    let keepSubDelimiters = Int.random(in: 0..<3, using: &rng) == 0

    var path = ""
    for _ in 0..<Int.random(in: 0...4, using: &rng) {
      path += "/"
      switch Int.random(in: 0..<10, using: &rng) {
      case 0: path += "."
      case 1: path += ".."
      case 2: break  // empty segment: a double slash
      default:
        let raw = (0..<Int.random(in: 0...8, using: &rng)).map { _ in pathCharacters.randomElement(using: &rng)! }.joined()
        path += encode(raw, keeping: keepSubDelimiters ? "!$&'()*+,;=:@" : "")
      }
    }
    if path.isEmpty || Bool.random(using: &rng) { path += "/" }

    var url = "\(scheme)://\(host)\(path)"
    let pairCount = Int.random(in: -1...5, using: &rng)
    if pairCount >= 0 {
      var pairs: [String] = []
      for _ in 0..<pairCount {
        let key =
          Bool.random(using: &rng)
          ? queryKeys.randomElement(using: &rng)!
          : (0..<Int.random(in: 1...6, using: &rng)).map { _ in queryCharacters.randomElement(using: &rng)! }.joined()
        let value = (0..<Int.random(in: 0...8, using: &rng)).map { _ in queryCharacters.randomElement(using: &rng)! }.joined()
        switch Int.random(in: 0..<5, using: &rng) {
        case 0: pairs.append(encode(key, keeping: ""))
        case 1: pairs.append(encode(key, keeping: "") + "=")
        default: pairs.append(encode(key, keeping: "") + "=" + encode(value, keeping: ""))
        }
      }
      // Repeat a pair now and then: repeated keys, sometimes with the same value.
      if let repeated = pairs.randomElement(using: &rng), Bool.random(using: &rng) { pairs.append(repeated) }
      url += "?" + pairs.joined(separator: "&")
    }

    var headers: [[String]] = []
    for _ in 0..<Int.random(in: 0...5, using: &rng) {
      var value = ""
      if Bool.random(using: &rng) { value += whitespace.randomElement(using: &rng)! }
      let words = (0..<Int.random(in: 0...3, using: &rng)).map { _ in headerWords.randomElement(using: &rng)! }
      value += words.joined(separator: whitespace.randomElement(using: &rng)!)
      if Bool.random(using: &rng) { value += whitespace.randomElement(using: &rng)! }
      headers.append([headerNames.randomElement(using: &rng)!, value])
    }
    if Int.random(in: 0..<8, using: &rng) == 0 {
      headers.append([Bool.random(using: &rng) ? "Host" : "host", host.lowercased()])
    }
    if service != "s3", Int.random(in: 0..<6, using: &rng) == 0 {
      headers.append(["X-Amz-Content-SHA256", "UNSIGNED-PAYLOAD"])
    }

    var body: [UInt8] = []
    if method == "POST" || method == "PUT" || Int.random(in: 0..<6, using: &rng) == 0 {
      body = (0..<Int.random(in: 0...64, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
    }

    func randomText(_ count: Int, prefix: String = "") -> String {
      prefix + String((0..<count).map { _ in base64Alphabet.randomElement(using: &rng)! })
    }
    let accessKey = "AKIA" + String((0..<16).map { _ in Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567").randomElement(using: &rng)! })
    return RandomSigningCase(
      method: method, url: url, headers: headers, body_base64: Data(body).base64EncodedString(), service: service,
      region: regions.randomElement(using: &rng)!, access_key: accessKey, secret_key: randomText(40),
      token: Bool.random(using: &rng) ? randomText(Int.random(in: 20...120, using: &rng), prefix: "IQoJ") + "==" : nil,
      epoch_seconds: Int64.random(in: 1_420_070_400...2_051_222_400, using: &rng))
  }

  /// `raw` percent-encoded byte by byte, keeping RFC 3986 unreserved characters and `keeping`.
  private static func encode(_ raw: String, keeping: String) -> String {
    let kept = Set(keeping.utf8)
    var output = ""
    for byte in raw.utf8 {
      let isAlphanumeric =
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
        || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
      if isAlphanumeric || "-._~".utf8.contains(byte) || kept.contains(byte) {
        output.unicodeScalars.append(Unicode.Scalar(byte))
      } else {
        output += "%" + String(byte, radix: 16, uppercase: true).leftPadded()
      }
    }
    return output
  }
}

extension String {
  fileprivate func leftPadded() -> String { count == 1 ? "0" + self : self }
}
