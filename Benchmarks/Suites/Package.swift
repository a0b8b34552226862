// swift-tools-version: 6.1
import PackageDescription

// Benchmark suites, run by Benchmarks/run against the local backend (release build).
// `ThreeBuckets` is the S3 sample's three cases on the same fixture; `ScaledBuckets`
// deploys one stack of BENCH_N buckets (alternating encryption) with one case each.
let package = Package(
  name: "potemkin-benchmark-suites",
  platforms: [.macOS(.v14)],
  dependencies: [
    .package(name: "potemkin-swift", path: "../..")
  ],
  targets: [
    .testTarget(
      name: "BenchmarkSuites",
      dependencies: [.product(name: "PotemkinTesting", package: "potemkin-swift")]
    )
  ]
)
