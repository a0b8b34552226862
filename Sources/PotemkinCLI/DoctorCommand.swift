import ArgumentParser
import Potemkin

/// `potemkin doctor`: checks that an account and region are ready for Config rule tests.
struct DoctorCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "doctor",
    abstract: "Check that an account and region are ready for Config rule tests.",
    discussion: """
      Prints one line per check, ✔ when fine and ✘ with the fix when not: the region and where it came \
      from, the credential source, the endpoint in use, who you are (STS GetCallerIdentity), whether \
      CloudFormation answers, whether an AWS Config configuration recorder exists, records and which \
      resource types, and for each --rule whether it exists, its scope, and how its last evaluation went. \
      The exit status is 1 when any check fails.

      Examples:
        potemkin doctor --profile sandbox --region eu-west-1 --rule s3-bucket-kms-encryption
        potemkin doctor --endpoint-url http://127.0.0.1:4566
      """
  )

  @OptionGroup(title: "Connection")
  var connection: ConnectionOptions

  @Option(
    name: .customLong("rule"),
    help: ArgumentHelp("A Config rule to check (repeat for several).", valueName: "name"))
  var rules: [String] = []

  func run() async throws {
    let report = await Doctor(environment: connection.commandEnvironment).run(rules: rules)
    Console.line(report.description)
    if !report.isHealthy { throw ExitCode.failure }
  }
}
