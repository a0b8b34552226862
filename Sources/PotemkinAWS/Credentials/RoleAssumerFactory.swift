/// Makes the STS-backed `RoleAssuming` for a profile: region and STS endpoint from that profile.
struct RoleAssumerFactory: Sendable {
  let environment: [String: String]
  let transport: any HTTPTransport

  func make(profile: String?) throws -> any RoleAssuming {
    STSRoleAssumer(environment: environment, profile: profile, transport: transport)
  }
}
