import CCurl

/// One libcurl easy handle and its error buffer, reused across transfers on the curl thread.
///
/// Only the curl thread touches it. Reuse (after `curl_easy_reset`) keeps libcurl's
/// per-handle caches warm; connections themselves live in the multi handle's cache.
final class CurlEasyHandle {
  /// The `CURL *`.
  let handle: UnsafeMutableRawPointer
  /// A `CURL_ERROR_SIZE` buffer libcurl fills with the reason of a failure.
  let errorBuffer: UnsafeMutablePointer<CChar>

  /// Creates a handle, or returns `nil` when libcurl cannot allocate one.
  init?() {
    guard let handle = curl_easy_init() else { return nil }
    self.handle = handle
    errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
    errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
  }

  /// Clears every option so the handle can serve the next transfer.
  func reset() {
    curl_easy_reset(handle)
    errorBuffer[0] = 0
  }

  /// The text libcurl left in the error buffer, or `nil` when it is empty.
  var errorText: String? {
    errorBuffer[0] == 0 ? nil : String(cString: errorBuffer)
  }

  /// Sets a numeric option.
  @discardableResult
  func set(_ option: CURLoption, _ value: Int) -> CURLcode {
    potemkin_curl_easy_setopt_long(handle, option, value)
  }

  /// Sets a string option; libcurl copies the string.
  @discardableResult
  func set(_ option: CURLoption, _ value: String) -> CURLcode {
    potemkin_curl_easy_setopt_string(handle, option, value)
  }

  /// Sets a pointer option.
  @discardableResult
  func set(_ option: CURLoption, pointer: UnsafeMutableRawPointer?) -> CURLcode {
    potemkin_curl_easy_setopt_pointer(handle, option, pointer)
  }

  /// Reads a numeric transfer property.
  func info(_ info: CURLINFO) -> Int {
    var value = 0
    _ = potemkin_curl_easy_getinfo_long(handle, info, &value)
    return value
  }

  deinit {
    curl_easy_cleanup(handle)
    errorBuffer.deallocate()
  }
}
