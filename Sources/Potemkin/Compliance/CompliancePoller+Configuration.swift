import Foundation

extension CompliancePoller {
  /// How often and how long the poller polls, and how it reports progress.
  public struct Configuration: Sendable {
    /// The shortest delay between two polls of a rule.
    public var minimumInterval: Duration = .milliseconds(500)
    /// The longest delay between two polls of a rule.
    public var maximumInterval: Duration = .seconds(10)
    /// How much the delay grows per unchanged poll.
    public var backoffFactor: Double = 1.5
    /// Random spread of each delay, as a fraction (0.2 = ±20 %).
    public var jitter: Double = 0.2
    /// How long the delay stays at the minimum after a start, a new waiter or a change.
    public var fastPhase: Duration = .seconds(5)
    /// How much earlier than the not-before time a result may be stamped and still count as fresh.
    ///
    /// The not-before time (the stack's creation) and the result's times both come from AWS
    /// clocks, so this only absorbs differences between service hosts and timestamp rounding.
    public var freshnessAllowance: Duration = .seconds(2)
    /// How often the rule's evaluation status is read while waiters are pending.
    public var statusInterval: Duration = .seconds(3)
    /// How long a waiter waits when the caller gives no timeout.
    public var defaultTimeout: Duration = .seconds(900)
    /// How long a failed invocation must stay the rule's latest before its waiters fail.
    public var failureGrace: Duration = .seconds(5)
    /// How many non-throttling errors in a row fail a rule's waiters.
    public var maximumConsecutiveErrors: Int = 5
    /// After how long a rule's wait starts reporting progress.
    public var progressAfter: Duration = .seconds(5)
    /// How often progress is reported after that.
    public var progressEvery: Duration = .seconds(10)
    /// Where progress lines go; `nil` is silence. Defaults to standard error.
    public var progress: (@Sendable (String) -> Void)? = { line in
      FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// The defaults, tuned for real AWS (polls back off to 10 s).
    public init() {}

    /// Tuned for a local backend: polls every 150 to 400 ms.
    public static var local: Configuration {
      var configuration = Configuration()
      // A local poll costs a few milliseconds: poll often so a verdict is seen within ~150 ms.
      configuration.minimumInterval = .milliseconds(150)
      configuration.maximumInterval = .milliseconds(400)
      configuration.statusInterval = .seconds(1)
      configuration.failureGrace = .seconds(2)
      return configuration
    }
  }

  /// What the poller has done so far, for diagnostics and benchmarks.
  public struct Statistics: Sendable, Hashable {
    /// AWS Config calls made, by action name (`GetComplianceDetailsByConfigRule`, ...).
    public var callCounts: [String: Int]
    /// Poll ticks run, over all rules (one tick reads all pending waiters of one rule).
    public var ticks: Int
    /// Waiters resolved with a matching result.
    public var resolved: Int
    /// Waiters that failed (mismatch, timeout, fail-fast).
    public var failed: Int
    /// When the last waiter was resolved, by this machine's clock.
    public var lastResolvedAt: Date?
  }
}
