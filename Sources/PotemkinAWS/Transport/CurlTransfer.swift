import CCurl
import Foundation
import Synchronization

/// One request in flight on the curl thread: its options, the response as it arrives, and the waiting caller.
///
/// Created on the caller's task; after `submit` only the curl thread touches it,
/// except `isCancelled`, which is atomic.
final class CurlTransfer: @unchecked Sendable {
  let request: HTTPRequest
  let timeout: Duration
  /// Set by the task's cancellation handler before the curl thread is asked to abort.
  let cancelled = Atomic<Bool>(false)

  private var continuation: CheckedContinuation<HTTPResponse, any Error>?
  private(set) var easy: CurlEasyHandle?
  private var headerList: UnsafeMutablePointer<curl_slist>?
  private var responseHeaders = HTTPHeaders()
  private var responseBody = Data()

  init(request: HTTPRequest, timeout: Duration) {
    self.request = request
    self.timeout = timeout
  }

  /// The `host:port` this transfer is for, as errors name it.
  var endpoint: String {
    let host = request.url.host ?? "?"
    let port = request.url.port ?? (request.url.scheme?.lowercased() == "https" ? 443 : 80)
    return host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
  }

  /// Remembers who waits for the response; called once, before `submit`.
  func setContinuation(_ continuation: CheckedContinuation<HTTPResponse, any Error>) {
    self.continuation = continuation
  }

  /// Resumes the caller exactly once and releases the header list.
  func finish(_ result: Result<HTTPResponse, any Error>) {
    if let headerList { curl_slist_free_all(headerList) }
    headerList = nil
    easy = nil
    continuation?.resume(with: result)
    continuation = nil
  }

  // MARK: Setting up

  /// Sets every option of `easy` for this request.
  /// - Returns: The first failing option's code, or `CURLE_OK`.
  func configure(_ easy: CurlEasyHandle, with configuration: CurlTransport.Configuration) -> CURLcode {
    self.easy = easy
    let this = Unmanaged.passUnretained(self).toOpaque()
    var results: [CURLcode] = [
      easy.set(CURLOPT_URL, request.url.absoluteString),
      easy.set(CURLOPT_NOSIGNAL, 1),
      easy.set(CURLOPT_PATH_AS_IS, 1),
      easy.set(CURLOPT_PROTOCOLS_STR, "http,https"),
      easy.set(CURLOPT_SSL_VERIFYPEER, 1),
      easy.set(CURLOPT_SSL_VERIFYHOST, 2),
      easy.set(CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(configuration.connectTimeout)),
      easy.set(CURLOPT_TIMEOUT_MS, Self.milliseconds(timeout)),
      easy.set(CURLOPT_ERRORBUFFER, pointer: UnsafeMutableRawPointer(easy.errorBuffer)),
      potemkin_curl_easy_setopt_write_callback(easy.handle, CURLOPT_WRITEFUNCTION, curlWriteBody),
      easy.set(CURLOPT_WRITEDATA, pointer: this),
      potemkin_curl_easy_setopt_write_callback(easy.handle, CURLOPT_HEADERFUNCTION, curlWriteHeader),
      easy.set(CURLOPT_HEADERDATA, pointer: this),
    ]
    if let caBundlePath = configuration.caBundlePath { results.append(easy.set(CURLOPT_CAINFO, caBundlePath)) }
    // No CURLOPT_VERBOSE knob: libcurl's trace prints X-Amz-Security-Token in clear.
    results += configureMethodAndBody(easy)
    headerList = makeHeaderList()
    results.append(potemkin_curl_easy_setopt_slist(easy.handle, CURLOPT_HTTPHEADER, headerList))
    return results.first { $0 != CURLE_OK } ?? CURLE_OK
  }

