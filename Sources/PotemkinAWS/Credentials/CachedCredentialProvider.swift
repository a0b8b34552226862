import Foundation

/// Caches another provider's credentials and refreshes them before they expire.
///
/// Refresh starts `refreshWindow` before the expiry (five minutes by default). Concurrent
/// callers share one refresh in flight. If a refresh fails while the cached credentials
/// have not yet expired, the cached ones are returned.
public actor CachedCredentialProvider: CredentialProvider, CustomStringConvertible {
  /// The provider whose credentials are cached.
  public nonisolated let base: any CredentialProvider
  /// How long before expiry a refresh starts.
  public nonisolated let refreshWindow: Duration
  private let now: @Sendable () -> Date
  private var cached: AWSCredentials?
  private var inFlight: Task<AWSCredentials, any Error>?

  /// Creates a cache in front of `base`.
  /// - Parameters:
  ///   - refreshWindow: How long before expiry to refresh; at least five minutes is recommended.
  ///   - now: The clock (injectable for tests).
  public init(
    _ base: any CredentialProvider, refreshWindow: Duration = .seconds(300),
    now: @escaping @Sendable () -> Date = { Date() }
  ) {
    self.base = base
    self.refreshWindow = refreshWindow
    self.now = now
  }

  public func credentials() async throws -> AWSCredentials {
    if let cached, !needsRefresh(cached) { return cached }
    let task: Task<AWSCredentials, any Error>
    if let inFlight {
      task = inFlight
    } else {
      let base = self.base
      task = Task { try await base.credentials() }
      inFlight = task
    }
    do {
      let fresh = try await task.value
      if inFlight == task { inFlight = nil }
      cached = fresh
      return fresh
    } catch {
      if inFlight == task { inFlight = nil }
      if let cached, let expiration = cached.expiration, expiration > now() { return cached }
      throw error
    }
  }

  /// Forgets the cached credentials so the next call fetches new ones.
  public func invalidate() {
    cached = nil
  }

  private func needsRefresh(_ credentials: AWSCredentials) -> Bool {
    guard let expiration = credentials.expiration else { return false }
    let window = refreshWindow.inSeconds
    return expiration.timeIntervalSince(now()) < window
  }

  public nonisolated var description: String { "cached \(base)" }
}
