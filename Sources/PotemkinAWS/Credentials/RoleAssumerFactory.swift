/// Makes the STS-backed `RoleAssuming` for a profile: region and STS endpoint from that profile.
struct RoleAssumerFactory: Sendable {
  let environment: [String: String]
  let transport: any HTTPTransport

  func make(profile: String?) throws -> any RoleAssuming {
    throw CredentialError.failed("STS", "assuming roles needs the STS client, which this build does not have yet")
  }
}
