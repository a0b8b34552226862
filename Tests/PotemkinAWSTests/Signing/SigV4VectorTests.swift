import Foundation
import Testing
@testable import PotemkinAWS

@Suite("SigV4 test suite vectors")
struct SigV4VectorTests {
  @Test("Vectors are stored")
  func vectorsPresent() {
    #expect(SigV4Vector.names.count >= 30, "expected the AWS SigV4 vectors under Fixtures/sigv4")
  }

  @Test("Canonical request, string to sign and Authorization match the vector", arguments: SigV4Vector.names)
  func vector(_ name: String) throws {
    let vector = try SigV4Vector.load(name)
    let request = try vector.request()
    let steps = vector.signer.signingSteps(
      request, credentials: vector.credentials, date: try vector.date(), wirePath: vector.wirePath)
    #expect(steps.canonicalRequest == vector.expectedCanonicalRequest)
    #expect(steps.stringToSign == vector.expectedStringToSign)
    #expect(steps.authorization == vector.expectedAuthorization)
  }

  /// Vectors whose raw path a URL can hold as is (not the raw spaces and UTF-8 of get-space, get-utf8).
  static let urlPathNames: [String] = SigV4Vector.names.filter { name in
    guard let vector = try? SigV4Vector.load(name), let request = try? vector.request() else { return true }
    return request.url.path(percentEncoded: true) == vector.wirePath
  }

  @Test("Only the vectors with a raw space or UTF-8 path are left out of the end-to-end check")
  func endToEndCoverage() {
    let leftOut = Set(SigV4Vector.names).subtracting(Self.urlPathNames)
    #expect(leftOut == ["get-space-normalized", "get-space-unnormalized", "get-utf8"])
  }

  @Test("signed() end to end gives the vector's Authorization", arguments: urlPathNames)
  func signedEndToEnd(_ name: String) throws {
    let vector = try SigV4Vector.load(name)
    let request = try vector.request()
    let signed = vector.signer.signed(request, credentials: vector.credentials, date: try vector.date())
    #expect(signed.headers["Authorization"] == vector.expectedAuthorization)
    #expect(signed.headers["X-Amz-Date"] == "20150830T123600Z")
    #expect(signed.headers.values(for: "Authorization").count == 1)
    #expect(signed.headers["X-Amz-Security-Token"] == vector.context.credentials.token)
  }
}
