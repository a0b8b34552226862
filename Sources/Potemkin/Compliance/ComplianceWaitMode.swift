/// How a waiter treats fresh results that do not match its expectation.
public enum ComplianceWaitMode: String, Sendable, Hashable, Codable, CustomStringConvertible {
  /// The first fresh result decides: a mismatch fails at once with the actual compliance.
  case firstResult
  /// Fresh results that do not match are ignored until one matches or the wait times out.
  case eventually

  public var description: String { rawValue }
}
