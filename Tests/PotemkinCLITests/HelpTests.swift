import Testing

@Suite("potemkin --help")
struct HelpTests {
  @Test("Each command's help has an abstract, explains every option and shows an example", arguments: [
    ("local", "Start the local AWS backend", ["--port", "--stack-delay", "--eval-delay", "--throttle-rate",
      "--error-rate", "--verify-signatures", "--seed"]),
    ("doctor", "Check that an account and region are ready", ["--profile", "--region", "--rule", "--endpoint-url",
      "--local"]),
    ("sweep", "List, and with --yes delete", ["--older-than", "--run-id", "--owner", "--yes", "--region"]),
    ("expect", "Wait until a Config rule reports", ["--rule", "--stack", "--since", "--timeout",
      "--start-evaluation", "--json", "<resource=compliance>"]),
  ])
  func helpReadsWell(_ command: String, abstract: String, options: [String]) async throws {
    let result = try await CLIRunner.run([command, "--help"], timeout: .seconds(30))
    #expect(result.status == 0)
    #expect(result.stdout.contains(abstract), "help:\n\(result.stdout)")
    #expect(result.stdout.contains("Example"), "help:\n\(result.stdout)")
    for option in options {
      let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
      let index = lines.firstIndex { $0.trimmingCharacters(in: .whitespaces).hasPrefix(option) }
      let explained = index.map { index in
        // The explanation follows on the same line, or on the next, indented, when the option is long.
        lines[index].split(separator: " ").count > 2
          || (index + 1 < lines.count && lines[index + 1].hasPrefix("        ") && lines[index + 1].count > 20)
      } ?? false
      #expect(explained, "\(option) is not listed with an explanation in:\n\(result.stdout)")
    }
  }

  @Test("The root command lists its commands")
  func rootHelp() async throws {
    let result = try await CLIRunner.run(["--help"], timeout: .seconds(30))
    #expect(result.status == 0)
    for command in ["local", "doctor", "sweep", "expect"] {
      #expect(result.stdout.contains("  \(command) "), "help:\n\(result.stdout)")
    }
  }
}
