import Foundation
import PotemkinAWS

/// Checks that an account and region are ready for Config rule tests: the engine of `potemkin doctor`.
///
/// Who the caller is, where credentials, region and endpoint come from, whether CloudFormation answers,
/// whether a configuration recorder records, and for each named rule whether it exists, what it covers
/// and how its last evaluation went. Every problem comes with the fix.
public struct Doctor: Sendable {
  /// Where to connect (command-line options over the environment).
  public var environment: CommandEnvironment

  /// Creates a doctor for `environment`.
  public init(environment: CommandEnvironment) {
    self.environment = environment
  }

  /// Runs every check; never throws (failures are ✘ lines).
  /// - Parameter rules: Config rule names to check.
  public func run(rules: [String] = []) async -> DoctorReport {
    var report = DoctorReport()
    let variables = environment.environment
    let profile = environment.profile

    // Region and why.
    let regionResolved: RegionResolver.Resolved?
    do {
      var resolver = RegionResolver(environment: variables, profile: profile)
      var localDefault = false
      if environment.isLocal, environment.region == nil, (variables["AWS_REGION"] ?? "").isEmpty,
        (variables["AWS_DEFAULT_REGION"] ?? "").isEmpty
      {
        resolver.environment["AWS_REGION"] = "us-east-1"
        localDefault = true
      }
      let region = try resolver.resolve(explicit: environment.region)
      regionResolved = region
      let why = environment.region != nil ? "--region"
        : localDefault ? "the local backend's default, none configured" : region.source
      report.checks.append(DoctorCheck(.passed, "Region", "\(region.name) (from \(why))"))
    } catch {
      regionResolved = nil
      report.checks.append(DoctorCheck(
        .failed, "Region", "none configured (\(error))",
        fix: "Pass --region, set AWS_REGION, or add region = ... to the profile in ~/.aws/config."))
    }

    // Credentials and which source gave them.
    var provider: (any CredentialProvider)?
    let localDefaults = environment.isLocal && (variables["AWS_ACCESS_KEY_ID"] ?? "").isEmpty
    if localDefaults {
      report.checks.append(DoctorCheck(
        .passed, "Credentials", "the local backend's dummy credentials (POTEMKIN_BACKEND=local, no AWS_ACCESS_KEY_ID)"))
    } else {
      let chain = CredentialChain.default(profile: profile, environment: variables)
      do {
        let (_, source) = try await chain.resolve()
        provider = chain
        report.checks.append(DoctorCheck(.passed, "Credentials", "from \(source)"))
      } catch {
        report.checks.append(DoctorCheck(
          .failed, "Credentials", "none found: \(error)",
          fix: "Set AWS_PROFILE (and run aws sso login for SSO profiles), or AWS_ACCESS_KEY_ID and "
            + "AWS_SECRET_ACCESS_KEY, or use --local for the local backend."))
        return report
      }
    }
    guard let regionResolved else { return report }

    // Connection and endpoint.
    let connection: AWSConnection
    do {
      connection = try await AWSConnection.resolve(
        region: regionResolved.name, profile: profile, credentials: provider, environment: variables)
    } catch {
      report.checks.append(DoctorCheck(
        .failed, "Endpoint", "\(error)", fix: "Fix --endpoint-url / AWS_ENDPOINT_URL, or unset it to use AWS."))
      return report
    }
    var endpoint = connection.endpointDescription
    if environment.endpointURL != nil, endpoint.contains("(AWS_ENDPOINT_URL)") {
      endpoint = endpoint.replacingOccurrences(of: "(AWS_ENDPOINT_URL)", with: "(--endpoint-url)")
    }
    if connection.localBackend != nil { endpoint += ", a local backend started for this command" }
    report.checks.append(DoctorCheck(.passed, "Endpoint", endpoint))

    // Identity.
    do {
      let identity = try await connection.sts.getCallerIdentity()
      report.checks.append(DoctorCheck(.passed, "Identity", "account \(identity.account), \(identity.arn)"))
    } catch {
      report.checks.append(DoctorCheck(
        .failed, "Identity", "GetCallerIdentity failed: \(error)",
        fix: "The credentials are rejected or expired: refresh them (aws sso login, new keys), or check the endpoint."))
    }

    // CloudFormation.
    do {
      let page = try await connection.cloudFormation.describeStacks()
      let count = page.stacks.count
      report.checks.append(DoctorCheck(
        .passed, "CloudFormation", "reachable (\(count)\(page.nextToken == nil ? "" : "+") stack\(count == 1 ? "" : "s"))"))
    } catch {
      report.checks.append(DoctorCheck(
        .failed, "CloudFormation", "DescribeStacks failed: \(error)",
        fix: "Allow cloudformation:DescribeStacks (and CreateStack, DeleteStack, ...) for this identity."))
    }

    // Configuration recorder.
    let recorders = await ConfigChecks.recorders(connection, into: &report)

    // Rules.
    for rule in rules {
      await ConfigChecks.rule(rule, recorders: recorders, connection: connection, into: &report)
    }
    return report
  }
}
