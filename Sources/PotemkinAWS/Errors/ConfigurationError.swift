/// A problem with the local AWS configuration (region, endpoints, profiles), found before any request.
public struct ConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
  private enum Code: Sendable, Hashable {
    case noRegion(tried: [String])
    case invalidEndpoint(value: String, source: String)
    case other(String)
  }

  private let code: Code

  /// No region was found in any of the places tried.
  public static func noRegion(tried: [String]) -> ConfigurationError {
    ConfigurationError(code: .noRegion(tried: tried))
  }

  /// An endpoint URL that is not an absolute URL.
  public static func invalidEndpoint(_ value: String, source: String) -> ConfigurationError {
    ConfigurationError(code: .invalidEndpoint(value: value, source: source))
  }

  /// Any other configuration problem, described in full by `message`.
  public static func other(_ message: String) -> ConfigurationError {
    ConfigurationError(code: .other(message))
  }

  public var description: String {
    switch code {
    case .noRegion(let tried):
      "No AWS region is configured (tried: \(tried.joined(separator: ", "))). "
        + "Set AWS_REGION (for example `export AWS_REGION=us-east-1`) or add `region = ...` to your profile in ~/.aws/config."
    case .invalidEndpoint(let value, let source):
      "The endpoint \"\(value)\" from \(source) is not an absolute URL. Use a URL like http://127.0.0.1:4566."
    case .other(let message):
      message
    }
  }
}
