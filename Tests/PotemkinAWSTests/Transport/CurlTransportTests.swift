import Foundation
import Testing

@testable import PotemkinAWS

/// What `/echo` on the loopback server saw.
private struct Echo: Decodable {
  let method: String
  let path: String
  let headers: [[String]]
  let body_base64: String

  var body: Data { Data(base64Encoded: body_base64) ?? Data() }
  /// Header fields other than the two libcurl must add (`Host`, `Content-Length`).
  var addedByCaller: [[String]] { headers.filter { !["host", "content-length"].contains($0[0].lowercased()) } }
  func values(_ name: String) -> [String] { headers.filter { $0[0].lowercased() == name.lowercased() }.map { $0[1] } }
}

@Suite("Curl transport against a loopback server")
struct CurlTransportTests {
  static let signedLikeHeaders: [(String, String)] = [
    ("X-Amz-Date", "20150830T123600Z"),
    ("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc"),
    ("x-amz-meta-Odd", "  spaced value"),
    ("X-Empty", ""),
  ]

  @Test(
    "Echo round trip sends the method, path, headers and body exactly as given",
    arguments: [("GET", ""), ("DELETE", ""), ("POST", "Action=GetCallerIdentity&Version=2011-06-15"), ("PUT", "bytes\u{0}with\u{0}nul"), ("PATCH", "{}"), ("POST", "")])
  func echoRoundTrip(method: String, body: String) async throws {
    try await withLoopbackServer { server in
      let transport = CurlTransport()
      let request = HTTPRequest(
        method: method, url: server.url("/echo?b=2&a=1&a=0"), headers: HTTPHeaders(Self.signedLikeHeaders), body: Data(body.utf8))
      let response = try await transport.send(request)
      #expect(response.status == 200)
      let echo = try JSONDecoder().decode(Echo.self, from: response.body)
      #expect(echo.method == method)
      #expect(echo.path == "/echo?b=2&a=1&a=0")
      #expect(echo.addedByCaller.map { $0[0] } == Self.signedLikeHeaders.map(\.0), "no Expect, Accept or Content-Type added")
      #expect(echo.values("x-amz-meta-odd") == ["spaced value"])
      #expect(echo.values("x-empty") == [""])
      #expect(echo.body == Data(body.utf8))
      if ["POST", "PUT", "PATCH"].contains(method) || !body.isEmpty {
        #expect(echo.values("Content-Length") == ["\(body.utf8.count)"])
      }
    }
  }

  @Test("A Content-Type the caller gives is sent once and unchanged")
  func callerContentType() async throws {
    try await withLoopbackServer { server in
      let request = HTTPRequest(
        method: "POST", url: server.url("/echo"),
        headers: ["Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": "StarlingDoveService.DescribeConfigRules"],
        body: Data("{}".utf8))
      let echo = try JSONDecoder().decode(Echo.self, from: try await CurlTransport().send(request).body)
      #expect(echo.values("content-type") == ["application/x-amz-json-1.1"])
      #expect(echo.values("expect").isEmpty)
    }
  }

  @Test("HEAD returns the status and headers with no body")
  func head() async throws {
    try await withLoopbackServer { server in
      let response = try await CurlTransport().send(HTTPRequest(method: "HEAD", url: server.url("/echo")))
      #expect(response.status == 200)
      #expect(response.body.isEmpty)
      #expect(Int(try #require(response.headers["content-length"])) ?? 0 > 0)
    }
  }

  @Test("Response headers keep the server's order and an error status is a response, not a throw")
  func errorStatusIsAResponse() async throws {
    try await withLoopbackServer { server in
      let response = try await CurlTransport.shared.send(HTTPRequest(method: "GET", url: server.url("/status/503")))
      #expect(response.status == 503)
      #expect(String(decoding: response.body, as: UTF8.self) == "status 503")
      let names = response.headers.fields.map(\.name).filter { !["Server", "Date"].contains($0) }
      #expect(names == ["Content-Type", "Content-Length", "X-Connection-Id", "Retry-After"])
      #expect(response.headers["retry-after"] == "1")
    }
  }

