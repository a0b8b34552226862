/// How one attempt of a call failed, as the retry policy sees it.
public enum RetryOutcome: Sendable {
  /// The service answered with an error.
  case serviceError(AWSError, headers: HTTPHeaders)
  /// The request failed below HTTP (connect, DNS, TLS, timeout); `isRetryable` comes from the transport's classification.
  case transportFailure(isRetryable: Bool)
}
