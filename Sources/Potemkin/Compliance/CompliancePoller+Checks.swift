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
  /// a missing or stopped recorder, a missing rule, resource types outside its scope.
  ///
  /// Errors of the checks themselves (permissions, throttling) are not failures: the poll goes on.
  func runChecks(rule: String) async {
    let service = self.service
    async let described: Result<RuleDescription, any Error> = {
      do { return .success(try await self.call("DescribeConfigRules") { try await service.describeRule(rule) }) }
      catch { return .failure(error) }
    }()
    await loadRecorders()
    let description = await described
    if case .success(let found) = description { ruleDescriptions[rule] = found }
    for (id, waiter) in waiters where waiter.rule == rule {
      if let error = knownFailure(rule: rule, resource: waiter.resource) { failWaiter(id, with: error) }
    }
    if case .failure(let error) = description {
      checkedRules.remove(rule)
      if service.classify(error) == .noSuchRule { await failMissingRule(rule) }
    }
  }

  /// Reads the configuration recorders once per poller (a failed read is retried next time).
  func loadRecorders() async {
    guard recorderDescriptions == nil else { return }
    let service = self.service
    if let recorders = try? await call("DescribeConfigurationRecorders", { try await service.recorders() }) {
      recorderDescriptions = recorders
    }
  }

  /// Fails every waiter of a rule Config does not know; a missing recorder is reported instead when
  /// that is the deeper cause.
  func failMissingRule(_ rule: String) async {
    await loadRecorders()
    let failure = await noSuchRuleError(rule)
    for (id, waiter) in waiters where waiter.rule == rule {
      if let recorders = recorderDescriptions, recorders.isEmpty {
        failWaiter(id, with: ComplianceError.noRecorder(rule: rule, resource: waiter.resource))
      } else {
        failWaiter(id, with: failure.about(waiter.resource))
      }
    }
  }

  /// The "no such rule" error, with the account's rule names that look alike.
  func noSuchRuleError(_ rule: String) async -> ComplianceError {
    let service = self.service
    let names = (try? await call("DescribeConfigRules") { try await service.ruleNames() }) ?? []
    return .noSuchRule(rule, similar: RuleNameSuggestions.similar(to: rule, in: names), region: region)
  }

  /// The rule's `Scope.ComplianceResourceTypes` (empty: no type scope), described once and cached.
  /// Throttling is retried beyond the client's attempts: a removal wait cannot start without it.
  func scopeTypes(of rule: String) async throws -> [String] {
    if let description = ruleDescriptions[rule] { return description.scopeTypes }
    let service = self.service
    do {
      let description = try await call("DescribeConfigRules") {
        try await AWSRetry.call { try await service.describeRule(rule) }
      }
      ruleDescriptions[rule] = description
      return description.scopeTypes
    } catch where service.classify(error) == .noSuchRule {
      throw await noSuchRuleError(rule)
    }
  }
}
