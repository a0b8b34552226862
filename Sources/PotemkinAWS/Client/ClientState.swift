import Foundation

/// The mutable state one client shares across concurrent calls: its clock offset and request counts.
final class ClientState: @unchecked Sendable {
  private let lock = NSLock()
  private var offset: TimeInterval = 0
  private var counts: [String: Int] = [:]

  /// Seconds to add to the local clock to get the services' time.
  var clockOffset: TimeInterval {
    get { lock.withLock { offset } }
    set { lock.withLock { offset = newValue } }
  }

  /// Adds one request to the count of `key`.
  func count(_ key: String) {
    lock.withLock { counts[key, default: 0] += 1 }
  }

  /// A snapshot of the counts.
  var requestCounts: [String: Int] { lock.withLock { counts } }
}
