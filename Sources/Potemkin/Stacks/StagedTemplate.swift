import Foundation

/// A template uploaded to the staging bucket because it exceeds CloudFormation's 51,200-byte body limit.
public struct StagedTemplate: Sendable, Hashable {
  /// The staging bucket, `potemkin-staging-<account>-<region>`.
  public var bucket: String
  /// The object key.
  public var key: String
  /// The URL passed to CloudFormation as TemplateURL.
  public var url: URL

  /// Creates a staged-template description.
  public init(bucket: String, key: String, url: URL) {
    self.bucket = bucket
    self.key = key
    self.url = url
  }
}
