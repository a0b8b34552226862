import Foundation
import Synchronization

/// A task executor on one dedicated thread whose signal mask is empty.
///
/// Child processes inherit the signal mask of the thread that spawns them, and Swift's cooperative
/// pool threads block most signals: a backend spawned there never sees SIGTERM or SIGINT. Code that
/// spawns children (`LocalBackend.run`) runs under `withTaskExecutorPreference(SignalReadyExecutor.shared)`
/// so the children start with every signal deliverable.
public final class SignalReadyExecutor: TaskExecutor, Sendable {
  /// The process-wide instance, its thread started on first use.
  public static let shared = SignalReadyExecutor()

  private struct Queue: ~Copyable {
    var jobs: [UnownedJob] = []
  }

  private let queue = Mutex(Queue())
  private let wakeUp = DispatchSemaphore(value: 0)

  private init() {
    let thread = Thread { [self] in
      var empty = sigset_t()
      sigemptyset(&empty)
      pthread_sigmask(SIG_SETMASK, &empty, nil)
      runLoop()
    }
    thread.name = "potemkin.signal-ready"
    thread.start()
  }

  /// Queues `job` to run on the executor's thread.
  public func enqueue(_ job: consuming ExecutorJob) {
    let job = UnownedJob(job)
    queue.withLock { $0.jobs.append(job) }
    wakeUp.signal()
  }

  private func runLoop() -> Never {
    while true {
      wakeUp.wait()
      let job = queue.withLock { queue -> UnownedJob? in
        queue.jobs.isEmpty ? nil : queue.jobs.removeFirst()
      }
      job?.runSynchronously(on: asUnownedTaskExecutor())
    }
  }
}
