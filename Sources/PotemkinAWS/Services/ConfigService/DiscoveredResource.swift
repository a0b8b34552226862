import Foundation

/// A resource Config has recorded, from ListDiscoveredResources.
public struct DiscoveredResource: Sendable, Hashable, Codable {
  /// The resource type.
  public var resourceType: String?
  /// The resource id as Config knows it.
  public var resourceId: String?
  /// The resource name, when it has one.
  public var resourceName: String?
  /// When it was deleted, for deleted resources.
  public var resourceDeletionTime: Date?

  /// Creates a resource identifier.
  public init(resourceType: String? = nil, resourceId: String? = nil, resourceName: String? = nil, resourceDeletionTime: Date? = nil) {
    self.resourceType = resourceType
    self.resourceId = resourceId
    self.resourceName = resourceName
    self.resourceDeletionTime = resourceDeletionTime
  }
}
