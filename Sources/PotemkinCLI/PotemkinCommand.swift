import ArgumentParser

/// The `potemkin` command: the local backend, account checks, clean-up and compliance waits outside a test suite.
@main
struct PotemkinCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "potemkin",
    abstract: "Integration-test tooling for custom AWS Config rules.",
    discussion: """
      Start the local AWS backend, check that an account is ready for Config rule tests, clean up \
      stacks an interrupted run left behind, and wait for AWS Config compliance results from any script.

      Every command that talks to AWS reads the usual AWS environment (AWS_PROFILE, AWS_REGION, \
      AWS_ENDPOINT_URL, ...) and POTEMKIN_BACKEND=local; --region, --profile, --endpoint-url and --local \
      override them.

      Example:
        potemkin local --stack-delay 1 --eval-delay 1 &
        export AWS_ENDPOINT_URL=http://127.0.0.1:4566
        potemkin doctor --rule s3-bucket-kms-encryption
      """,
    version: "0.1.0",
    subcommands: [LocalCommand.self, DoctorCommand.self, SweepCommand.self, ExpectCommand.self]
  )
}
