import Foundation

/// Whether a recorder is recording, from DescribeConfigurationRecorderStatus.
public struct ConfigurationRecorderStatus: Sendable, Hashable, Codable {
  /// The recorder name.
  public var name: String?
  /// Whether it is recording now.
  public var recording: Bool?
  /// `Pending`, `Success` or `Failure`.
  public var lastStatus: String?
  /// When it last started.
  public var lastStartTime: Date?
  /// When it last stopped.
  public var lastStopTime: Date?
  /// When the status last changed.
  public var lastStatusChangeTime: Date?
  /// The last error code.
  public var lastErrorCode: String?
  /// The last error message.
  public var lastErrorMessage: String?

  /// Creates a status.
  public init(
    name: String? = nil, recording: Bool? = nil, lastStatus: String? = nil, lastStartTime: Date? = nil,
    lastStopTime: Date? = nil, lastStatusChangeTime: Date? = nil, lastErrorCode: String? = nil,
    lastErrorMessage: String? = nil
  ) {
    self.name = name
    self.recording = recording
    self.lastStatus = lastStatus
    self.lastStartTime = lastStartTime
    self.lastStopTime = lastStopTime
    self.lastStatusChangeTime = lastStatusChangeTime
    self.lastErrorCode = lastErrorCode
    self.lastErrorMessage = lastErrorMessage
  }
}
