import ArgumentParser
import Foundation
import Potemkin

/// The options every command that talks to AWS shares: where to connect and as whom.
struct ConnectionOptions: ParsableArguments {
  @Option(help: ArgumentHelp(
    "The AWS region, e.g. eu-west-1.",
    discussion: "Defaults to AWS_REGION, AWS_DEFAULT_REGION, then the profile's region."))
  var region: String?

  @Option(help: ArgumentHelp(
    "The shared-config profile to use.",
    discussion: "Defaults to AWS_PROFILE, then 'default'.", valueName: "name"))
  var profile: String?

  @Option(name: .customLong("endpoint-url"), help: ArgumentHelp(
    "Send every AWS request to this endpoint (sets AWS_ENDPOINT_URL).",
    discussion: "For the local backend or another AWS-compatible server, e.g. http://127.0.0.1:4566.",
    valueName: "url"))
  var endpointURL: String?

  @Flag(help: ArgumentHelp(
    "Use a local backend (same as POTEMKIN_BACKEND=local).",
    discussion: "Starts one for this command unless --endpoint-url or AWS_ENDPOINT_URL points at a running one."))
  var local = false

  func validate() throws {
    if let problem = CommandEnvironment.endpointProblem(endpointURL) { throw ValidationError(problem) }
    if let region, let problem = CommandEnvironment.regionProblem(region) { throw ValidationError(problem) }
  }

  /// The engine's view of these options over the process environment.
  var commandEnvironment: CommandEnvironment {
    CommandEnvironment(
      region: region, profile: profile, endpointURL: endpointURL, local: local,
      base: ProcessInfo.processInfo.environment)
  }
}
