/// How to start the local AWS backend (`Tools/LocalAWS/server.py`).
public struct LocalBackendOptions: Sendable, Hashable {
  /// The port on 127.0.0.1; 0 picks a free one.
  public var port: Int = 0
  /// Seconds stacks stay CREATE_IN_PROGRESS / DELETE_IN_PROGRESS.
  public var stackDelay: Double = 0
  /// Seconds between a trigger and the Config rule evaluation it starts.
  public var evalDelay: Double = 0
  /// Fraction of API requests answered with a throttling error.
  public var throttleRate: Double = 0
  /// Fraction of API requests answered with HTTP 500 or 503.
  public var errorRate: Double = 0
  /// Whether to enforce SigV4 signatures.
  public var verifySignatures = false
  /// Seed for fault injection.
  public var seed: Int?
  /// Whether to start without the default configuration recorder.
  public var noRecorder = false
  /// Whether the backend logs requests and rule runs to stderr.
  public var verbose = false
  /// Extra command-line arguments for `server.py`.
  public var extraArguments: [String] = []
  /// How long to wait for the backend to accept requests.
  public var startTimeout: Duration = .seconds(90)

  /// Creates options; every field has a default.
  public init(
    port: Int = 0, stackDelay: Double = 0, evalDelay: Double = 0, throttleRate: Double = 0, errorRate: Double = 0,
    verifySignatures: Bool = false, seed: Int? = nil, noRecorder: Bool = false
  ) {
    self.port = port
    self.stackDelay = stackDelay
    self.evalDelay = evalDelay
    self.throttleRate = throttleRate
    self.errorRate = errorRate
    self.verifySignatures = verifySignatures
    self.seed = seed
    self.noRecorder = noRecorder
  }

  /// The `server.py` arguments for these options (with `--exit-with-parent`).
  public var arguments: [String] {
    var result = ["--port", String(port)]
    if stackDelay > 0 { result += ["--stack-delay", String(stackDelay)] }
    if evalDelay > 0 { result += ["--eval-delay", String(evalDelay)] }
    if throttleRate > 0 { result += ["--throttle-rate", String(throttleRate)] }
    if errorRate > 0 { result += ["--error-rate", String(errorRate)] }
    if verifySignatures { result.append("--verify-signatures") }
    if let seed { result += ["--seed", String(seed)] }
    if noRecorder { result.append("--no-recorder") }
    if verbose { result.append("--verbose") }
    result += extraArguments
    result.append("--exit-with-parent")
    return result
  }
}
