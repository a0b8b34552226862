import Foundation
import Potemkin
import Testing

/// The `.potemkinStack` trait in real `swift test` runs of the probe package (Tests/TraitProbe), some
/// failing on purpose: each scenario runs one probe suite in a child process against its own local
/// backend, then checks the exit code, the console, the xunit report and what is left in the backend.
@Suite("The .potemkinStack trait in real test runs")
struct TraitProbeTests {
  @Test("A suite of many cases deploys one stack, every case and a nested suite see it, and it is deleted")
  func manyCases() async throws {
    try await ProbeScenario.with("ManyCases", options: LocalBackendOptions(stackDelay: 1)) { (scenario: ProbeScenario) async throws in
      #expect(scenario.run.status == 0, "swift test failed:\n\(scenario.run.tail())")
      #expect(try await scenario.calls("cloudformation.CreateStack") == 1)
      #expect(try await scenario.calls("cloudformation.DeleteStack") == 1)
      let cases = scenario.probeLines.filter { $0.hasPrefix("case ") }
      let nested = scenario.probeLines.filter { $0.hasPrefix("nested ") }
      #expect(cases.count == 20, "lines: \(scenario.probeLines)")
      #expect(nested.count == 1, "lines: \(scenario.probeLines)")
      let names = Set(scenario.probeLines.compactMap { $0.split(separator: " ").last.map(String.init) })
      #expect(names.count == 1, "cases saw different stacks: \(names.sorted())")
      #expect(names.allSatisfy { $0.hasPrefix("probe-many") }, "\(names)")
      #expect(try await scenario.liveStacks() == [])
    }
  }

  @Test("Teardown .always deletes the stack after the last case, also when a case fails")
  func failingCases() async throws {
    try await ProbeScenario.with("FailingCases", options: LocalBackendOptions(stackDelay: 1)) { (scenario: ProbeScenario) async throws in
      #expect(scenario.run.status != 0, "a failing case must fail the run:\n\(scenario.run.tail())")
      // Every case, also the one after the failure, saw the stack complete: the teardown waited for the last case.
      #expect(scenario.probeLines.count == 3, "lines: \(scenario.probeLines)")
      #expect(scenario.probeLines.allSatisfy { $0.contains(" CREATE_COMPLETE ") }, "lines: \(scenario.probeLines)")
      let console = scenario.run.console
      #expect(console.contains("PROBE-INTENDED-FAILURE in case 2"), "\(scenario.run.tail())")
      #expect(!console.contains("PROBE-INTENDED-FAILURE in case 1"))
      #expect(!console.contains("PROBE-INTENDED-FAILURE in case 3"))
      #expect(console.contains("✘ Test run with 1 test in 1 suite failed"), "\(scenario.run.tail())")
      #expect(console.contains("with 1 issue."), "\(scenario.run.tail())")
      #expect(try await scenario.calls("cloudformation.CreateStack") == 1)
      #expect(try await scenario.calls("cloudformation.DeleteStack") == 1)
      #expect(try await scenario.liveStacks() == [])
    }
  }

  @Test("A failed deploy fails every test of the suite with the root cause, in the console and in xunit")
  func setupFailure() async throws {
    try await ProbeScenario.with("SetupFailure") { (scenario: ProbeScenario) async throws in
      #expect(scenario.run.status != 0, "a failed deploy must fail the run:\n\(scenario.run.tail())")
      #expect(scenario.probeLines.isEmpty, "test bodies ran without a stack: \(scenario.probeLines)")
      let console = scenario.run.console
      #expect(console.contains("Root cause: MisconfiguredProbeBucket"), "\(scenario.run.tail())")
      for ordinal in ["First", "Second", "Third"] {
        let line = "✘ Test \"\(ordinal) test of a suite whose stack fails\" failed"
        #expect(console.contains(line), "the console lacks `\(line)`")
      }
      #expect(console.contains("Test run with 3 tests in 1 suite failed"), "\(scenario.run.tail())")
      let xunit = try scenario.xunit()
      let cases = XunitReport(xunit).testCases
      #expect(cases.map(\.name).sorted() == ["first()", "second()", "third()"], "\(xunit)")
      for testCase in cases {
        #expect(testCase.failure?.contains("MisconfiguredProbeBucket") == true, "\(testCase.name): \(testCase)")
      }
      #expect(try await scenario.calls("cloudformation.CreateStack") == 1)
      #expect(try await scenario.liveStacks() == [])
    }
  }

  @Test("A teardown that ends in DELETE_FAILED fails the run and names what is left and how to remove it")
  func teardownFailure() async throws {
    try await ProbeScenario.with("TeardownFailure") { (scenario: ProbeScenario) async throws in
      #expect(scenario.run.status != 0, "a failed teardown must fail the run:\n\(scenario.run.tail())")
      #expect(scenario.probeLines.count == 2, "lines: \(scenario.probeLines)")
      let bucket = scenario.probeLines.first { $0.hasPrefix("filled ") }?.dropFirst("filled ".count) ?? "?"
      let console = scenario.run.console
      #expect(console.contains("✘ Suite TeardownFailure recorded an issue"), "\(scenario.run.tail())")
      #expect(console.contains("failed to delete (DELETE_FAILED)"), "\(scenario.run.tail())")
      #expect(console.contains("ProbeBucket (AWS::S3::Bucket) DELETE_FAILED: The bucket you tried to delete is not empty"))
      #expect(console.contains("aws s3 rm s3://\(bucket) --recursive"), "\(scenario.run.tail())")
      #expect(console.contains("✘ Test run with 2 tests in 1 suite failed"), "\(scenario.run.tail())")
      // Nothing is hidden: the stack is still there, DELETE_FAILED, for the user (or sweep) to finish.
      let live = try await scenario.liveStacks()
      #expect(live.count == 1 && live.allSatisfy { $0.hasPrefix("probe-full") && $0.hasSuffix(" DELETE_FAILED") }, "\(live)")
    }
  }

  @Test("Teardown .onSuccess keeps the stack when a case failed and says how to delete it")
  func onSuccessFailing() async throws {
    try await ProbeScenario.with("OnSuccessFailing") { (scenario: ProbeScenario) async throws in
      #expect(scenario.run.status != 0, "a failing case must fail the run:\n\(scenario.run.tail())")
      let live = try await scenario.liveStacks()
      #expect(live.count == 1 && live.allSatisfy { $0.hasPrefix("probe-kept") && $0.hasSuffix(" CREATE_COMPLETE") }, "\(live)")
      #expect(try await scenario.calls("cloudformation.DeleteStack") == 0)
      if let name = live.first?.split(separator: " ").first {
        #expect(
          scenario.run.console.contains("aws cloudformation delete-stack --stack-name \(name)"),
          "no hint how to delete \(name):\n\(scenario.run.tail())")
      }
    }
  }

  @Test("Teardown .onSuccess deletes the stack when every case passed")
  func onSuccessPassing() async throws {
    try await ProbeScenario.with("OnSuccessPassing") { (scenario: ProbeScenario) async throws in
      #expect(scenario.run.status == 0, "swift test failed:\n\(scenario.run.tail())")
      #expect(scenario.probeLines.count == 3, "lines: \(scenario.probeLines)")
      #expect(try await scenario.calls("cloudformation.DeleteStack") == 1)
      #expect(try await scenario.liveStacks() == [])
    }
  }
}
