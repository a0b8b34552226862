// swift-tools-version: 6.1
import PackageDescription

// Sample suites for two custom AWS Config rules. Each suite deploys its rule
// stack, then its fixture stacks, and checks the rule's verdict per resource.
// Run them against the local backend: `POTEMKIN_BACKEND=local swift test`.
let package = Package(
  name: "potemkin-samples",
  platforms: [.macOS(.v14)],
  dependencies: [
    .package(name: "potemkin-swift", path: "..")
  ],
  targets: [
    .testTarget(
      name: "S3BucketKMSEncryptionTests",
      dependencies: [.product(name: "PotemkinTesting", package: "potemkin-swift")]
    ),
    .testTarget(
      name: "IAMRolePermissionsBoundaryTests",
      dependencies: [.product(name: "PotemkinTesting", package: "potemkin-swift")]
    ),
  ]
)
