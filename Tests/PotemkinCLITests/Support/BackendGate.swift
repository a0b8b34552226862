/// Limits how many local backends the CLI tests run at once, so parallel suites do not starve a small machine.
actor BackendGate {
  /// The gate of the test process: two backends at a time.
  static let shared = BackendGate(limit: 2)

  private let limit: Int
  private var running = 0
  private var waiting: [CheckedContinuation<Void, Never>] = []

  init(limit: Int) { self.limit = limit }

  /// Waits for a free slot and takes it.
  func enter() async {
    if running < limit {
      running += 1
      return
    }
    await withCheckedContinuation { waiting.append($0) }
  }

  /// Gives the slot to the next waiter, or frees it.
  func leave() {
    if waiting.isEmpty {
      running -= 1
    } else {
      waiting.removeFirst().resume()
    }
  }
}
