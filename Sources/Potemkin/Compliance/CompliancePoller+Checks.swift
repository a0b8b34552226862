import Foundation

extension CompliancePoller {
  /// A failure already known for `rule` and `resource` from earlier checks, if any.
  func knownFailure(rule: String, resource: ResolvedResource) -> ComplianceError? {
    if let recorders = recorderDescriptions, let error = recorderFailure(recorders, rule: rule, resource: resource) {
      return error
    }
    if let description = ruleDescriptions[rule], !description.scopeTypes.isEmpty,
      !description.scopeTypes.contains(resource.type)
    {
      return .outOfScope(rule: rule, resource: resource, scope: description.scopeTypes)
    }
    return nil
  }

  func recorderFailure(_ recorders: [RecorderDescription], rule: String, resource: ResolvedResource)
    -> ComplianceError?
  {
    guard !recorders.isEmpty else { return .noRecorder(rule: rule, resource: resource) }
    let recording = recorders.filter(\.recording)
    guard !recording.isEmpty else {
      return .recorderStopped(name: recorders[0].name, lastStatus: recorders[0].lastStatus, rule: rule,
                              resource: resource)
    }
    guard recording.contains(where: { $0.records(resource.type) }) else {
      return .typeNotRecorded(recorder: recording[0].name, rule: rule, resource: resource)
    }
    return nil
  }

  /// Checks, once per rule and concurrently with its first poll, what would make waiting futile:
  /// a missing rule, resource types outside its scope, a missing or stopped recorder.
  ///
  /// Errors of the checks themselves (permissions, throttling) are not failures: the poll goes on.
  func runChecks(rule: String) async {
    let service = self.service
    async let described: Result<RuleDescription, any Error> = {
      do { return .success(try await self.call("DescribeConfigRules") { try await service.describeRule(rule) }) }
      catch { return .failure(error) }
    }()
    if recorderDescriptions == nil {
      if let recorders = try? await call("DescribeConfigurationRecorders", { try await service.recorders() }) {
        recorderDescriptions = recorders
      }
    }
    switch await described {
    case .success(let description):
      ruleDescriptions[rule] = description
    case .failure(let error):
      if service.classify(error) == .noSuchRule {
        checkedRules.remove(rule)
        let failure = await noSuchRuleError(rule)
        for (id, waiter) in waiters where waiter.rule == rule { failWaiter(id, with: failure.about(waiter.resource)) }
        return
      }
      checkedRules.remove(rule)
    }
    for (id, waiter) in waiters where waiter.rule == rule {
      if let error = knownFailure(rule: rule, resource: waiter.resource) { failWaiter(id, with: error) }
    }
  }

  /// The "no such rule" error, with the account's rule names that look alike.
  func noSuchRuleError(_ rule: String) async -> ComplianceError {
    let service = self.service
    let names = (try? await call("DescribeConfigRules") { try await service.ruleNames() }) ?? []
    return .noSuchRule(rule, similar: RuleNameSuggestions.similar(to: rule, in: names), region: region)
  }

  /// The rule's `Scope.ComplianceResourceTypes` (empty: no type scope), described once and cached.
  func scopeTypes(of rule: String) async throws -> [String] {
    if let description = ruleDescriptions[rule] { return description.scopeTypes }
    let service = self.service
    do {
      let description = try await call("DescribeConfigRules") { try await service.describeRule(rule) }
      ruleDescriptions[rule] = description
      return description.scopeTypes
    } catch where service.classify(error) == .noSuchRule {
      throw await noSuchRuleError(rule)
    }
  }
}
