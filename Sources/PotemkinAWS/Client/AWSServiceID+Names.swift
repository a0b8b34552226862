extension AWSServiceID {
  /// The service's name in error messages and logs, e.g. `CloudFormation`.
  public var displayName: String {
    switch self {
    case .cloudFormation: "CloudFormation"
    case .configService: "Config"
    case .s3: "S3"
    case .sts: "STS"
    case .ssoPortal: "SSO"
    }
  }
}
