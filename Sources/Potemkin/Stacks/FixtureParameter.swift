import Synchronization

/// Helpers for fixture parameter values, chiefly unique names (S3 bucket names are global).
///
/// Either call `FixtureParameter.unique("kms")` (gives `kms-<run id>-<n>`), or put the placeholder
/// `{{unique}}` in a parameter value: each occurrence becomes a unique name derived from the parameter key.
/// In reuse mode the placeholder gives the same value on every run, so an unchanged stack is reused.
/// Unique values are valid S3 bucket names: lowercase letters, digits and hyphens, at most 63 characters.
public enum FixtureParameter {
  /// The placeholder replaced by a unique name in parameter values.
  public static let uniquePlaceholder = "{{unique}}"

  private static let counter = Mutex(0)

  /// A name unique to this run and call: `<prefix>-<run id>-<n>`, lowercase, at most 63 characters.
  public static func unique(_ prefix: String, runId: RunID = .current) -> String {
    let number = counter.withLock { value -> Int in
      value += 1
      return value
    }
    return bounded(prefix: prefix, suffix: "\(runId.value)-\(number)")
  }

  /// `parameters` with every `{{unique}}` replaced.
  /// - Parameter stableScope: In reuse mode, a text that makes the values stable per stack (else they use the run id).
  static func resolvePlaceholders(_ parameters: [String: String], stableScope: String?) -> [String: String] {
    var result = parameters
    for key in parameters.keys.sorted() {
      guard var value = result[key], value.contains(uniquePlaceholder) else { continue }
      var index = 0
      while let range = value.range(of: uniquePlaceholder) {
        index += 1
        let name: String
        if let stableScope {
          let hash = StableHash.hex("\(stableScope)|\(key)|\(index)").prefix(10)
          name = bounded(prefix: key, suffix: "r\(hash)")
        } else {
          name = unique(key)
        }
        value.replaceSubrange(range, with: name)
      }
      result[key] = value
    }
    return result
  }

  private static func bounded(prefix: String, suffix: String) -> String {
    var clean = StackNaming.sanitize(prefix)
    let room = 63 - suffix.count - 1
    if clean.count > room { clean = String(clean.prefix(max(1, room))) }
    while clean.hasSuffix("-") { clean.removeLast() }
    return "\(clean)-\(suffix)"
  }
}
