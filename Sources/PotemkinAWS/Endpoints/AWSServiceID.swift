/// The AWS services Potemkin talks to, with the names each part of the stack uses for them.
public enum AWSServiceID: String, Sendable, Hashable, CaseIterable {
  case cloudFormation = "CLOUDFORMATION"
  case configService = "CONFIG_SERVICE"
  case s3 = "S3"
  case sts = "STS"
  case ssoPortal = "SSO"

  /// The suffix of `AWS_ENDPOINT_URL_<ID>` for this service.
  public var environmentSuffix: String { rawValue }

  /// The key of this service in a shared-config `services` section.
  public var servicesSectionKey: String { rawValue.lowercased() }

  /// The host prefix of the service's default endpoint (`config` in `config.us-east-1.amazonaws.com`).
  public var endpointPrefix: String {
    switch self {
    case .cloudFormation: "cloudformation"
    case .configService: "config"
    case .s3: "s3"
    case .sts: "sts"
    case .ssoPortal: "portal.sso"
    }
  }

  /// The service name in the SigV4 credential scope.
  public var signingName: String {
    switch self {
    case .cloudFormation: "cloudformation"
    case .configService: "config"
    case .s3: "s3"
    case .sts: "sts"
    case .ssoPortal: "awsssoportal"
    }
  }
}
