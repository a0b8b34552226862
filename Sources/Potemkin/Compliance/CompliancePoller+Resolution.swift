import Foundation

/// The cache key of one resolution: a CloudFormation type and physical id.
struct ResolutionKey: Hashable, Sendable {
  var type: String
  var physicalId: String
}

extension CompliancePoller {
  /// Resource types whose AWS Config resource id differs from CloudFormation's physical id, and
  /// are therefore looked up with `ListDiscoveredResources` by type and resource name.
  ///
  /// - `AWS::IAM::Role`: `Ref` is the role name; Config's id is the RoleId (`AROA...`), its
  ///   resource name is the role name.
  /// - `AWS::EC2::EIP`: `Ref` is the public IP; Config's id is the allocation id (`eipalloc-...`),
  ///   looked up by resource name = the IP. When Config names the address otherwise, output
  ///   `!GetAtt Eip.AllocationId` and pass `.output("AllocationId", type: "AWS::EC2::EIP")`.
  /// - IAM users, groups and policies behave like roles (`AIDA...`, `AGPA...`, `ANPA...`).
  static let lookedUpTypes: Set<String> = [
    "AWS::IAM::Role", "AWS::EC2::EIP", "AWS::IAM::User", "AWS::IAM::Group", "AWS::IAM::Policy",
    "AWS::IAM::ManagedPolicy",
  ]

  /// Resolves a reference to the resource as AWS Config identifies it.
  ///
  /// Logical ids and outputs need `stack`. Physical ids of most types (S3 buckets, security
  /// groups, instances, ...) are Config ids already; the types in `lookedUpTypes` are looked up by
  /// name in `ListDiscoveredResources`, retried until Config has discovered them or `timeout`
  /// passes. Results are cached for the poller's connection.
  public func resolve(_ reference: ResourceReference, in stack: DeployedStack?, timeout: Duration = .seconds(120))
    async throws -> ResolvedResource
  {
    switch reference {
    case .resource(let type, let id):
      return ResolvedResource(type: type, id: id)
    case .logical(let logicalId):
      guard let stack, let resource = stack.resource(logicalId) else {
        throw ComplianceError.unknownLogicalId(
          logicalId, stack: stack?.name ?? "(none: pass a stack)", available: stack?.resources.map(\.logicalId) ?? [])
      }
      return try await configIdentity(type: resource.type, physicalId: resource.physicalId, timeout: timeout)
    case .output(let key, let type):
      guard let stack, let value = stack.outputs[key] else {
        throw ComplianceError.unknownOutput(
          key, stack: stack?.name ?? "(none: pass a stack)", available: stack?.outputs.keys.sorted() ?? [],
          typeMissing: false)
      }
      guard let type = type ?? stack.resources.first(where: { $0.physicalId == value })?.type else {
        throw ComplianceError.unknownOutput(key, stack: stack.name, available: [], typeMissing: true)
      }
      return try await configIdentity(type: type, physicalId: value, timeout: timeout)
    }
  }

  /// The Config identity of a resource known by CloudFormation type and physical id.
  func configIdentity(type: String, physicalId: String, timeout: Duration) async throws -> ResolvedResource {
    guard Self.lookedUpTypes.contains(type) else { return ResolvedResource(type: type, id: physicalId) }
    let key = ResolutionKey(type: type, physicalId: physicalId)
    if let known = resolvedResources[key] { return known }
    if let running = resolutionsInFlight[key] { return try await running.value }
    let task = Task { try await self.lookUp(key, timeout: timeout) }
    resolutionsInFlight[key] = task
    defer { resolutionsInFlight[key] = nil }
    let resolved = try await task.value
    resolvedResources[key] = resolved
    return resolved
  }

  /// Polls `ListDiscoveredResources` by type and name until Config lists the resource.
  func lookUp(_ key: ResolutionKey, timeout: Duration) async throws -> ResolvedResource {
    let service = self.service
    let start = ContinuousClock.now
    var delay = Duration.milliseconds(500)
    while true {
      do {
        let ids = try await call("ListDiscoveredResources") {
          try await service.discoveredResourceIds(type: key.type, name: key.physicalId)
        }
        if let id = ids.first { return ResolvedResource(type: key.type, id: id) }
      } catch {
        if service.classify(error) == .other { throw error }
      }
      guard ContinuousClock.now - start + delay < timeout else {
        throw ComplianceError.unresolved(type: key.type, name: key.physicalId, waited: ContinuousClock.now - start)
      }
      try await Task.sleep(for: delay)
      delay = min(delay * 2, .seconds(10))
    }
  }
}
