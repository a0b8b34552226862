import Foundation

/// Credentials from the ECS / EKS / CodeBuild container credentials endpoint.
///
/// `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` is fetched from `http://169.254.170.2`;
/// `AWS_CONTAINER_CREDENTIALS_FULL_URI` must be https, loopback, or one of the ECS and EKS
/// addresses (169.254.170.2, 169.254.170.23, fd00:ec2::23). The `Authorization` header comes
/// from `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE` (re-read on every fetch) or
/// `AWS_CONTAINER_AUTHORIZATION_TOKEN`.
public struct ContainerCredentialProvider: CredentialProvider, CustomStringConvertible {
  /// The environment read (injectable for tests).
  public var environment: [String: String]
  /// The transport used for the endpoint.
  public var transport: any HTTPTransport
  /// The limit for each request.
  public var timeout: Duration
  /// How many times to try when the endpoint cannot be reached or answers 5xx.
  public var attempts: Int

  /// Creates a provider.
  public init(
    environment: [String: String], transport: any HTTPTransport = CurlTransport.shared, timeout: Duration = .seconds(2), attempts: Int = 3
  ) {
    self.environment = environment
    self.transport = transport
    self.timeout = timeout
    self.attempts = max(1, attempts)
  }

  /// The endpoint URL and where it came from, or an error saying why there is none.
  public func endpoint() throws -> URL {
    if let relative = environment["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"], !relative.isEmpty {
      let path = relative.hasPrefix("/") ? relative : "/" + relative
      guard let url = URL(string: "http://169.254.170.2" + path) else {
        throw CredentialError.failed(description, "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI is not a URL path: \(relative)")
      }
      return url
    }
    guard let full = environment["AWS_CONTAINER_CREDENTIALS_FULL_URI"], !full.isEmpty else {
      throw CredentialError.notConfigured(
        description, "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and AWS_CONTAINER_CREDENTIALS_FULL_URI are not set")
    }
    guard let url = URL(string: full), let scheme = url.scheme?.lowercased(), let host = url.host else {
      throw CredentialError.failed(description, "AWS_CONTAINER_CREDENTIALS_FULL_URI is not an absolute URL: \(full)")
    }
    guard scheme == "https" || (scheme == "http" && Self.isAllowedHTTPHost(host)) else {
      throw CredentialError.failed(
        description,
        "AWS_CONTAINER_CREDENTIALS_FULL_URI \(full) must use https, or http to a loopback address, "
          + "169.254.170.2, 169.254.170.23 or fd00:ec2::23")
    }
    return url
  }

  static func isAllowedHTTPHost(_ rawHost: String) -> Bool {
    let host = rawHost.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).lowercased()
    if ["localhost", "::1", "169.254.170.2", "169.254.170.23", "fd00:ec2::23"].contains(host) { return true }
    let parts = host.split(separator: ".")
    return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
  }

  private func authorization() throws -> String? {
    var token: String?
    if let file = environment["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"], !file.isEmpty {
      guard let data = FileManager.default.contents(atPath: file) else {
        throw CredentialError.failed(description, "cannot read AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE \(file)")
      }
      token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    } else if let value = environment["AWS_CONTAINER_AUTHORIZATION_TOKEN"], !value.isEmpty {
      token = value
    }
    if let token, token.contains(where: { $0 == "\r" || $0 == "\n" }) {
      throw CredentialError.failed(description, "the container authorization token contains a line break")
    }
    return token
  }

  public func credentials() async throws -> AWSCredentials {
    let url = try endpoint()
    var request = HTTPRequest(method: "GET", url: url, headers: ["Accept": "application/json"])
    if let token = try authorization() { request.headers["Authorization"] = token }
    var lastProblem = ""
    for attempt in 1...attempts {
      do {
        let response = try await transport.send(request, timeout: timeout)
        if response.status == 200 {
          return try CredentialDocument.decode(response.body, source: description, what: "the response of \(url)")
        }
        lastProblem = "HTTP \(response.status) from \(url): \(String(decoding: response.body.prefix(300), as: UTF8.self))"
        if response.status < 500 { break }
      } catch let error as CredentialError {
        throw error
      } catch {
        if error is CancellationError { throw error }
        lastProblem = "no answer from \(url) (\(error))"
      }
      if attempt < attempts { try await Task.sleep(for: .milliseconds(100 * attempt)) }
    }
    throw CredentialError.failed(description, lastProblem)
  }

  public var description: String { "container credentials" }
}
