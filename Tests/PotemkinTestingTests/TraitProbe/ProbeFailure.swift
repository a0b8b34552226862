/// A prerequisite of a probe scenario is missing (the probe build, the backend, a report): the test fails with it.
struct ProbeFailure: Error, CustomStringConvertible {
  /// What is missing and what to do.
  var description: String

  init(_ description: String) {
    self.description = description
  }
}
