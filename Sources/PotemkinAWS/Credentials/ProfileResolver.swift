import Foundation

/// Turns a profile's settings into a credential provider, following `source_profile` links.
struct ProfileResolver {
  let config: SharedConfig
  let environment: [String: String]
  let transport: any HTTPTransport
  let roleAssumers: RoleAssumerFactory
  let label: String

  func provider(for name: String, visited: [String]) throws -> any CredentialProvider {
    guard let profile = config.profile(name) else {
      let referrer = visited.last ?? name
      throw CredentialError.failed(
        label, "profile \(referrer) names source_profile \(name), but there is \(config.missingProfileReason(name))")
    }
    if let roleArn = profile["role_arn"] {
      return try roleProvider(profile, roleArn: roleArn, visited: visited)
    }
    if profile["web_identity_token_file"] != nil {
      throw CredentialError.failed(label, "profile \(name) sets web_identity_token_file without role_arn; add role_arn")
    }
    if profile["sso_session"] != nil || profile["sso_start_url"] != nil || profile["sso_account_id"] != nil {
      return try ssoProvider(profile)
    }
    if let keys = try staticKeys(profile) { return StaticCredentialProvider(keys) }
    if let command = profile["credential_process"] {
      return ProcessCredentialProvider(command: command, environment: environment, profileName: name)
    }
    let settings = profile.values.keys.sorted().joined(separator: ", ")
    let reason = "profile \(name) has no credential settings (it has: \(settings.isEmpty ? "nothing" : settings))"
    if visited.isEmpty { throw CredentialError.notConfigured(label, reason) }
    throw CredentialError.failed(label, "source_profile \(name) of profile \(visited.last!) cannot give credentials: \(reason)")
  }

  private func staticKeys(_ profile: SharedConfig.Profile) throws -> AWSCredentials? {
    switch (profile["aws_access_key_id"], profile["aws_secret_access_key"]) {
    case (nil, nil):
      return nil
    case (let keyId?, let secret?):
      return AWSCredentials(accessKeyId: keyId, secretAccessKey: secret, sessionToken: profile["aws_session_token"])
    case (.some, nil):
      throw CredentialError.failed(label, "profile \(profile.name) has aws_access_key_id but no aws_secret_access_key")
    case (nil, .some):
      throw CredentialError.failed(label, "profile \(profile.name) has aws_secret_access_key but no aws_access_key_id")
    }
  }

  private func roleProvider(_ profile: SharedConfig.Profile, roleArn: String, visited: [String]) throws -> any CredentialProvider {
    let name = profile.name
    if let serial = profile["mfa_serial"] {
      throw CredentialError.failed(
        label,
        "profile \(name) sets mfa_serial \(serial): assuming \(roleArn) needs an interactive MFA code, which is not "
          + "supported. Use a profile without mfa_serial, or export temporary credentials first "
          + "(for example from `aws sts get-session-token --serial-number ... --token-code ...`).")
    }
    let duration: Int?
    if let text = profile["duration_seconds"] {
      guard let value = Int(text) else {
        throw CredentialError.failed(label, "profile \(name) has duration_seconds \"\(text)\", which is not a whole number")
      }
      duration = value
    } else {
      duration = nil
    }
    let source: any CredentialProvider
    switch (profile["source_profile"], profile["credential_source"]) {
    case (.some, .some):
      throw CredentialError.failed(label, "profile \(name) sets both source_profile and credential_source; keep one")
    case (let sourceName?, nil):
      source = try sourceProvider(sourceName, of: profile, visited: visited)
    case (nil, let kind?):
      source = try credentialSource(kind, of: name)
    case (nil, nil):
      if let tokenFile = profile["web_identity_token_file"] {
        return WebIdentityCredentialProvider(
          tokenFile: SharedConfig.expandingTilde(tokenFile, environment: environment), roleArn: roleArn,
          sessionName: profile["role_session_name"], durationSeconds: duration, assumer: try roleAssumers.make(profile: name),
          label: "web identity of profile \(name)")
      }
      throw CredentialError.failed(
        label, "profile \(name) has role_arn but neither source_profile, credential_source nor web_identity_token_file")
    }
    return AssumeRoleCredentialProvider(
      source: source, roleArn: roleArn, sessionName: profile["role_session_name"], externalId: profile["external_id"],
      durationSeconds: duration, assumer: try roleAssumers.make(profile: name), label: "role \(roleArn) of profile \(name)")
  }

  private func sourceProvider(_ sourceName: String, of profile: SharedConfig.Profile, visited: [String]) throws -> any CredentialProvider {
    let name = profile.name
    if sourceName == name {
      // A profile may name itself as source when it holds the static keys that assume its role.
      guard let keys = try staticKeys(profile) else {
        throw CredentialError.failed(label, "profile \(name) names itself as source_profile but has no static keys")
      }
      return StaticCredentialProvider(keys)
    }
    let path = visited + [name]
    if path.contains(sourceName) {
      let cycle = (path.drop { $0 != sourceName } + [sourceName]).joined(separator: " → ")
      throw CredentialError.failed(
        label, "source_profile cycle: \(cycle). End the chain in a profile with static keys, credential_source, SSO or credential_process.")
    }
    if let sourceProfile = config.profile(sourceName), let keys = try staticKeys(sourceProfile) {
      return StaticCredentialProvider(keys)
    }
    return CachedCredentialProvider(try provider(for: sourceName, visited: path))
  }

  private func credentialSource(_ kind: String, of name: String) throws -> any CredentialProvider {
    switch kind {
    case "Environment":
      return EnvironmentCredentialProvider(environment: environment)
    case "Ec2InstanceMetadata":
      return CachedCredentialProvider(InstanceMetadataCredentialProvider(environment: environment, transport: transport))
    case "EcsContainer":
      return CachedCredentialProvider(ContainerCredentialProvider(environment: environment, transport: transport))
    default:
      throw CredentialError.failed(
        label, "profile \(name) has credential_source \(kind); use Environment, Ec2InstanceMetadata or EcsContainer")
    }
  }

  private func ssoProvider(_ profile: SharedConfig.Profile) throws -> any CredentialProvider {
    let name = profile.name
    var startURL = profile["sso_start_url"]
    var region = profile["sso_region"]
    let sessionName = profile["sso_session"]
    if let sessionName {
      guard let session = config.ssoSessions[sessionName] else {
        throw CredentialError.failed(
          label, "profile \(name) names sso_session \(sessionName), but \(config.configPath) has no [sso-session \(sessionName)] section")
      }
      startURL = session["sso_start_url"].flatMap { $0.isEmpty ? nil : $0 } ?? startURL
      region = session["sso_region"].flatMap { $0.isEmpty ? nil : $0 } ?? region
    }
    var missing: [String] = []
    if startURL == nil { missing.append("sso_start_url") }
    if region == nil { missing.append("sso_region") }
    if profile["sso_account_id"] == nil { missing.append("sso_account_id") }
    if profile["sso_role_name"] == nil { missing.append("sso_role_name") }
    guard missing.isEmpty, let startURL, let region, let account = profile["sso_account_id"],
      let role = profile["sso_role_name"]
    else {
      throw CredentialError.failed(
        label, "the SSO settings of profile \(name) lack \(missing.joined(separator: ", ")); run `aws configure sso --profile \(name)`")
    }
    return SSOCredentialProvider(
      profileName: name, sessionName: sessionName, startURL: startURL, ssoRegion: region, accountId: account,
      roleName: role, environment: environment, transport: transport)
  }
}
