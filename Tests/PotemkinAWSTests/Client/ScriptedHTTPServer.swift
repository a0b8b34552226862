import Foundation
@testable import PotemkinAWS

/// A loopback HTTP server (a small Python program) that answers with a script of responses
/// and records the requests it received, for testing the client's retry loop end to end.
struct ScriptedHTTPServer {
  /// One scripted response.
  struct Response: Encodable {
    var status: Int
    var headers: [String: String] = [:]
    var body: String = ""
    /// When set, the `Date` header is the server's time plus this many seconds.
    var dateOffset: Double?
  }

  /// A request as the server recorded it.
  struct RecordedRequest: Decodable {
    var method: String
    var path: String
    var headers: [String: String]
    var time: Double

    /// The value of header `name`, compared case-insensitively.
    func header(_ name: String) -> String? {
      headers.first { $0.key.lowercased() == name.lowercased() }?.value
    }
  }

  private static let program = """
    import json, os, signal, sys, threading, time
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    from email.utils import formatdate
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
    script = json.loads(sys.argv[1])
    recorded = []
    lock = threading.Lock()
    parent = os.getppid()
    def watch():
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)
    threading.Thread(target=watch, daemon=True).start()
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True
        def log_message(self, *args):
            pass
        def answer(self):
            length = int(self.headers.get("Content-Length") or 0)
            if length:
                self.rfile.read(length)
            if self.path == "/_requests":
                with lock:
                    data = json.dumps(recorded).encode()
                status, headers = 200, {"Content-Type": "application/json"}
            else:
                with lock:
                    recorded.append({"method": self.command, "path": self.path,
                                     "headers": dict(self.headers.items()), "time": time.time()})
                    response = script.pop(0) if script else {"status": 200, "body": "<Ok/>"}
                status = response["status"]
                headers = dict(response.get("headers", {}))
                data = response.get("body", "").encode()
                offset = response.get("dateOffset")
                if offset is not None:
                    headers["Date"] = formatdate(time.time() + offset, usegmt=True)
            self.send_response_only(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(data)
        do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = answer
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    print("LISTENING=http://127.0.0.1:%d" % server.server_address[1], flush=True)
    server.serve_forever()
    """

  /// The running server.
  let server: TestServer

  /// Starts a server that answers with `responses` in order, then with `200 <Ok/>`.
  static func start(_ responses: [Response]) async throws -> ScriptedHTTPServer {
    let script = String(decoding: try JSONEncoder().encode(responses), as: UTF8.self)
    let server = try await TestServer.startAnnouncing(
      arguments: ["-c", program, script], readyPrefix: "LISTENING=", name: "The scripted HTTP server")
    return ScriptedHTTPServer(server: server)
  }

  /// The requests received so far (the `/_requests` query itself excluded).
  func requests() async throws -> [RecordedRequest] {
    let url = server.endpoint.appendingPathComponent("_requests")
    let response = try await CurlTransport.shared.send(HTTPRequest(method: "GET", url: url), timeout: .seconds(10))
    return try JSONDecoder().decode([RecordedRequest].self, from: response.body)
  }

  /// A client for this server with fast retries.
  func client(retryPolicy: RetryPolicy = RetryPolicy(throttlingBaseDelay: .milliseconds(10))) throws -> AWSClient {
    try AWSClient(
      configuration: .init(
        credentialProvider: StaticCredentialProvider(IntegrationClients.testing), retryPolicy: retryPolicy,
        requestTimeout: .seconds(10),
        environment: ["AWS_REGION": "us-east-1", "AWS_ENDPOINT_URL": server.endpoint.absoluteString]))
  }

  /// Stops the server.
  func stop() { server.stop() }
}
