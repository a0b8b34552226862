import Foundation
import Testing
@testable import PotemkinAWS

@Suite("SigV4 differential test against botocore")
struct SigV4BotocoreDifferentialTests {
  /// The generator seed; `POTEMKIN_SIGV4_SEED` picks another one to explore more cases.
  static let seed: UInt64 = ProcessInfo.processInfo.environment["POTEMKIN_SIGV4_SEED"].flatMap { UInt64($0) } ?? 0x5EED_2026
  static let caseCount = 200

  struct BotocoreResult: Decodable {
    var authorization: String?
    var canonical_request: String?
    var string_to_sign: String?
    var error: String?
  }

  static func cases() -> [RandomSigningCase] {
    var rng = SplitMix64(seed: seed)
    return (0..<caseCount).map { _ in RandomSigningCase.make(using: &rng) }
  }

  @Test("The randomized requests cover every feature the comparison is meant to exercise")
  func coverage() throws {
    let cases = Self.cases()
    for service in ["config", "cloudformation", "sts", "s3"] {
      #expect(cases.contains { $0.service == service }, "no \(service) request")
    }
    for method in ["GET", "POST", "PUT", "DELETE", "HEAD"] {
      #expect(cases.contains { $0.method == method }, "no \(method) request")
    }
    #expect(cases.filter { $0.token != nil }.count > 40)
    #expect(cases.filter { $0.token == nil }.count > 40)
    #expect(cases.contains { $0.url.contains("%20") && $0.url.contains("%E1%88%B4") })
    #expect(cases.contains { $0.url.contains("/./") || $0.url.contains("/../") })
    #expect(cases.contains { $0.url.contains("//") && !$0.url.hasSuffix("://") })
    #expect(cases.contains { $0.url.contains("%2B") && $0.url.contains("%3D") && $0.url.contains("%25") })
    #expect(cases.contains { $0.headers.contains { $0[1].contains("\t") } })
    let duplicateHeaders = cases.filter { Set($0.headers.map { $0[0].lowercased() }).count < $0.headers.count }
    #expect(duplicateHeaders.count > 20)
    let repeatedKeys = cases.filter { testCase in
      let query = testCase.url.split(separator: "?", maxSplits: 1).dropFirst().first ?? ""
      let keys = query.split(separator: "&", omittingEmptySubsequences: false).map { $0.split(separator: "=").first ?? "" }
      return Set(keys).count < keys.count
    }
    #expect(repeatedKeys.count > 20)
    #expect(cases.contains { $0.url.contains("?") && $0.url.split(separator: "?").last!.split(separator: "&").contains { !$0.contains("=") } })
    for testCase in cases {
      // The URL must reach both signers byte for byte: Foundation may not re-encode it.
      let url = try #require(URL(string: testCase.url), "not a URL: \(testCase.url)")
      #expect(url.absoluteString == testCase.url)
    }
  }

  @Test("Randomized requests get exactly botocore's Authorization header")
  func matchesBotocore() async throws {
    try await PythonLocator.requireModules(["botocore"])
    let cases = Self.cases()
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    var input = Data()
    for testCase in cases {
      input.append(try encoder.encode(testCase))
      input.append(UInt8(ascii: "\n"))
    }
    let script = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
      .appending(path: "sigv4/botocore_sign.py")
    let output = try await PythonLocator.run([script.path], stdin: input)
    try #require(output.status == 0, "botocore_sign.py exited with \(output.status): \(output.stderrText)")
    let lines = output.stdout.split(separator: UInt8(ascii: "\n"))
    try #require(lines.count == cases.count, "botocore answered \(lines.count) of \(cases.count) requests: \(output.stderrText)")

    var mismatches: [String] = []
    for (index, (testCase, line)) in zip(cases, lines).enumerated() {
      let expected = try JSONDecoder().decode(BotocoreResult.self, from: Data(line))
      let steps = testCase.signer.signingSteps(
        try testCase.request(), credentials: testCase.credentials,
        date: Date(timeIntervalSince1970: TimeInterval(testCase.epoch_seconds)))
      guard steps.authorization != expected.authorization else { continue }
      mismatches.append(
        """
        case \(index) (seed \(Self.seed)): \(testCase.summary)
        botocore: \(expected.authorization ?? "error: \(expected.error ?? "none")")
        ours:     \(steps.authorization)
        --- botocore canonical request ---
        \(expected.canonical_request ?? "-")
        --- our canonical request ---
        \(steps.canonicalRequest)
        """)
    }
    #expect(mismatches.count == 0, "\(mismatches.count) of \(cases.count) differ; the first:\n\(mismatches.first ?? "")")
  }
}
