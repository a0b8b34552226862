import Foundation

/// The text table `potemkin sweep` prints: one row per stack with its age, owner and status.
public enum SweepTable {
  /// Renders `stacks` as aligned columns, or a sentence when there are none (`filtered`: a filter was given).
  public static func render(_ stacks: [SweepCandidate], region: String, filtered: Bool = false) -> String {
    guard !stacks.isEmpty else { return "No Potemkin stacks\(filtered ? " match" : "") in \(region)." }
    let header = ["STACK", "AGE", "OWNER", "STATUS", "RUN ID"]
    let rows = stacks.map { stack in
      [stack.name, stack.age.map(HumanDuration.format) ?? "?", stack.owner ?? "-", stack.status, stack.runId]
    }
    let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
    func line(_ cells: [String]) -> String {
      zip(cells, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
        .trimmingTrailingSpaces()
    }
    let title = "\(stacks.count) Potemkin stack\(stacks.count == 1 ? "" : "s") in \(region):"
    return ([title, line(header)] + rows.map(line)).joined(separator: "\n")
  }
}

extension String {
  fileprivate func trimmingTrailingSpaces() -> String {
    var result = self
    while result.last == " " { result.removeLast() }
    return result
  }
}
