import Dispatch
import Foundation
import Synchronization

/// Handles SIGINT/SIGTERM through dispatch sources, with the default action ignored while installed.
public final class SignalForwarder: Sendable {
  private let sources: Mutex<[any DispatchSourceSignal]>
  private let signals: [Int32]

  /// Installs handlers for `signals`; `handler` runs on a private queue with the signal number.
  public init(signals: [Int32], handler: @escaping @Sendable (Int32) -> Void) {
    self.signals = signals
    let queue = DispatchQueue(label: "potemkin.signals")
    var made: [any DispatchSourceSignal] = []
    for number in signals {
      signal(number, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
      source.setEventHandler { handler(number) }
      source.resume()
      made.append(source)
    }
    sources = Mutex(made)
  }

  /// Removes the handlers and restores the default actions.
  public func cancel() {
    let all = sources.withLock { sources in
      defer { sources = [] }
      return sources
    }
    guard !all.isEmpty else { return }
    for source in all { source.cancel() }
    for number in signals { signal(number, SIG_DFL) }
  }
}
