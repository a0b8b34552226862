import ArgumentParser
import Foundation
import Potemkin

/// `potemkin expect`: waits for AWS Config compliance results from a script.
struct ExpectCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "expect",
    abstract: "Wait until a Config rule reports the expected compliance for each resource.",
    discussion: """
      Each RESOURCE=COMPLIANCE argument is one expectation. RESOURCE is Type/id as AWS Config names it \
      (AWS::S3::Bucket/my-bucket) or a logical id of the stack given with --stack. COMPLIANCE is compliant, \
      non-compliant, not-applicable, insufficient-data or absent (no result at all), in any case.

      All expectations wait together on one shared poller; each result is printed as soon as it is known. \
      The first fresh result decides a resource. A missing rule, a missing or stopped configuration recorder, \
      a resource outside the rule's scope and a failing rule Lambda fail at once instead of waiting. The \
      exit status is 0 only when every expectation matched.

      Examples:
        potemkin expect --rule s3-bucket-kms-encryption --stack three-buckets KmsBucket=compliant AesBucket=non-compliant
        potemkin expect --rule required-tags AWS::EC2::Instance/i-0abc=NON_COMPLIANT --start-evaluation --timeout 20m
      """
  )

  @OptionGroup(title: "Connection")
  var connection: ConnectionOptions

  @Option(help: ArgumentHelp("The AWS Config rule name.", valueName: "name"))
  var rule: String

  @Argument(help: ArgumentHelp(
    "What each resource should be, as RESOURCE=COMPLIANCE.", valueName: "resource=compliance"))
  var expectations: [String]

  @Option(help: ArgumentHelp(
    "The stack whose logical ids RESOURCE may name.",
    discussion: "Results from before the stack was created are ignored (unless --since says otherwise).",
    valueName: "name"))
  var stack: String?

  @Option(
    help: ArgumentHelp(
      "Ignore results evaluated before this time: ISO 8601, Unix seconds, or a duration ago like 10m.",
      discussion: "Default: the creation time of --stack; without --stack any result counts.", valueName: "time"),
    transform: ArgumentParsing.time)
  var since: Date?

  @Option(
    help: ArgumentHelp("How long to wait for all results, e.g. 5m (default 15m).", valueName: "duration"),
    transform: ArgumentParsing.duration)
  var timeout: Duration?

  @Flag(help: "Start an evaluation of the rule first (StartConfigRulesEvaluation), e.g. for periodic rules.")
  var startEvaluation = false

  @Flag(help: "Print each result as one JSON object per line instead of text.")
  var json = false

  func validate() throws {
    guard !expectations.isEmpty else {
      throw ValidationError("Give at least one RESOURCE=COMPLIANCE, e.g. KmsBucket=compliant.")
    }
    for text in expectations {
      if case .failure(let error) = ExpectationArgument.parse(text) { throw ValidationError(error.description) }
      if case .success(let expectation) = ExpectationArgument.parse(text), case .logical = expectation.resource,
        stack == nil
      {
        throw ValidationError(
          "'\(text)' names a logical id; add --stack NAME, or give the resource as Type/id like AWS::S3::Bucket/my-bucket.")
      }
    }
  }

  func run() async throws {
    let cases = try expectations.map { text in
      (text: ExpectationArgument.resourceText(of: text), expectation: try ExpectationArgument.parse(text).get())
    }
    let aws = try await AWSConnection.resolve(
      region: connection.region, profile: connection.profile, environment: connection.commandEnvironment.environment)
    let run = ExpectationRun(
      rule: rule, cases: cases, stackName: stack, since: since, timeout: timeout, startEvaluation: startEvaluation)
    let json = self.json
    let outcomes = try await run.run(connection: aws) { outcome in
      Console.line(json ? outcome.jsonLine : outcome.line)
    }
    let failed = outcomes.filter { !$0.passed }.count
    if !json {
      Console.line(failed == 0
        ? "All \(outcomes.count) expectation(s) of \(rule) met."
        : "\(failed) of \(outcomes.count) expectation(s) of \(rule) not met.")
    }
    if failed > 0 { throw ExitCode.failure }
  }
}