  @Test("50 concurrent slow requests overlap instead of queueing")
  func concurrentRequestsOverlap() async throws {
    try await withLoopbackServer { server in
      let transport = CurlTransport()
      let clock = ContinuousClock()
      let start = clock.now
      let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
        for _ in 0..<50 {
          group.addTask { try await transport.send(HTTPRequest(method: "GET", url: server.url("/slow?ms=500"))).status }
        }
        return try await group.reduce(into: [Int]()) { $0.append($1) }
      }
      let elapsed = clock.now - start
      #expect(statuses == Array(repeating: 200, count: 50))
      #expect(elapsed < .seconds(5), "50 × 0.5 s requests took \(elapsed); serial would be 25 s")
    }
  }

  @Test("Sequential requests reuse one keep-alive connection")
  func keepAliveReuse() async throws {
    try await withLoopbackServer { server in
      let transport = CurlTransport()
      var connectionIds: Set<String> = []
      for index in 0..<20 {
        let method = index.isMultiple(of: 2) ? "GET" : "POST"
        let response = try await transport.send(HTTPRequest(method: method, url: server.url("/echo"), body: Data("x".utf8)))
        connectionIds.insert(try #require(response.headers["X-Connection-Id"]))
      }
      #expect(connectionIds.count == 1, "connections used: \(connectionIds.sorted())")
    }
  }

  @Test("Cancelling the task aborts a slow transfer promptly with CancellationError")
  func cancellation() async throws {
    try await withLoopbackServer { server in
      let transport = CurlTransport()
      let clock = ContinuousClock()
      let task = Task {
        try await transport.send(HTTPRequest(method: "GET", url: server.url("/slow?ms=5000")))
      }
      try await Task.sleep(for: .milliseconds(200))
      let start = clock.now
      task.cancel()
      let result = await task.result
      let elapsed = clock.now - start
      #expect(throws: CancellationError.self) { try result.get() }
      #expect(elapsed < .milliseconds(1500), "cancellation took \(elapsed)")
      // The transport keeps working after an aborted transfer.
      #expect(try await transport.send(HTTPRequest(method: "GET", url: server.url("/status/204"))).status == 204)
    }
  }

  @Test("A task cancelled before sending never starts the transfer")
  func cancelledBeforeSend() async throws {
    try await withLoopbackServer { server in
      let transport = CurlTransport()
      let task = Task {
        withUnsafeCurrentTask { $0?.cancel() }
        return try await transport.send(HTTPRequest(method: "GET", url: server.url("/slow?ms=5000")))
      }
      await #expect(throws: CancellationError.self) { try await task.value }
    }
  }

  @Test("The total timeout ends a transfer with a retryable timedOut error")
  func totalTimeout() async throws {
    try await withLoopbackServer { server in
      let error = await #expect(throws: TransportError.self) {
        try await CurlTransport().send(HTTPRequest(method: "GET", url: server.url("/slow?ms=3000")), timeout: .milliseconds(300))
      }
      #expect(error?.kind == .timedOut)
      #expect(error?.isRetryable == true)
      #expect(error?.description.contains("127.0.0.1:\(server.port) timed out after 0.3 s") == true, "\(String(describing: error))")
    }
  }

  @Test("The configured timeout applies when the request gives none")
  func configuredTimeout() async throws {
    try await withLoopbackServer { server in
      let transport = CurlTransport(configuration: .init(timeout: .milliseconds(300)))
      let error = await #expect(throws: TransportError.self) {
        try await transport.send(HTTPRequest(method: "GET", url: server.url("/slow?ms=3000")))
      }
      #expect(error?.kind == .timedOut)
    }
  }

  @Test("A refused connection gives a readable couldNotConnect error naming host and port")
  func connectionRefused() async throws {
    // Port 1 (tcpmux) has no listener on a test machine, so the kernel refuses at once.
    let error = await #expect(throws: TransportError.self) {
      try await CurlTransport.shared.send(HTTPRequest(method: "GET", url: URL(string: "http://127.0.0.1:1/")!))
    }
    #expect(error?.kind == .couldNotConnect)
    #expect(error?.isRetryable == true)
    let description = error?.description ?? ""
    #expect(description.hasPrefix("Could not connect to 127.0.0.1:1: connection refused"), "\(description)")
    #expect(description.contains("Is the endpoint right and the server running?"))
  }

  @Test("A connection closed without a response gives connectionLost")
  func abruptClose() async throws {
    try await withLoopbackServer { server in
      let error = await #expect(throws: TransportError.self) {
        try await CurlTransport().send(HTTPRequest(method: "GET", url: server.url("/close")))
      }
      #expect(error?.kind == .connectionLost)
      #expect(error?.isRetryable == true)
      #expect(error?.description.contains("127.0.0.1:\(server.port)") == true)
    }
  }

  @Test("Large bodies arrive intact both ways")
  func largeBodies() async throws {
    try await withLoopbackServer { server in
      let transport = CurlTransport()
      let count = 8_000_000
      let download = try await transport.send(HTTPRequest(method: "GET", url: server.url("/bytes?n=\(count)")))
      #expect(download.body.count == count)
      #expect(download.body == Self.repeating(Data((0..<251).map { UInt8($0) }), count: count))

      let upload = Self.repeating(Data("0123456789abcdefghijklmnopqrstuvwxyz\u{0}\u{1}\u{2}".utf8), count: 6_000_000)
      let echoed = try await transport.send(HTTPRequest(method: "PUT", url: server.url("/echo-raw"), body: upload))
      #expect(echoed.status == 200)
      #expect(echoed.body == upload)
    }
  }

  private static func repeating(_ pattern: Data, count: Int) -> Data {
    var data = Data(capacity: count + pattern.count)
    while data.count < count { data.append(pattern) }
    return data.prefix(count)
  }
}
