import Foundation
import Testing

@testable import Potemkin

@Suite("Run ids")
struct RunIDTests {
  @Test("a generated run id is lowercase, sortable and starts with the UTC time")
  func generated() throws {
    let date = try #require(ISO8601DateFormatter().date(from: "2026-11-26T14:05:33Z"))
    let id = RunID.generate(date: date)
    #expect(id.value.hasPrefix("p20261126t1405-"))
    #expect(id.value.count == "p20261126t1405-7k3q".count)
    #expect(RunID.isValid(id.value))
    #expect(id.value == id.value.lowercased())
    let later = RunID.generate(date: date.addingTimeInterval(3600))
    #expect(later.value > id.value)
  }

  @Test("run ids are rejected unless lowercase letters, digits and hyphens", arguments: [
    ("p20261126t1405-7k3q", true), ("P2026", false), ("p_2026", false), ("1abc", false), ("ab", false),
    ("abc-", false),
  ])
  func validation(value: String, valid: Bool) {
    #expect(RunID.isValid(value) == valid)
  }
}
