/// Lets one task at a time through, in arrival order, without blocking a thread.
///
/// `swift test` runs of one package cannot overlap even with `--skip-build`: the second fails with
/// "database is locked" on the shared build database. The backends still start concurrently.
actor SerialGate {
  private var busy = false
  private var waiters: [CheckedContinuation<Void, Never>] = []

  /// Runs `body` once every earlier caller has finished.
  func run<T: Sendable>(_ body: @Sendable () async throws -> T) async rethrows -> T {
    await acquire()
    defer { release() }
    return try await body()
  }

  private func acquire() async {
    guard busy else {
      busy = true
      return
    }
    await withCheckedContinuation { waiters.append($0) }
  }

  private func release() {
    if waiters.isEmpty {
      busy = false
    } else {
      waiters.removeFirst().resume()
    }
  }
}
