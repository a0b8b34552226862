import PotemkinAWS

/// Retries a call whose failure would end the work (CreateStack, DeleteStack, S3 writes, a rule's
/// scope before a removal wait) when throttling or a transient fault outlasts the client's own retries.
enum AWSRetry {
  @discardableResult
  static func call<T: Sendable>(attempts: Int = 8, _ body: @Sendable () async throws -> T) async throws -> T {
    var backoff = Backoff(initial: .milliseconds(400), multiplier: 2, maximum: .seconds(8))
    var attempt = 0
    while true {
      attempt += 1
      do {
        return try await body()
      } catch let error as AWSError where (error.isThrottling || error.isTransient) && attempt < attempts {
        try await Task.sleep(for: backoff.next())
      }
    }
  }
}
