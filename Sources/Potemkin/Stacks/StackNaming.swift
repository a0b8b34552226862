/// Stack names: `<stem>-<run id>`, or `<stem>-reuse-<owner hash>` in reuse mode.
///
/// Names contain only letters, digits and hyphens, start with a letter and have at most 128 characters,
/// as CloudFormation requires.
public enum StackNaming {
  /// The longest stack name CloudFormation accepts.
  public static let maximumLength = 128

  /// `stem` reduced to lowercase letters, digits and single hyphens, starting with a letter.
  public static func sanitize(_ stem: String) -> String {
    var result = ""
    for character in stem.lowercased() {
      if character.isASCII && (character.isLetter || character.isNumber) {
        result.append(character)
      } else if !result.isEmpty && result.last != "-" {
        result.append("-")
      }
    }
    while result.hasSuffix("-") { result.removeLast() }
    if result.isEmpty { return "stack" }
    if let first = result.first, !first.isLetter { result = "s-" + result }
    return result
  }

  /// The stack name for `stem` in run `runId`: `<stem>-<run id>`.
  public static func name(stem: String, runId: RunID) -> String {
    join(stem: stem, suffix: runId.value)
  }

  /// The stable reuse name for `stem` and `owner`: `<stem>-reuse-<owner hash>`.
  public static func reuseName(stem: String, owner: String) -> String {
    join(stem: stem, suffix: "reuse-\(Owner.hash(owner))")
  }

  /// Whether `name` is a valid stack name.
  public static func isValid(_ name: String) -> Bool {
    guard (1...maximumLength).contains(name.count), let first = name.first, first.isASCII, first.isLetter
    else { return false }
    return name.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "-" }
  }

  private static func join(stem: String, suffix: String) -> String {
    var clean = sanitize(stem)
    let room = maximumLength - suffix.count - 1
    if clean.count > room {
      clean = String(clean.prefix(room))
      while clean.hasSuffix("-") { clean.removeLast() }
    }
    return "\(clean)-\(suffix)"
  }
}
