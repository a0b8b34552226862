import PotemkinAWS

/// Delays between polls: starts fast, grows exponentially with jitter up to a cap, and can start over.
///
/// Each delay is drawn uniformly from the upper half of the current step (`step/2 ... step`),
/// so concurrent pollers spread out while the mean still grows.
public struct Backoff: Sendable, Hashable {
  /// The first step.
  public var initial: Duration
  /// The factor each step grows by.
  public var multiplier: Double
  /// The largest step.
  public var maximum: Duration
  private var step: Duration

  /// Creates a backoff that starts at `initial`, grows by `multiplier` and stops growing at `maximum`.
  public init(initial: Duration = .milliseconds(250), multiplier: Double = 1.6, maximum: Duration = .seconds(5)) {
    self.initial = initial
    self.multiplier = max(1, multiplier)
    self.maximum = max(initial, maximum)
    self.step = initial
  }

  /// The polling backoff for CloudFormation waits against AWS: 250 ms up to 5 s.
  public static let stackPolling = Backoff()

  /// The polling backoff for CloudFormation waits against a local or other custom endpoint: 100 ms up
  /// to 250 ms, since stacks there settle in seconds, a poll costs a few milliseconds, and every
  /// moment between a stack's completion and the next poll is added to the suite's wall time.
  public static let localStackPolling = Backoff(
    initial: .milliseconds(100), multiplier: 1.5, maximum: .milliseconds(250))

  /// The polling backoff for CloudFormation waits through `connection`.
  public static func stackPolling(for connection: AWSConnection) -> Backoff {
    connection.usesCustomEndpoint ? localStackPolling : stackPolling
  }

  /// Returns the next delay (with jitter) and grows the step.
  public mutating func next() -> Duration {
    var generator = SystemRandomNumberGenerator()
    return next(using: &generator)
  }

  /// Returns the next delay using `generator` for the jitter, and grows the step.
  public mutating func next<G: RandomNumberGenerator>(using generator: inout G) -> Duration {
    let seconds = step.inSeconds
    let delay = Double.random(in: (seconds / 2)...seconds, using: &generator)
    step = min(maximum, .nanoseconds(Int64(seconds * multiplier * 1e9)))
    return .nanoseconds(Int64(delay * 1e9))
  }

  /// The step the next delay is drawn from (without jitter).
  public var currentStep: Duration { step }

  /// Starts over at `initial` (after progress was seen).
  public mutating func reset() {
    step = initial
  }
}
