import Foundation

/// Credentials from a shared-config profile: static keys, an assumed role (`role_arn` with
/// `source_profile` or `credential_source`), web identity, SSO, or `credential_process`.
///
/// The profile is the explicit name, else `AWS_PROFILE`, else `default`; the files are
/// `AWS_CONFIG_FILE` / `AWS_SHARED_CREDENTIALS_FILE` or `~/.aws/config` / `~/.aws/credentials`,
/// read again at every call (the chain caches the credentials).
public struct ProfileCredentialProvider: CredentialProvider, CustomStringConvertible {
  /// The requested profile name; `nil` uses `AWS_PROFILE`, then `default`.
  public var profile: String?
  /// The environment (for file locations, `HOME` and the sources a profile refers to).
  public var environment: [String: String]
  /// The transport for SSO, container, instance-metadata and STS calls.
  public var transport: any HTTPTransport
  let roleAssumers: RoleAssumerFactory

  /// Creates a provider for `profile` (or the one the environment selects).
  public init(profile: String? = nil, environment: [String: String], transport: any HTTPTransport = CurlTransport.shared) {
    self.init(profile: profile, environment: environment, transport: transport,
      roleAssumers: RoleAssumerFactory(environment: environment, transport: transport))
  }

  init(profile: String?, environment: [String: String], transport: any HTTPTransport, roleAssumers: RoleAssumerFactory) {
    self.profile = profile
    self.environment = environment
    self.transport = transport
    self.roleAssumers = roleAssumers
  }

  /// Which profile this provider reads.
  public var selection: ProfileSelection { ProfileSelection(explicit: profile, environment: environment) }

  public var description: String { selection.description }

  public func credentials() async throws -> AWSCredentials {
    try await resolveProvider().credentials()
  }

  /// The provider the profile configures, without calling it.
  /// - Throws: `CredentialError`: not configured when the profile is absent (and not requested) or has no
  ///   credential settings; failed for malformed files, cycles, `mfa_serial` and missing pieces.
  public func resolveProvider() throws -> any CredentialProvider {
    let selection = self.selection
    let label = selection.description
    let config: SharedConfig
    do {
      config = try SharedConfig.load(environment: environment)
    } catch {
      throw CredentialError.failed(label, "\(error)")
    }
    guard config.profile(selection.name) != nil else {
      let reason = config.missingProfileReason(selection.name)
      // Listed as a skip (not a stop) so the final error shows every source; the hint says what to fix.
      throw CredentialError.notConfigured(
        label, selection.isRequested ? reason + "; fix the name or create it (`aws configure --profile \(selection.name)`)" : reason)
    }
    return try ProfileResolver(config: config, environment: environment, transport: transport, roleAssumers: roleAssumers, label: label)
      .provider(for: selection.name, visited: [])
  }
}
