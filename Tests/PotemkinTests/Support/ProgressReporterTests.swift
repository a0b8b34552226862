import Synchronization
import Testing

@testable import Potemkin

@Suite("Progress reporter")
struct ProgressReporterTests {
  final class Lines: Sendable {
    let lines = Mutex<[String]>([])
    var all: [String] { lines.withLock { $0 } }
  }

  @Test("short waits print nothing; long waits print held lines with the elapsed time")
  func threshold() async throws {
    let sink = Lines()
    let reporter = ProgressReporter(label: "demo", threshold: .milliseconds(200), environment: [:]) { line in
      sink.lines.withLock { $0.append(line) }
    }
    reporter.report("KmsBucket CREATE_COMPLETE")
    #expect(sink.all.isEmpty)
    try await Task.sleep(for: .milliseconds(250))
    reporter.tick()
    reporter.report("AesBucket CREATE_COMPLETE")
    #expect(sink.all.count == 2)
    #expect(sink.all.first?.hasPrefix("[potemkin] demo: KmsBucket CREATE_COMPLETE (") == true)
    #expect(sink.all.last?.hasSuffix(" s)") == true)
  }

  @Test("POTEMKIN_PROGRESS=0 silences progress")
  func silenced() {
    let sink = Lines()
    let reporter = ProgressReporter(label: "demo", threshold: .zero, environment: ["POTEMKIN_PROGRESS": "0"]) { line in
      sink.lines.withLock { $0.append(line) }
    }
    reporter.report("x")
    reporter.tick()
    #expect(sink.all.isEmpty)
  }
}
