/// A CloudFormation stack status such as `CREATE_COMPLETE`, with its kind.
public struct StackStatus: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
  /// The status as CloudFormation spells it.
  public var rawValue: String

  /// Creates a status from CloudFormation's spelling.
  public init(rawValue: String) { self.rawValue = rawValue }

  public var description: String { rawValue }

  /// Whether an operation is still running (`..._IN_PROGRESS`).
  public var isInProgress: Bool { rawValue.hasSuffix("_IN_PROGRESS") }

  /// Whether the status ends an operation that failed or was rolled back.
  public var isFailure: Bool {
    !isInProgress && (rawValue.contains("FAILED") || rawValue.contains("ROLLBACK"))
  }

  /// `CREATE_IN_PROGRESS`.
  public static let createInProgress = StackStatus(rawValue: "CREATE_IN_PROGRESS")
  /// `CREATE_COMPLETE`.
  public static let createComplete = StackStatus(rawValue: "CREATE_COMPLETE")
  /// `CREATE_FAILED`.
  public static let createFailed = StackStatus(rawValue: "CREATE_FAILED")
  /// `ROLLBACK_IN_PROGRESS`.
  public static let rollbackInProgress = StackStatus(rawValue: "ROLLBACK_IN_PROGRESS")
  /// `ROLLBACK_COMPLETE`.
  public static let rollbackComplete = StackStatus(rawValue: "ROLLBACK_COMPLETE")
  /// `ROLLBACK_FAILED`.
  public static let rollbackFailed = StackStatus(rawValue: "ROLLBACK_FAILED")
  /// `DELETE_IN_PROGRESS`.
  public static let deleteInProgress = StackStatus(rawValue: "DELETE_IN_PROGRESS")
  /// `DELETE_COMPLETE`.
  public static let deleteComplete = StackStatus(rawValue: "DELETE_COMPLETE")
  /// `DELETE_FAILED`.
  public static let deleteFailed = StackStatus(rawValue: "DELETE_FAILED")
  /// `UPDATE_COMPLETE`.
  public static let updateComplete = StackStatus(rawValue: "UPDATE_COMPLETE")
  /// `UPDATE_ROLLBACK_COMPLETE`.
  public static let updateRollbackComplete = StackStatus(rawValue: "UPDATE_ROLLBACK_COMPLETE")
}
