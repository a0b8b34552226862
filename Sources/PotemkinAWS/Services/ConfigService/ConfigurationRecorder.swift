import Foundation

/// A configuration recorder, from DescribeConfigurationRecorders.
public struct ConfigurationRecorder: Sendable, Hashable, Codable {
  /// What the recorder records.
  public struct RecordingGroup: Sendable, Hashable, Codable {
    /// Whether it records all supported resource types.
    public var allSupported: Bool?
    /// Whether it records global types (IAM).
    public var includeGlobalResourceTypes: Bool?
    /// The recorded types when not all.
    public var resourceTypes: [String]?

    /// Creates a recording group.
    public init(allSupported: Bool? = nil, includeGlobalResourceTypes: Bool? = nil, resourceTypes: [String]? = nil) {
      self.allSupported = allSupported
      self.includeGlobalResourceTypes = includeGlobalResourceTypes
      self.resourceTypes = resourceTypes
    }
  }

  /// The recorder name.
  public var name: String?
  /// The role it uses.
  public var roleARN: String?
  /// What it records.
  public var recordingGroup: RecordingGroup?

  /// Creates a recorder value.
  public init(name: String? = nil, roleARN: String? = nil, recordingGroup: RecordingGroup? = nil) {
    self.name = name
    self.roleARN = roleARN
    self.recordingGroup = recordingGroup
  }
}
