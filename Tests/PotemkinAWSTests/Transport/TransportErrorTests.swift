import CCurl
import Testing

@testable import PotemkinAWS

@Suite("Transport errors")
struct TransportErrorTests {
  @Test(
    "Each kind says what happened to which endpoint, what to check, and whether to retry",
    arguments: [
      (TransportError.Kind.couldNotResolveHost, "Could not resolve the host of", "AWS_ENDPOINT_URL", false),
      (.couldNotConnect, "Could not connect to", "server running", true),
      (.timedOut, "timed out after 2 s", "raise the transport's timeout", true),
      (.tlsFailure, "TLS connection to", "AWS_CA_BUNDLE", false),
      (.connectionLost, "was lost before a complete response arrived", "may succeed", true),
      (.other, "failed: boom", "(libcurl error 99).", false),
    ])
  func descriptions(kind: TransportError.Kind, happened: String, advice: String, retryable: Bool) {
    let error = TransportError(
      kind: kind, endpoint: "sts.us-east-1.amazonaws.com:443", detail: "boom", curlCode: 99, timeout: .seconds(2))
    #expect(error.description.contains("sts.us-east-1.amazonaws.com:443"))
    #expect(error.description.contains(happened), "\(error.description)")
    #expect(error.description.contains(advice), "\(error.description)")
    #expect(error.isRetryable == retryable)
    #expect(error.kind == kind)
  }

  @Test("AWS_CA_BUNDLE sets the default CA bundle only when it is not empty")
  func caBundleFromEnvironment() {
    #expect(CurlTransport.Configuration.caBundleFromEnvironment(["AWS_CA_BUNDLE": "/etc/ca.pem"]) == "/etc/ca.pem")
    #expect(CurlTransport.Configuration.caBundleFromEnvironment(["AWS_CA_BUNDLE": ""]) == nil)
    #expect(CurlTransport.Configuration.caBundleFromEnvironment([:]) == nil)
  }

  @Test(
    "libcurl result codes map to the kind a user and the retry policy expect",
    arguments: [
      (CURLE_COULDNT_RESOLVE_HOST, TransportError.Kind.couldNotResolveHost),
      (CURLE_COULDNT_RESOLVE_PROXY, .couldNotResolveHost),
      (CURLE_COULDNT_CONNECT, .couldNotConnect),
      (CURLE_OPERATION_TIMEDOUT, .timedOut),
      (CURLE_PEER_FAILED_VERIFICATION, .tlsFailure),
      (CURLE_SSL_CONNECT_ERROR, .tlsFailure),
      (CURLE_SSL_CACERT_BADFILE, .tlsFailure),
      (CURLE_SEND_ERROR, .connectionLost),
      (CURLE_RECV_ERROR, .connectionLost),
      (CURLE_GOT_NOTHING, .connectionLost),
      (CURLE_PARTIAL_FILE, .connectionLost),
      (CURLE_URL_MALFORMAT, .other),
    ])
  func curlCodes(code: CURLcode, kind: TransportError.Kind) {
    let error = TransportError(
      curlCode: code, errorText: nil, osErrno: 0, endpoint: "example.com:443", timeout: .seconds(5), caBundlePath: "/ca.pem")
    #expect(error.kind == kind)
    #expect(error.curlCode == Int(code.rawValue))
    #expect(!error.detail.isEmpty, "falls back to curl_easy_strerror")
    #expect((error.caBundlePath != nil) == (kind == .tlsFailure))
  }
}
