import CCurl

/// Runs `curl_global_init` once per process, before the first handle is made.
enum CurlGlobal {
  private static let initialized: Bool = {
    potemkin_curl_global_init_default() == CURLE_OK
  }()

  static func initializeOnce() {
    precondition(initialized, "curl_global_init failed; libcurl cannot be used in this process")
  }
}
