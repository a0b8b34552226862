import CCurl
import Foundation
import Synchronization

/// The dedicated thread that drives every transfer of one `CurlTransport` through libcurl's multi interface.
///
/// Callers hand transfers in through a lock-protected inbox and wake the thread with
/// `curl_multi_wakeup`; the thread adds them to the multi handle, runs
/// `curl_multi_perform` / `curl_multi_poll`, and resumes each caller's continuation
/// when its transfer ends. No call here blocks Swift's cooperative pool: the only
/// waiting happens on this thread, in `curl_multi_poll`.
final class CurlMultiLoop: @unchecked Sendable {
  private struct Inbox {
    var submissions: [CurlTransfer] = []
    var cancellations: [CurlTransfer] = []
    var threadStarted = false
    var stopping = false
  }

  private let configuration: CurlTransport.Configuration
  /// The `CURLM *`; created with the loop, cleaned up by the thread when it stops.
  private let multi: UnsafeMutableRawPointer
  private let inbox = Mutex(Inbox())

  // Touched only by the curl thread.
  private var active: [UnsafeMutableRawPointer: CurlTransfer] = [:]
  private var idleHandles: [CurlEasyHandle] = []
  private let maxIdleHandles = 64

  init(configuration: CurlTransport.Configuration) {
    CurlGlobal.initializeOnce()
    self.configuration = configuration
    guard let multi = curl_multi_init() else { fatalError("libcurl could not allocate a multi handle (out of memory)") }
    self.multi = multi
    _ = potemkin_curl_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, max(0, configuration.maxConnectionsPerHost))
  }

  /// Queues `transfer` and wakes the curl thread, starting it on first use.
  func submit(_ transfer: CurlTransfer) {
    let startThread = inbox.withLock { inbox in
      inbox.submissions.append(transfer)
      defer { inbox.threadStarted = true }
      return !inbox.threadStarted
    }
    if startThread {
      let thread = Thread { [self] in run() }
      thread.name = "potemkin-curl"
      thread.start()
    }
    curl_multi_wakeup(multi)
  }

  /// Asks the curl thread to abort `transfer` (it then resumes the caller with `CancellationError`).
  func cancel(_ transfer: CurlTransfer) {
    transfer.cancelled.store(true, ordering: .sequentiallyConsistent)
    inbox.withLock { $0.cancellations.append(transfer) }
    curl_multi_wakeup(multi)
  }

  /// Lets the thread end once nothing is in flight; the owner calls it when it goes away.
  func shutdown() {
    let started = inbox.withLock { inbox in
      inbox.stopping = true
      return inbox.threadStarted
    }
    if started {
      curl_multi_wakeup(multi)
    } else {
      curl_multi_cleanup(multi)
    }
  }

  // MARK: The curl thread

  private func run() {
    while true {
      let (submissions, cancellations, stopping) = inbox.withLock { inbox in
        defer {
          inbox.submissions.removeAll(keepingCapacity: true)
          inbox.cancellations.removeAll(keepingCapacity: true)
        }
        return (inbox.submissions, inbox.cancellations, inbox.stopping)
      }
      // Submissions first: a transfer cancelled before it started is then already flagged.
      for transfer in submissions { start(transfer) }
      for transfer in cancellations { abort(transfer) }
      if stopping && active.isEmpty { break }

      var running: Int32 = 0
      curl_multi_perform(multi, &running)
      collectFinished()
      curl_multi_poll(multi, nil, 0, 10_000, nil)
    }
    idleHandles.removeAll()
    curl_multi_cleanup(multi)
  }

  private func start(_ transfer: CurlTransfer) {
    if transfer.cancelled.load(ordering: .sequentiallyConsistent) {
      transfer.finish(.failure(CancellationError()))
      return
    }
    guard let easy = idleHandles.popLast() ?? CurlEasyHandle() else {
      transfer.finish(.failure(TransportError(kind: .other, endpoint: transfer.endpoint, detail: "libcurl could not allocate a handle")))
      return
    }
    let code = transfer.configure(easy, with: configuration)
    if code != CURLE_OK {
      fail(transfer, easy: easy, code: code)
      return
    }
    let added = curl_multi_add_handle(multi, easy.handle)
    if added != CURLM_OK {
      let detail = String(cString: curl_multi_strerror(added))
      recycle(easy)
      transfer.finish(.failure(TransportError(kind: .other, endpoint: transfer.endpoint, detail: detail)))
      return
    }
    active[easy.handle] = transfer
  }

  private func abort(_ transfer: CurlTransfer) {
    guard let easy = transfer.easy, active[easy.handle] === transfer else { return }
    active[easy.handle] = nil
    curl_multi_remove_handle(multi, easy.handle)
    recycle(easy)
    transfer.finish(.failure(CancellationError()))
  }

  private func collectFinished() {
    var remaining: Int32 = 0
    while let message = curl_multi_info_read(multi, &remaining) {
      guard message.pointee.msg == CURLMSG_DONE, let handle = message.pointee.easy_handle,
        let transfer = active.removeValue(forKey: handle), let easy = transfer.easy
      else { continue }
      let code = potemkin_curl_msg_result(message)
      curl_multi_remove_handle(multi, handle)
      if code == CURLE_OK {
        let response = transfer.makeResponse(status: easy.info(CURLINFO_RESPONSE_CODE))
        recycle(easy)
        transfer.finish(.success(response))
      } else {
        fail(transfer, easy: easy, code: code)
      }
    }
  }

  private func fail(_ transfer: CurlTransfer, easy: CurlEasyHandle, code: CURLcode) {
    let errorText = easy.errorText
    let connectPhase = errorText?.localizedCaseInsensitiveContains("connection timed out") ?? false
    let error = TransportError(
      curlCode: code, errorText: errorText, osErrno: easy.info(CURLINFO_OS_ERRNO), endpoint: transfer.endpoint,
      timeout: connectPhase ? configuration.connectTimeout : transfer.timeout, caBundlePath: configuration.caBundlePath)
    recycle(easy)
    transfer.finish(.failure(error))
  }

  private func recycle(_ easy: CurlEasyHandle) {
    easy.reset()
    if idleHandles.count < maxIdleHandles { idleHandles.append(easy) }
  }
}