  private func configureMethodAndBody(_ easy: CurlEasyHandle) -> [CURLcode] {
    let method = request.method.uppercased()
    if method == "HEAD" {
      return [easy.set(CURLOPT_NOBODY, 1)]
    }
    if request.body.isEmpty && !["POST", "PUT", "PATCH"].contains(method) {
      var results = [easy.set(CURLOPT_HTTPGET, 1)]
      if method != "GET" { results.append(easy.set(CURLOPT_CUSTOMREQUEST, request.method)) }
      return results
    }
    var results = [potemkin_curl_easy_setopt_off_t(easy.handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(request.body.count))]
    results.append(
      request.body.withUnsafeBytes { bytes in
        // COPYPOSTFIELDS copies exactly POSTFIELDSIZE bytes; an empty body still needs a valid pointer.
        let empty: StaticString = ""
        let base = bytes.baseAddress ?? UnsafeRawPointer(empty.utf8Start)
        return easy.set(CURLOPT_COPYPOSTFIELDS, pointer: UnsafeMutableRawPointer(mutating: base))
      })
    if method != "POST" { results.append(easy.set(CURLOPT_CUSTOMREQUEST, request.method)) }
    return results
  }

  /// The request's headers exactly as given, plus blanks that stop libcurl adding its own
  /// (`Expect: 100-continue`, `Accept: */*`, a form `Content-Type`), which would not be signed.
  private func makeHeaderList() -> UnsafeMutablePointer<curl_slist>? {
    var list: UnsafeMutablePointer<curl_slist>?
    for field in request.headers {
      // "Name:" would remove the header; "Name;" sends it with an empty value.
      let line = field.value.isEmpty ? "\(field.name);" : "\(field.name): \(field.value)"
      list = curl_slist_append(list, line)
    }
    for name in ["Expect", "Accept", "Content-Type"] where request.headers[name] == nil {
      list = curl_slist_append(list, "\(name):")
    }
    return list
  }

  static func milliseconds(_ duration: Duration) -> Int {
    let (seconds, attoseconds) = duration.components
    return max(1, Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000))
  }

  // MARK: Receiving

  fileprivate func receiveBody(_ bytes: UnsafeRawBufferPointer) {
    responseBody.append(bytes.assumingMemoryBound(to: UInt8.self))
  }

  fileprivate func receiveHeaderLine(_ bytes: UnsafeRawBufferPointer) {
    var line = String(decoding: bytes, as: UTF8.self)
    while line.last == "\n" || line.last == "\r" || line.last == "\r\n" { line.removeLast() }
    if line.hasPrefix("HTTP/") {
      // A new status line (after 100 Continue, a proxy CONNECT or a redirect) starts a new header block.
      responseHeaders = HTTPHeaders()
      responseBody.removeAll(keepingCapacity: true)
      return
    }
    guard !line.isEmpty else { return }
    if line.first == " " || line.first == "\t", let last = responseHeaders.fields.last {
      // An obsolete folded continuation line belongs to the previous field.
      var fields = Array(responseHeaders.fields.dropLast()).map { ($0.name, $0.value) }
      fields.append((last.name, last.value + " " + line.trimmingCharacters(in: .whitespaces)))
      responseHeaders = HTTPHeaders(fields)
      return
    }
    guard let colon = line.firstIndex(of: ":") else { return }
    let name = String(line[..<colon])
    let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    responseHeaders.add(name, value)
  }

  /// The complete response, once libcurl reports the transfer done.
  func makeResponse(status: Int) -> HTTPResponse {
    HTTPResponse(status: status, headers: responseHeaders, body: responseBody)
  }
}

private let curlWriteBody: curl_write_callback = { data, size, count, context in
  let length = size * count
  guard let context else { return 0 }
  let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
  if let data, length > 0 { transfer.receiveBody(UnsafeRawBufferPointer(start: data, count: length)) }
  return length
}

private let curlWriteHeader: curl_write_callback = { data, size, count, context in
  let length = size * count
  guard let context else { return 0 }
  let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
  if let data, length > 0 { transfer.receiveHeaderLine(UnsafeRawBufferPointer(start: data, count: length)) }
  return length
}
