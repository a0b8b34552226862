import Testing

@testable import Potemkin

@Suite("Backoff")
struct BackoffTests {
  @Test("delays grow to the cap with jitter in the upper half of each step, and reset starts over")
  func growsAndResets() {
    var backoff = Backoff(initial: .milliseconds(100), multiplier: 2, maximum: .seconds(1))
    var steps: [Duration] = []
    for _ in 0..<8 {
      let step = backoff.currentStep
      let delay = backoff.next()
      #expect(delay <= step && delay >= step / 2)
      steps.append(step)
    }
    #expect(steps.first == .milliseconds(100))
    #expect(steps.last == .seconds(1))
    #expect(steps == steps.sorted())
    backoff.reset()
    #expect(backoff.currentStep == .milliseconds(100))
  }
}
