import Foundation
import Potemkin
import Testing

@Suite("Command-line durations and times")
struct ArgumentParsingTests {
  @Test("Durations parse in the forms people type", arguments: [
    ("90s", 90.0), ("15m", 900), ("2h", 7200), ("1h30m", 5400), ("1d", 86_400), ("500ms", 0.5), ("45", 45),
    ("1.5", 1.5), ("2H", 7200), (" 10m ", 600),
  ])
  func parsesDurations(_ text: String, seconds: Double) throws {
    let duration = try #require(HumanDuration.parse(text))
    #expect(Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18 == seconds)
  }

  @Test("Malformed durations are rejected", arguments: ["", "h", "2x", "-5", "1h-3m", "ten minutes", "2 h"])
  func rejectsDurations(_ text: String) {
    #expect(HumanDuration.parse(text) == nil)
  }

  @Test("Durations format compactly", arguments: [
    (45, "45s"), (600, "10m"), (7200, "2h"), (7500, "2h 5m"), (90_000, "1d 1h"), (86_400, "1d"),
  ])
  func formatsDurations(_ seconds: Int, text: String) {
    #expect(HumanDuration.format(.seconds(seconds)) == text)
  }

  @Test("Times parse as ISO 8601, Unix time, or a duration ago")
  func parsesTimes() throws {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let iso = try #require(PointInTime.parse("2026-11-26T14:00:00Z", now: now))
    #expect(iso == ISO8601DateFormatter().date(from: "2026-11-26T14:00:00Z"))
    let fractional = try #require(PointInTime.parse("2026-11-26T14:00:00.250+01:00", now: now))
    #expect(abs(fractional.timeIntervalSince(iso) - (-3600 + 0.25)) < 0.001)
    #expect(PointInTime.parse("1764165600", now: now) == Date(timeIntervalSince1970: 1_764_165_600))
    #expect(PointInTime.parse("10m", now: now) == now.addingTimeInterval(-600))
    #expect(PointInTime.parse("now", now: now) == now)
    #expect(PointInTime.parse("yesterday", now: now) == nil)
    #expect(PointInTime.parse("45", now: now) == nil)
  }

  @Test("Endpoint and region options are checked with an actionable sentence")
  func checksConnectionOptions() {
    #expect(CommandEnvironment.endpointProblem(nil) == nil)
    #expect(CommandEnvironment.endpointProblem("http://127.0.0.1:4566") == nil)
    #expect(CommandEnvironment.endpointProblem("127.0.0.1:4566")?.contains("http://") == true)
    #expect(CommandEnvironment.endpointProblem("ftp://host")?.contains("http:// or https://") == true)
    #expect(CommandEnvironment.regionProblem("eu-west-1") == nil)
    #expect(CommandEnvironment.regionProblem("Europe")?.contains("us-east-1") == true)
  }

  @Test("--endpoint-url and --local become the engine's environment variables")
  func appliesConnectionOptions() {
    let environment = CommandEnvironment(
      endpointURL: "http://127.0.0.1:1", local: true, base: ["AWS_ENDPOINT_URL": "http://other", "HOME": "/h"])
    #expect(environment.environment["AWS_ENDPOINT_URL"] == "http://127.0.0.1:1")
    #expect(environment.environment["POTEMKIN_BACKEND"] == "local")
    #expect(environment.environment["HOME"] == "/h")
    #expect(environment.isLocal)
    #expect(!CommandEnvironment(base: [:]).isLocal)
  }
}
