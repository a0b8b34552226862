import ArgumentParser
import Foundation
import Potemkin

/// `potemkin sweep`: lists and deletes the stacks interrupted runs left behind.
struct SweepCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sweep",
    abstract: "List, and with --yes delete, the stacks Potemkin runs left behind.",
    discussion: """
      Lists every stack that carries Potemkin's tags (potemkin:run-id, potemkin:owner, potemkin:created-at) \
      in the account and region, with its age, owner and status. Stacks without those tags are never \
      listed or touched. Nothing is deleted without --yes; with it, each listed stack is deleted and \
      waited for. A stack that ends in DELETE_FAILED is reported with the resources left behind; the exit \
      status is then 1.

      Examples:
        potemkin sweep
        potemkin sweep --older-than 2h --owner ci@runner-7 --yes
        potemkin sweep --run-id p20261126t1405-7k3q --yes
      """
  )

  @OptionGroup(title: "Connection")
  var connection: ConnectionOptions

  @Option(
    help: ArgumentHelp(
      "Only stacks at least this old, e.g. 30m, 2h, 1d.",
      discussion: "Age counts from the potemkin:created-at tag.", valueName: "duration"),
    transform: ArgumentParsing.duration)
  var olderThan: Duration?

  @Option(help: ArgumentHelp("Only stacks of this run (the potemkin:run-id tag).", valueName: "id"))
  var runId: String?

  @Option(help: ArgumentHelp("Only stacks of this owner (the potemkin:owner tag, user@host).", valueName: "owner"))
  var owner: String?

  @Flag(help: "Delete the listed stacks and wait until they are gone (without it, only list).")
  var yes = false

  func run() async throws {
    let aws = try await AWSConnection.resolve(
      region: connection.region, profile: connection.profile, environment: connection.commandEnvironment.environment)
    let sweeper = Sweeper(connection: aws)
    let filter = SweepFilter(olderThan: olderThan, runId: runId, owner: owner)
    let stacks = try await sweeper.candidates(filter)
    Console.line(SweepTable.render(stacks, region: aws.region, filtered: filter != SweepFilter()))
    guard yes, !stacks.isEmpty else {
      if !stacks.isEmpty { Console.line("Nothing deleted. Run again with --yes to delete these \(stacks.count) stack(s).") }
      return
    }
    Console.line("Deleting \(stacks.count) stack(s) and waiting until they are gone ...")
    let failures = await sweeper.deleteAll(stacks) { stack, outcome in
      Console.line(outcome.lines(for: stack).joined(separator: "\n"))
    }
    if failures > 0 { throw ExitCode.failure }
  }
}
