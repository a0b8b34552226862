import Foundation
import PotemkinAWS

/// The AWS Config checks of `potemkin doctor`: the recorder and each rule.
enum ConfigChecks {
  /// A configuration recorder merged with its status.
  struct Recorder {
    var name: String
    var recording: Bool
    var allSupported: Bool
    var includeGlobal: Bool
    var types: [String]

    func records(_ type: String) -> Bool {
      if types.contains(type) { return true }
      return allSupported && (includeGlobal || !type.hasPrefix("AWS::IAM::"))
    }
  }

  static let startRecorderFix =
    "Start it: aws configservice start-configuration-recorder --configuration-recorder-name NAME "
    + "(a delivery channel must exist first)."
  static let createRecorderFix =
    "Enable AWS Config recording in this region: in the console (AWS Config → Get started), or with "
    + "aws configservice put-configuration-recorder, put-delivery-channel and start-configuration-recorder. "
    + "Against the local backend, start it without --no-recorder."

  /// Checks the configuration recorders; returns them (empty when none or unreadable).
  static func recorders(_ connection: AWSConnection, into report: inout DoctorReport) async -> [Recorder] {
    let config = connection.config
    let described: [ConfigurationRecorder]
    let statuses: [ConfigurationRecorderStatus]
    do {
      described = try await config.describeConfigurationRecorders()
      statuses = try await config.describeConfigurationRecorderStatus()
    } catch {
      report.checks.append(DoctorCheck(
        .failed, "Config recorder", "DescribeConfigurationRecorders failed: \(error)",
        fix: "Allow config:Describe* for this identity."))
      return []
    }
    guard !described.isEmpty else {
      report.checks.append(DoctorCheck(
        .failed, "Config recorder", "none in \(connection.region): AWS Config records nothing, so no rule evaluates",
        fix: createRecorderFix))
      return []
    }
    var recorders: [Recorder] = []
    for recorder in described {
      let name = recorder.name ?? "default"
      let status = statuses.first { $0.name == recorder.name }
      let group = recorder.recordingGroup
      let entry = Recorder(
        name: name, recording: status?.recording ?? false, allSupported: group?.allSupported ?? false,
        includeGlobal: group?.includeGlobalResourceTypes ?? false, types: group?.resourceTypes ?? [])
      recorders.append(entry)
      let scope = entry.allSupported
        ? "all supported types" + (entry.includeGlobal ? " including global (IAM)" : ", global (IAM) types excluded")
        : entry.types.isEmpty ? "no types" : entry.types.joined(separator: ", ")
      if entry.recording {
        report.checks.append(DoctorCheck(.passed, "Config recorder", "\(name) is recording \(scope)"))
      } else {
        var detail = "\(name) exists but is not recording (records \(scope))"
        if let last = status?.lastStatus { detail += "; last status \(last)" }
        if let message = status?.lastErrorMessage { detail += ": \(message)" }
        report.checks.append(DoctorCheck(
          .failed, "Config recorder", detail, fix: startRecorderFix.replacingOccurrences(of: "NAME", with: name)))
      }
    }
    return recorders
  }

  /// Checks one rule: exists, scope (recorded?), last evaluation.
  static func rule(
    _ name: String, recorders: [Recorder], connection: AWSConnection, into report: inout DoctorReport
  ) async {
    let config = connection.config
    let title = "Rule \(name)"
    let rule: ConfigRuleDescription
    do {
      guard let found = try await config.describeConfigRules(configRuleNames: [name]).rules.first else {
        throw AWSError(
          code: "NoSuchConfigRuleException", message: name, httpStatus: 400, service: "Config Service",
          operation: "DescribeConfigRules")
      }
      rule = found
    } catch let error as AWSError where error.code == "NoSuchConfigRuleException" {
      let all = (try? await allRuleNames(config)) ?? []
      let similar = RuleNameSuggestions.similar(to: name, in: all)
      var detail = "does not exist in \(connection.region)"
      if !similar.isEmpty { detail += "; did you mean \(similar.map { "'\($0)'" }.joined(separator: ", "))?" }
      report.checks.append(DoctorCheck(
        .failed, title, detail,
        fix: "Deploy the rule's stack in this account and region, or fix the name (--rule)."))
      return
    } catch {
      report.checks.append(DoctorCheck(
        .failed, title, "DescribeConfigRules failed: \(error)", fix: "Allow config:DescribeConfigRules."))
      return
    }
    let types = rule.scope?.complianceResourceTypes ?? []
    var detail = types.isEmpty ? "exists, no type scope" : "exists, scoped to \(types.joined(separator: ", "))"
    if let state = rule.configRuleState, state != "ACTIVE" { detail += ", state \(state)" }
    let source = rule.source?.owner == "AWS" ? "managed rule \(rule.source?.sourceIdentifier ?? "")"
      : "custom rule \(rule.source?.sourceIdentifier ?? "")"
    detail += " (\(source.trimmingCharacters(in: .whitespaces)))"
    let unrecorded = recorders.isEmpty ? [] : types.filter { type in !recorders.contains { $0.recording && $0.records(type) } }
    if !unrecorded.isEmpty {
      report.checks.append(DoctorCheck(
        .failed, title, detail + "; the recorder does not record \(unrecorded.joined(separator: ", "))",
        fix: "Add those types to the recorder's recording group, or record all supported types."))
    } else if let state = rule.configRuleState, state != "ACTIVE" {
      report.checks.append(DoctorCheck(.failed, title, detail, fix: "Wait until the rule is ACTIVE, or redeploy it."))
    } else {
      report.checks.append(DoctorCheck(.passed, title, detail))
    }
    await evaluation(name, title: title, connection: connection, into: &report)
  }

  private static func evaluation(
    _ name: String, title: String, connection: AWSConnection, into report: inout DoctorReport
  ) async {
    let status: ConfigRuleEvaluationStatus?
    do {
      status = try await connection.config.describeConfigRuleEvaluationStatus(configRuleNames: [name]).statuses.first
    } catch {
      report.checks.append(DoctorCheck(
        .warning, "\(title) evaluation", "DescribeConfigRuleEvaluationStatus failed: \(error)",
        fix: "Allow config:DescribeConfigRuleEvaluationStatus."))
      return
    }
    let formatter = ISO8601DateFormatter()
    let success = status?.lastSuccessfulInvocationTime
    let failure = status?.lastFailedInvocationTime
    if let failure, success.map({ failure > $0 }) ?? true {
      var detail = "last invocation failed at \(formatter.string(from: failure))"
      if let code = status?.lastErrorCode { detail += ": \(code)" }
      if let message = status?.lastErrorMessage { detail += " \(message)" }
      report.checks.append(DoctorCheck(
        .failed, "\(title) evaluation", detail,
        fix: "Fix the rule's Lambda (its logs say why) or its permissions (config:PutEvaluations, lambda:InvokeFunction for config.amazonaws.com)."))
    } else if let success {
      report.checks.append(DoctorCheck(
        .passed, "\(title) evaluation", "last evaluated successfully at \(formatter.string(from: success))"))
    } else {
      report.checks.append(DoctorCheck(
        .warning, "\(title) evaluation", "not evaluated yet",
        fix: "Create or change a resource in scope, or run potemkin expect --start-evaluation."))
    }
  }

  private static func allRuleNames(_ config: ConfigServiceClient) async throws -> [String] {
    var names: [String] = []
    var token: String?
    repeat {
      let page = try await config.describeConfigRules(nextToken: token)
      names += page.rules.compactMap(\.configRuleName)
      token = page.nextToken
    } while token != nil
    return names
  }
}
