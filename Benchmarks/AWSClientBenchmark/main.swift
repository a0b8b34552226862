// Measures signed STS GetCallerIdentity-shaped POSTs per second through CurlTransport against a
// loopback keep-alive server, and signatures per second. Prints `key=value` lines that
// Benchmarks/client-benchmark turns into a table; figures only, no pass/fail.
//
// Usage: AWSClientBenchmark --port N [--count 2000] [--concurrency 8]

import Foundation
import PotemkinAWS

struct Options {
  var port = 0
  var count = 2_000
  var concurrency = 8

  init(_ arguments: [String]) {
    var iterator = arguments.dropFirst().makeIterator()
    while let argument = iterator.next() {
      let value = iterator.next().flatMap(Int.init)
      switch (argument, value) {
      case ("--port", let value?): port = value
      case ("--count", let value?): count = max(1, value)
      case ("--concurrency", let value?): concurrency = max(1, value)
      default:
        FileHandle.standardError.write(Data("unknown or incomplete option \(argument)\n".utf8))
        exit(2)
      }
    }
    guard port > 0 else {
      FileHandle.standardError.write(Data("usage: AWSClientBenchmark --port N [--count 2000] [--concurrency 8]\n".utf8))
      exit(2)
    }
  }
}

/// Builds and signs the request each measurement sends: what boto3's `sts.get_caller_identity()` sends.
struct CallerIdentityRequests: Sendable {
  let url: URL
  let credentials = AWSCredentials(
    accessKeyId: "AKIDEXAMPLEBENCHMARK", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")

  func make() -> HTTPRequest {
    HTTPRequest(
      method: "POST", url: url,
      headers: [
        "Content-Type": "application/x-www-form-urlencoded; charset=utf-8",
        "User-Agent": "potemkin-benchmark",
      ],
      body: Data("Action=GetCallerIdentity&Version=2011-06-15".utf8))
  }

  let signer = SigV4Signer(service: "sts", region: "us-east-1")

  /// A freshly signed request, dated now, as a client signs each call.
  func signed() -> HTTPRequest {
    signer.signed(make(), credentials: credentials, date: Date())
  }
}

/// Sends `count` requests one after another; returns requests per second and the connections used.
func sequential(_ transport: CurlTransport, _ requests: CallerIdentityRequests, count: Int) async throws -> (Double, Int) {
  var connections: Set<String> = []
  let clock = ContinuousClock()
  let start = clock.now
  for _ in 0..<count {
    let response = try await transport.send(requests.signed())
    guard response.status == 200 else { throw BenchmarkError("status \(response.status)") }
    if let id = response.headers["X-Connection-Id"] { connections.insert(id) }
  }
  return (Double(count) / seconds(clock.now - start), connections.count)
}

/// Sends `count` requests from `tasks` concurrent tasks; returns requests per second.
func concurrent(_ transport: CurlTransport, _ requests: CallerIdentityRequests, count: Int, tasks: Int) async throws -> Double {
  let clock = ContinuousClock()
  let start = clock.now
  try await withThrowingTaskGroup(of: Void.self) { group in
    for task in 0..<tasks {
      let share = count / tasks + (task < count % tasks ? 1 : 0)
      group.addTask {
        for _ in 0..<share {
          let response = try await transport.send(requests.signed())
          guard response.status == 200 else { throw BenchmarkError("status \(response.status)") }
        }
      }
    }
    try await group.waitForAll()
  }
  return Double(count) / seconds(clock.now - start)
}

/// Signs `count` requests without sending them; returns signatures per second.
func signatures(_ requests: CallerIdentityRequests, count: Int) -> Double {
  let clock = ContinuousClock()
  let start = clock.now
  var total = 0
  for _ in 0..<count { total &+= requests.signed().headers.fields.count }
  precondition(total > 0)
  return Double(count) / seconds(clock.now - start)
}

func seconds(_ duration: Duration) -> Double {
  let (seconds, attoseconds) = duration.components
  return Double(seconds) + Double(attoseconds) / 1e18
}

struct BenchmarkError: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}

let options = Options(CommandLine.arguments)
let requests = CallerIdentityRequests(url: URL(string: "http://127.0.0.1:\(options.port)/")!)
let transport = CurlTransport()

do {
  _ = try await sequential(transport, requests, count: 100)  // warm up: connection, handle pool, caches
  let (sequentialRate, connections) = try await sequential(transport, requests, count: options.count)
  let concurrentRate = try await concurrent(transport, requests, count: options.count, tasks: options.concurrency)
  let signatureRate = signatures(requests, count: options.count * 10)
  print("swift_count=\(options.count)")
  print("swift_sequential_rps=\(String(format: "%.0f", sequentialRate))")
  print("swift_sequential_connections=\(connections)")
  print("swift_concurrency=\(options.concurrency)")
  print("swift_concurrent_rps=\(String(format: "%.0f", concurrentRate))")
  print("swift_signatures_per_second=\(String(format: "%.0f", signatureRate))")
} catch {
  FileHandle.standardError.write(Data("benchmark failed: \(error)\n".utf8))
  exit(1)
}
