/// Reads `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and `AWS_SESSION_TOKEN`.
///
/// The client's stand-in default until the full `CredentialChain` (environment, profiles,
/// SSO, web identity, container and instance metadata) replaces it.
struct EnvironmentCredentialProvider: CredentialProvider, CustomStringConvertible {
  /// The environment to read.
  var environment: [String: String]

  func credentials() async throws -> AWSCredentials {
    guard let accessKeyId = environment["AWS_ACCESS_KEY_ID"], !accessKeyId.isEmpty,
      let secretAccessKey = environment["AWS_SECRET_ACCESS_KEY"], !secretAccessKey.isEmpty
    else {
      throw ConfigurationError.other(
        "No AWS credentials: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not both set. "
          + "Export them, or pass a credential provider in AWSClient.Configuration.")
    }
    let token = environment["AWS_SESSION_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
    return AWSCredentials(accessKeyId: accessKeyId, secretAccessKey: secretAccessKey, sessionToken: token)
  }

  var description: String { "environment variables AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY" }
}
