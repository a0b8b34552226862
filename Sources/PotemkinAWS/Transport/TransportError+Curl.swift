import CCurl
import Foundation

extension TransportError {
  /// Classifies a failed libcurl transfer and keeps libcurl's own explanation.
  init(curlCode: CURLcode, errorText: String?, osErrno: Int, endpoint: String, timeout: Duration, caBundlePath: String?) {
    let kind: Kind
    switch curlCode {
    case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
      kind = .couldNotResolveHost
    case CURLE_COULDNT_CONNECT:
      kind = .couldNotConnect
    case CURLE_OPERATION_TIMEDOUT:
      kind = .timedOut
    case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
      CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH,
      CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_CRL_BADFILE, CURLE_SSL_ENGINE_INITFAILED, CURLE_SSL_ENGINE_NOTFOUND,
      CURLE_SSL_ENGINE_SETFAILED, CURLE_USE_SSL_FAILED:
      kind = .tlsFailure
    case CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE, CURLE_HTTP2,
      CURLE_HTTP2_STREAM, CURLE_HTTP3, CURLE_QUIC_CONNECT_ERROR:
      kind = .connectionLost
    default:
      kind = .other
    }
    var detail = errorText ?? String(cString: curl_easy_strerror(curlCode))
    if osErrno != 0, kind == .couldNotConnect || kind == .connectionLost {
      // "connection refused" says more to a user than libcurl's "Couldn't connect to server".
      detail = String(cString: strerror(Int32(osErrno))).lowercased() + " (\(detail))"
    }
    self.init(
      kind: kind, endpoint: endpoint, detail: detail, curlCode: Int(curlCode.rawValue),
      timeout: kind == .timedOut ? timeout : nil,
      caBundlePath: kind == .tlsFailure ? caBundlePath : nil)
  }
}
