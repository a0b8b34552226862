import ArgumentParser
import Foundation
import Potemkin

/// `potemkin local`: runs the local AWS backend in the foreground.
struct LocalCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "local",
    abstract: "Start the local AWS backend (moto based) in the foreground.",
    discussion: """
      On first use this sets up the backend's Python environment (<repo>/.venv, about a minute, \
      progress on stderr); later starts take a few seconds. Once the backend accepts requests, one line \
      goes to stdout:

        AWS_ENDPOINT_URL=http://127.0.0.1:PORT

      Export it (or pass --endpoint-url) so tests, the other potemkin commands and the AWS CLI use the \
      backend. The backend's logs go to stderr. Ctrl-C stops it cleanly. Set POTEMKIN_PYTHON to use an \
      interpreter that already has moto, boto3 and cfn-lint instead of <repo>/.venv.

      Examples:
        potemkin local --port 4566
        potemkin local --stack-delay 2 --eval-delay 1 --throttle-rate 0.1 --seed 7
      """
  )

  @Option(help: ArgumentHelp("The port to listen on at 127.0.0.1 (0 picks a free one).", valueName: "n"))
  var port: Int = 0

  @Option(help: ArgumentHelp(
    "Seconds stacks stay in CREATE_IN_PROGRESS and DELETE_IN_PROGRESS.", valueName: "seconds"))
  var stackDelay: Double = 0

  @Option(help: ArgumentHelp(
    "Seconds between a trigger (resource change, StartConfigRulesEvaluation) and the rule's evaluation.",
    valueName: "seconds"))
  var evalDelay: Double = 0

  @Option(help: ArgumentHelp(
    "Fraction of API requests (0 to 1) answered with a throttling error.", valueName: "p"))
  var throttleRate: Double = 0

  @Option(help: ArgumentHelp(
    "Fraction of API requests (0 to 1) answered with HTTP 500 or 503.", valueName: "p"))
  var errorRate: Double = 0

  @Flag(help: "Reject requests whose SigV4 signature does not match (IAM users' keys).")
  var verifySignatures = false

  @Option(help: ArgumentHelp("Seed for fault injection, so a run can be repeated.", valueName: "n"))
  var seed: Int?

  @Flag(help: "Start without the default AWS Config configuration recorder (to rehearse a broken account).")
  var noRecorder = false

  @Flag(help: "Log every request and rule run to stderr.")
  var verbose = false

  func validate() throws {
    guard (0...65_535).contains(port) else {
      throw ValidationError("--port \(port) is not a port; give 1 to 65535, or 0 for a free one.")
    }
    for (name, value) in [("--stack-delay", stackDelay), ("--eval-delay", evalDelay)] where value < 0 {
      throw ValidationError("\(name) \(value) is negative; give a number of seconds, 0 or more.")
    }
    for (name, value) in [("--throttle-rate", throttleRate), ("--error-rate", errorRate)]
    where !(0...1).contains(value) {
      throw ValidationError("\(name) \(value) is not a fraction; give a number from 0 to 1, e.g. 0.1 for 10%.")
    }
  }

  func run() async throws {
    var options = LocalBackendOptions(
      port: port, stackDelay: stackDelay, evalDelay: evalDelay, throttleRate: throttleRate, errorRate: errorRate,
      verifySignatures: verifySignatures, seed: seed, noRecorder: noRecorder)
    options.verbose = verbose
    // The backend is spawned from a thread that blocks no signals, so it sees the SIGTERM that stops it.
    let status = try await withTaskExecutorPreference(SignalReadyExecutor.shared) {
      try await LocalBackend.run(options: options)
    }
    // Stopped by Ctrl-C or SIGTERM is a clean stop; anything else is the backend failing.
    if status != 0 && status != SIGTERM && status != SIGINT { throw ExitCode(status) }
  }
}
