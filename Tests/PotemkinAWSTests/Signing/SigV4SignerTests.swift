import Foundation
import Testing
@testable import PotemkinAWS

@Suite("SigV4 signer")
struct SigV4SignerTests {
  static let date = Date(timeIntervalSince1970: 1_440_938_160)  // 2015-08-30T12:36:00Z

  @Test("SHA-256 of known inputs, contiguous or not")
  func sha256() {
    #expect(SHA256.hexHash(Data()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(SHA256.hexHash(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    let split = DispatchData(bytes: UnsafeRawBufferPointer(start: nil, count: 0))
    var joined = split
    for part in ["a", "b", "c"] { Array(part.utf8).withUnsafeBytes { joined.append($0) } }
    #expect(joined.regions.count > 1)
    #expect(SHA256.hexHash(joined) == SHA256.hexHash(Array("abc".utf8)))
  }

  @Test("HMAC-SHA256 matches RFC 4231 test case 2")
  func hmac() {
    let mac = HMACSHA256.mac(key: Array("Jefe".utf8), data: Array("what do ya want for nothing?".utf8))
    #expect(Hex.encode(mac) == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
  }

  @Test(
    "Timestamps render in UTC whole seconds",
    arguments: [
      (0.0, "19700101T000000Z"), (951_782_400.5, "20000229T000000Z"), (1_440_938_160, "20150830T123600Z"),
      (4_102_444_799.999, "20991231T235959Z"), (-1, "19691231T235959Z"),
    ])
  func timestamp(_ seconds: Double, _ expected: String) {
    let timestamp = SigV4Timestamp(Date(timeIntervalSince1970: seconds))
    #expect(timestamp.amzDate == expected)
    #expect(timestamp.dateStamp == String(expected.prefix(8)))
  }

  @Test("The cached signing key equals a freshly derived one")
  func signingKeyCache() {
    let cache = SigningKeyCache(capacity: 2)
    let fresh = SigningKeyCache.derive(secret: "secret", dateStamp: "20150830", region: "us-east-1", service: "iam")
    for _ in 0..<3 {
      #expect(cache.signingKey(secret: "secret", dateStamp: "20150830", region: "us-east-1", service: "iam") == fresh)
      _ = cache.signingKey(secret: "other", dateStamp: "20150830", region: "eu-west-1", service: "iam")
    }
    // AWS documentation example key for iam / us-east-1 / 20150830.
    let documented = SigningKeyCache.derive(
      secret: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", dateStamp: "20150830", region: "us-east-1", service: "iam")
    #expect(Hex.encode(documented) == "c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9")
  }

  @Test("S3 GET object example from the S3 documentation")
  func s3DocumentedExample() throws {
    let request = HTTPRequest(
      method: "GET", url: try #require(URL(string: "https://examplebucket.s3.amazonaws.com/test.txt")),
      headers: ["Range": "bytes=0-9"])
    let credentials = AWSCredentials(
      accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
    let steps = SigV4Signer.s3(region: "us-east-1").signingSteps(
      request, credentials: credentials, date: Date(timeIntervalSince1970: 1_369_353_600))
    #expect(steps.signedHeaders == "host;range;x-amz-content-sha256;x-amz-date")
    #expect(steps.signature == "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41")
    #expect(steps.request.headers["x-amz-content-sha256"] == SHA256.hexHash(Data()))
  }

  @Test("An existing x-amz-content-sha256 such as UNSIGNED-PAYLOAD is the payload hash and is kept")
  func unsignedPayload() throws {
    let request = HTTPRequest(
      method: "PUT", url: try #require(URL(string: "https://bucket.s3.amazonaws.com/key%20name")),
      headers: ["x-amz-content-sha256": "UNSIGNED-PAYLOAD"], body: Data("hello".utf8))
    let steps = SigV4Signer.s3(region: "eu-west-1").signingSteps(
      request, credentials: .init(accessKeyId: "AKID", secretAccessKey: "secret"), date: Self.date)
    #expect(steps.canonicalRequest.hasSuffix("\nUNSIGNED-PAYLOAD"))
    #expect(steps.canonicalRequest.hasPrefix("PUT\n/key%20name\n"))
    #expect(steps.request.headers.values(for: "x-amz-content-sha256") == ["UNSIGNED-PAYLOAD"])
  }

  @Test("Signing twice replaces the earlier Authorization, date and token")
  func resigning() throws {
    let signer = SigV4Signer(service: "sts", region: "us-east-1")
    let request = HTTPRequest(method: "POST", url: try #require(URL(string: "http://127.0.0.1:4566/")))
    let credentials = AWSCredentials(accessKeyId: "AKID", secretAccessKey: "secret", sessionToken: "token")
    let once = signer.signed(request, credentials: credentials, date: Self.date)
    let twice = signer.signed(once, credentials: credentials, date: Self.date.addingTimeInterval(60))
    #expect(twice.headers.values(for: "Authorization").count == 1)
    #expect(twice.headers.values(for: "X-Amz-Security-Token") == ["token"])
    #expect(twice.headers.values(for: "X-Amz-Date") == ["20150830T123700Z"])
    #expect(twice.headers["Host"] == "127.0.0.1:4566")
    #expect(twice == signer.signed(request, credentials: credentials, date: Self.date.addingTimeInterval(60)))
  }

  @Test(
    "Host header drops default ports and lower-cases the host",
    arguments: [
      ("https://Example.COM/", "example.com"), ("https://example.com:443/", "example.com"),
      ("http://example.com:80/", "example.com"), ("http://example.com:8443/", "example.com:8443"),
      ("http://[::1]:4566/", "[::1]:4566"),
    ])
  func hostHeader(_ url: String, _ expected: String) throws {
    #expect(SigV4Signer.hostHeader(for: try #require(URL(string: url))) == expected)
  }

  @Test("Hop-by-hop and user-agent headers are not signed")
  func unsignedHeaders() {
    let headers = SigV4Signer.canonicalHeaders([
      ("User-Agent", "x"), ("Connection", "keep-alive"), ("Expect", "100-continue"), ("X-B", " b  c "), ("x-b", "d"),
    ])
    #expect(headers.canonical == "x-b:b c,d")
    #expect(headers.signed == "x-b")
  }

  @Test("Concurrent signing with many scopes agrees with signing alone")
  func concurrentSigning() async throws {
    let request = HTTPRequest(method: "GET", url: try #require(URL(string: "https://sts.amazonaws.com/?Action=GetCallerIdentity")))
    let credentials = AWSCredentials(accessKeyId: "AKID", secretAccessKey: "secret")
    let regions = (0..<40).map { "region-\($0)" }  // more scopes than the key cache holds
    let expected = regions.map {
      SigV4Signer(service: "sts", region: $0).signed(request, credentials: credentials, date: Self.date).headers["Authorization"]
    }
    let mismatches = await withTaskGroup(of: Int.self) { group in
      for worker in 0..<8 {
        group.addTask {
          var mismatches = 0
          for round in 0..<100 {
            let index = (worker * 7 + round) % regions.count
            let signed = SigV4Signer(service: "sts", region: regions[index]).signed(
              request, credentials: credentials, date: Self.date)
            if signed.headers["Authorization"] != expected[index] { mismatches += 1 }
          }
          return mismatches
        }
      }
      return await group.reduce(0, +)
    }
    #expect(mismatches == 0)
  }
}
