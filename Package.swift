// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "potemkin-swift",
  platforms: [.macOS(.v14)],
  products: [
    .library(name: "PotemkinAWS", targets: ["PotemkinAWS"]),
    .library(name: "Potemkin", targets: ["Potemkin"]),
    .library(name: "PotemkinTesting", targets: ["PotemkinTesting"]),
    .executable(name: "potemkin", targets: ["PotemkinCLI"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
    .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
  ],
  targets: [
    // C system libraries: module map + shim header of typed wrappers for variadic calls.
    .systemLibrary(
      name: "CCurl",
      pkgConfig: "libcurl",
      providers: [.apt(["libcurl4-openssl-dev"]), .brew(["curl"])]
    ),
    .systemLibrary(
      name: "COpenSSL",
      pkgConfig: "libcrypto",
      providers: [.apt(["libssl-dev"]), .brew(["openssl@3"])]
    ),

    // AWS client: signing, transport, credentials, endpoints, retries, wire protocols.
    .target(
      name: "PotemkinAWS",
      dependencies: [
        "CCurl",
        "COpenSSL",
        .product(name: "Logging", package: "swift-log"),
      ]
    ),
    // Engine: stack fixtures, the shared compliance poller, the local-backend launcher.
    .target(
      name: "Potemkin",
      dependencies: [
        "PotemkinAWS",
        .product(name: "Logging", package: "swift-log"),
      ]
    ),
    // The `potemkin` command: thin swift-argument-parser commands over the engine (local, doctor, sweep, expect).
    // The target is not named `potemkin`: `Sources/potemkin` and `Sources/Potemkin` are one folder on macOS.
    .executableTarget(
      name: "PotemkinCLI",
      dependencies: [
        "Potemkin",
        "PotemkinAWS",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    // Benchmark: signed requests per second against a loopback server; run it with Benchmarks/client-benchmark.
    .executableTarget(
      name: "AWSClientBenchmark",
      dependencies: ["PotemkinAWS"],
      path: "Benchmarks/AWSClientBenchmark"
    ),

    // A tiny program that deploys a fixture and waits; the leak-safety test interrupts it with SIGINT.
    .executableTarget(
      name: "PotemkinFixtureProbe",
      dependencies: ["Potemkin"]
    ),

    // Test DSL: the `.potemkinStack` suite trait and compliance expectations (the only module importing Testing).
    .target(
      name: "PotemkinTesting",
      dependencies: ["Potemkin"]
    ),

    .testTarget(
      name: "PotemkinTestingTests",
      dependencies: ["PotemkinTesting", "Potemkin"],
      resources: [.copy("Fixtures")]
    ),
    .testTarget(
      name: "PotemkinTests",
      dependencies: ["Potemkin", "PotemkinAWS"],
      resources: [.copy("Fixtures")]
    ),
    // Runs the built `potemkin` binary as a child process against the local backend.
    .testTarget(
      name: "PotemkinCLITests",
      dependencies: ["Potemkin", "PotemkinAWS"],
      exclude: ["Fixtures"]
    ),
    .testTarget(
      name: "PotemkinAWSTests",
      dependencies: ["PotemkinAWS"],
      exclude: ["Support/loopback_server.py"],
      resources: [.copy("Fixtures")]
    ),
  ]
)
