// swift-tools-version: 6.1
import PackageDescription

// Probe suites for the `.potemkinStack` trait, some failing on purpose. They are not part of the
// project's own test run: `TraitProbeTests` (Tests/PotemkinTestingTests) builds this package, runs
// one suite at a time with `swift test --filter <Suite>` against its own local backend, and checks
// the exit code, the console, the xunit report and the backend's stacks.
let package = Package(
  name: "potemkin-trait-probe",
  platforms: [.macOS(.v14)],
  dependencies: [
    .package(name: "potemkin-swift", path: "../..")
  ],
  targets: [
    .testTarget(
      name: "TraitProbeSuites",
      dependencies: [.product(name: "PotemkinTesting", package: "potemkin-swift")]
    )
  ]
)
