/// An error response from an AWS service: its code, message, HTTP status and request id.
///
/// The description reads like
/// `CloudFormation CreateStack failed: ValidationError (HTTP 400): Template format error: ... [request id 1a2b...]`.
/// It never contains credentials: only what the service sent back.
public struct AWSError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The error code, e.g. `ValidationError`, `ThrottlingException`, `NoSuchBucket`.
  public var code: String
  /// The service's message; for an unparseable body, the start of its text.
  public var message: String
  /// The HTTP status of the response.
  public var httpStatus: Int
  /// The request id from the `x-amzn-RequestId` / `x-amz-request-id` header or the body.
  public var requestId: String?
  /// The service name for people, e.g. `CloudFormation`.
  public var service: String
  /// The operation name, e.g. `CreateStack`.
  public var operation: String
  /// Whether the body could not be parsed as an AWS error and `message` is raw text.
  public var isRawFallback: Bool

  /// Creates an error.
  public init(
    code: String, message: String, httpStatus: Int, requestId: String? = nil, service: String, operation: String,
    isRawFallback: Bool = false
  ) {
    self.code = code
    self.message = message
    self.httpStatus = httpStatus
    self.requestId = requestId
    self.service = service
    self.operation = operation
    self.isRawFallback = isRawFallback
  }

  public var description: String {
    var text = "\(service) \(operation) failed: \(code) (HTTP \(httpStatus))"
    if !message.isEmpty { text += ": \(message)" }
    if let requestId, !requestId.isEmpty { text += " [request id \(requestId)]" }
    return text
  }

  /// Whether the service throttled the request (`Throttling`, `SlowDown`, `TooManyRequestsException`, ...).
  public var isThrottling: Bool { Self.throttlingCodes.contains(code) || httpStatus == 429 }

  /// Whether the error is a transient service fault (`RequestTimeout`, `InternalError`, HTTP 500/502/503/504).
  public var isTransient: Bool {
    Self.transientCodes.contains(code) || Self.transientStatuses.contains(httpStatus)
  }

  /// Whether the request failed because the client's clock differs from the service's.
  public var isClockSkew: Bool {
    if Self.clockSkewCodes.contains(code) { return true }
    if code == "SignatureDoesNotMatch" || code == "InvalidSignatureException" || code == "AuthFailure" {
      return message.contains("Signature expired") || message.contains("Signature not yet current")
    }
    return false
  }

  /// Whether `error` is an `AWSError` that is a throttling error.
  public static func isThrottling(_ error: any Error) -> Bool {
    (error as? AWSError)?.isThrottling ?? false
  }

  /// Whether `error` is an `AWSError` with the given code.
  public static func hasCode(_ code: String, _ error: any Error) -> Bool {
    (error as? AWSError)?.code == code
  }

  /// The error codes AWS SDKs treat as throttling (as in the SDKs' standard retry mode).
  public static let throttlingCodes: Set<String> = [
    "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
    "TooManyRequestsException", "ProvisionedThroughputExceededException", "TransactionInProgressException",
    "RequestLimitExceeded", "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled", "SlowDown",
    "PriorRequestNotComplete", "EC2ThrottledException",
  ]

  /// The error codes of transient service faults.
  public static let transientCodes: Set<String> = [
    "RequestTimeout", "RequestTimeoutException", "PriorRequestNotComplete", "InternalError", "InternalFailure",
    "InternalServiceError", "InternalServerError", "ServiceUnavailable", "ServiceUnavailableException",
  ]

  /// The HTTP statuses of transient faults.
  public static let transientStatuses: Set<Int> = [500, 502, 503, 504]

  /// The error codes that always mean clock skew.
  public static let clockSkewCodes: Set<String> = [
    "RequestTimeTooSkewed", "RequestExpired", "RequestInTheFuture",
  ]
}
