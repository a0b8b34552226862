/// When a fixture deletes its stack.
public enum TeardownPolicy: String, Sendable, Hashable, CaseIterable {
  /// Always delete the stack (the default).
  case always
  /// Keep the stack when the body threw or the suite failed, for debugging; delete it otherwise.
  case onSuccess = "on-success"
  /// Never delete the stack.
  case never

  /// The policy in `POTEMKIN_TEARDOWN`, which overrides the one given in code; `nil` when unset or unknown.
  public static func override(environment: [String: String]) -> TeardownPolicy? {
    guard let value = environment["POTEMKIN_TEARDOWN"]?.lowercased(), !value.isEmpty else { return nil }
    switch value {
    case "always": return .always
    case "on-success", "onsuccess", "on_success": return .onSuccess
    case "never": return .never
    default: return nil
    }
  }

  /// Whether to delete the stack under this policy, given whether anything failed.
  public func shouldDelete(failed: Bool) -> Bool {
    switch self {
    case .always: true
    case .onSuccess: !failed
    case .never: false
    }
  }
}
