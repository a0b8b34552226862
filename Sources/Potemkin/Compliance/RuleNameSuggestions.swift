/// Rule names that look like a mistyped one, for "did you mean" messages.
enum RuleNameSuggestions {
  /// Up to `limit` names from `candidates` closest to `name`, closest first.
  ///
  /// A candidate qualifies when its edit distance (case-insensitive) is at most a third of the
  /// longer name's length (at least 2), or when one name contains the other.
  static func similar(to name: String, in candidates: [String], limit: Int = 3) -> [String] {
    let target = name.lowercased()
    let scored = candidates.compactMap { candidate -> (String, Int)? in
      let lowered = candidate.lowercased()
      let distance = editDistance(target, lowered)
      let allowed = max(2, max(target.count, lowered.count) / 3)
      let contains = !target.isEmpty && (lowered.contains(target) || target.contains(lowered))
      guard distance <= allowed || contains else { return nil }
      return (candidate, distance)
    }
    return scored.sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }.prefix(limit).map(\.0)
  }

  /// The Levenshtein distance between `a` and `b`.
  static func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
      }
      swap(&previous, &current)
    }
    return previous[b.count]
  }
}
