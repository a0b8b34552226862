import Foundation
@testable import PotemkinAWS

/// One case of the AWS SigV4 test suite, loaded from `Fixtures/sigv4/<name>/`.
struct SigV4Vector: Sendable {
  struct Context: Decodable, Sendable {
    struct Credentials: Decodable, Sendable {
      var access_key_id: String
      var secret_access_key: String
      var token: String?
    }
    var credentials: Credentials
    var region: String
    var service: String
    var timestamp: String
    var normalize: Bool
    var sign_body: Bool
  }

  var name: String
  var context: Context
  var method: String
  /// The request target's path exactly as written in `request.txt` (may hold raw spaces or UTF-8).
  var wirePath: String
  /// The request target (path and query) as written.
  var target: String
  var headers: [(String, String)]
  var body: Data
  var expectedCanonicalRequest: String
  var expectedStringToSign: String
  var expectedAuthorization: String


  static let folder: URL = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!
    .appending(path: "sigv4", directoryHint: .isDirectory)

  /// The names of every stored vector folder, sorted.
  static let names: [String] = {
    let entries = (try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: [.isDirectoryKey])) ?? []
    return entries.filter { (try? $0.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true }
      .map(\.lastPathComponent).sorted()
  }()

  static func load(_ name: String) throws -> SigV4Vector {
    let directory = folder.appending(path: name, directoryHint: .isDirectory)
    func text(_ file: String) throws -> String {
      try String(contentsOf: directory.appending(path: file), encoding: .utf8)
    }
    let context = try JSONDecoder().decode(Context.self, from: Data(contentsOf: directory.appending(path: "context.json")))
    let (method, target, headers, body) = try parseRequest(text("request.txt"))
    return SigV4Vector(
      name: name, context: context, method: method,
      wirePath: String(target.prefix { $0 != "?" }), target: target, headers: headers, body: body,
      expectedCanonicalRequest: try text("canonical-request.txt"),
      expectedStringToSign: try text("string-to-sign.txt"),
      expectedAuthorization: try text("authorization.txt"))
  }

  struct ParseError: Error, CustomStringConvertible {
    var description: String
  }

  /// Splits an HTTP/1.1 request as written in the suite: request line, headers (with obsolete
  /// line folding, kept as a newline inside the value), blank line, body.
  static func parseRequest(_ text: String) throws -> (String, String, [(String, String)], Data) {
    var lines = text.components(separatedBy: "\n")
    let requestLine = lines.removeFirst()
    guard let firstSpace = requestLine.firstIndex(of: " "), let versionStart = requestLine.range(of: " HTTP/", options: .backwards)
    else { throw ParseError(description: "bad request line: \(requestLine)") }
    let method = String(requestLine[..<firstSpace])
    let target = String(requestLine[requestLine.index(after: firstSpace)..<versionStart.lowerBound])
    var headers: [(String, String)] = []
    var bodyLines: [String]? = nil
    for line in lines {
      if bodyLines != nil {
        bodyLines!.append(line)
      } else if line.isEmpty {
        bodyLines = []
      } else if line.first == " " || line.first == "\t", !headers.isEmpty {
        headers[headers.count - 1].1 += "\n" + line
      } else if let colon = line.firstIndex(of: ":") {
        headers.append((String(line[..<colon]), String(line[line.index(after: colon)...])))
      } else {
        throw ParseError(description: "bad header line: \(line)")
      }
    }
    return (method, target, headers, Data((bodyLines ?? []).joined(separator: "\n").utf8))
  }

  var signer: SigV4Signer {
    SigV4Signer(
      service: context.service, region: context.region,
      options: .init(doubleURIEncodePath: true, normalizePath: context.normalize, addContentSHA256Header: context.sign_body))
  }

  var credentials: AWSCredentials {
    AWSCredentials(
      accessKeyId: context.credentials.access_key_id, secretAccessKey: context.credentials.secret_access_key,
      sessionToken: context.credentials.token)
  }

  func date() throws -> Date {
    try Date(context.timestamp, strategy: .iso8601)
  }

  /// The request with the URL Foundation makes of the target (it percent-encodes raw spaces and UTF-8).
  func request() throws -> HTTPRequest {
    let host = headers.first { $0.0.lowercased() == "host" }?.1 ?? "example.amazonaws.com"
    guard let url = URL(string: "https://\(host)\(target)") else {
      throw ParseError(description: "no URL from target \(target)")
    }
    return HTTPRequest(method: method, url: url, headers: HTTPHeaders(headers), body: body)
  }
}
