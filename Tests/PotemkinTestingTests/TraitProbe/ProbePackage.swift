import Foundation
import Potemkin

/// The probe package (Tests/TraitProbe): suites that use the trait, some failing on purpose, built once per process.
enum ProbePackage {
  /// The repository root (the directory of the root Package.swift).
  static let root: URL = {
    let path = StackTemplate.packageRoot(from: #filePath) ?? FileManager.default.currentDirectoryPath
    return URL(fileURLWithPath: path)
  }()

  /// The probe package's directory.
  static var directory: URL { root.appendingPathComponent("Tests/TraitProbe") }

  /// Its own scratch directory, so the build does not compete with the root package's lock (.gitignored).
  static var scratch: URL { directory.appendingPathComponent(".build-probe") }

  /// The one build of this process, shared by every test that runs a probe suite.
  private static let build = Task { try await runBuild() }

  /// Builds the probe package and its tests once; later calls wait for or reuse that build.
  /// - Throws: `ProbeFailure` with the build's last output when it fails (the test fails with it).
  static func built() async throws {
    try await build.value
  }

  private static func runBuild() async throws {
    guard FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) else {
      throw ProbeFailure("The probe package is missing: no Package.swift in \(directory.path).")
    }
    let logs = try temporaryDirectory("probe-build")
    let run = try await ChildRun.run(
      ["swift", "build", "--package-path", directory.path, "--scratch-path", scratch.path, "--build-tests"],
      in: root, environment: ProcessInfo.processInfo.environment, logDirectory: logs, limit: .seconds(1200))
    guard run.status == 0 else {
      throw ProbeFailure(
        "Building the probe package (Tests/TraitProbe) failed with status \(run.status)"
          + (run.timedOut ? " (killed after 20 minutes)" : "") + ":\n\(run.tail())")
    }
    try? FileManager.default.removeItem(at: logs)
  }

  /// A fresh directory under the system's temporary directory.
  static func temporaryDirectory(_ prefix: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }
}
