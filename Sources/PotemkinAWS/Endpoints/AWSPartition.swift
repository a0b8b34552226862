/// An AWS partition: a group of regions sharing a DNS suffix.
public struct AWSPartition: Sendable, Hashable {
  /// The partition id: `aws`, `aws-cn`, `aws-us-gov`, `aws-iso`, `aws-iso-b`.
  public var id: String
  /// The DNS suffix of default endpoints (`amazonaws.com`, `amazonaws.com.cn`).
  public var dnsSuffix: String

  /// The partition of `region`, by its name prefix; unknown names fall in `aws`.
  public static func of(region: String) -> AWSPartition {
    if region.hasPrefix("cn-") { return AWSPartition(id: "aws-cn", dnsSuffix: "amazonaws.com.cn") }
    if region.hasPrefix("us-gov-") { return AWSPartition(id: "aws-us-gov", dnsSuffix: "amazonaws.com") }
    if region.hasPrefix("us-isob-") { return AWSPartition(id: "aws-iso-b", dnsSuffix: "sc2s.sgov.gov") }
    if region.hasPrefix("us-iso-") { return AWSPartition(id: "aws-iso", dnsSuffix: "c2s.ic.gov") }
    return AWSPartition(id: "aws", dnsSuffix: "amazonaws.com")
  }
}
