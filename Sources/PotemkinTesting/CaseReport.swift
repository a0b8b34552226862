import Foundation
import Potemkin
import PotemkinAWS

/// One line per resolved case on standard error, so a run shows each verdict as it arrives.
enum CaseReport {
  static func passed(_ expected: ComplianceCase, rule: ConfigRule, result: ComplianceResult, after elapsed: Duration) {
    let annotation = result.annotation.map { " (\($0))" } ?? ""
    note("✔ \(rule): \(expected)\(annotation) after \(seconds(elapsed))")
  }

  static func failed(_ expected: ComplianceCase, rule: ConfigRule, error: ComplianceError, after elapsed: Duration) {
    let actual = error.actual.map { ", got \($0.compliance?.description ?? "no result")" } ?? ""
    note("✘ \(rule): expected \(expected)\(actual) after \(seconds(elapsed))")
  }

  static func note(_ text: String) {
    FileHandle.standardError.write(Data("[potemkin] \(text)\n".utf8))
  }

  private static func seconds(_ duration: Duration) -> String {
    String(format: "%.1f s", duration.inSeconds)
  }
}
