/// The call statistics of a local backend (`GET /_potemkin/stats`).
public struct LocalBackendStats: Sendable, Hashable, Decodable {
  /// API calls by `service.Action`, e.g. `cloudformation.CreateStack`.
  public var calls: [String: Int]
  /// Injected faults by kind (`throttled`, `errors`).
  public var faults: [String: Int]
  /// Calls made by rule handlers the backend ran, by `service.Action`.
  public var runnerCalls: [String: Int]

  /// The number of calls of `action` (`service.Action`), zero when none.
  public func count(_ action: String) -> Int { calls[action] ?? 0 }

  private enum CodingKeys: String, CodingKey { case calls, faults, runnerCalls }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    calls = try container.decodeIfPresent([String: Int].self, forKey: .calls) ?? [:]
    faults = (try? container.decodeIfPresent([String: Int].self, forKey: .faults)) ?? [:]
    runnerCalls = (try? container.decodeIfPresent([String: Int].self, forKey: .runnerCalls)) ?? [:]
  }
}
