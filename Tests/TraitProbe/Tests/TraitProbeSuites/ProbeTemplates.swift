import PotemkinTesting

/// The inline templates of the probe suites.
enum ProbeTemplates {
  /// One S3 bucket and its name as an output.
  static let bucket = """
    Resources:
      ProbeBucket:
        Type: AWS::S3::Bucket
    Outputs:
      ProbeBucketName:
        Value: !Ref ProbeBucket
    """

  /// A bucket whose versioning status is not one of the allowed values: the deploy fails on that resource.
  static let broken = """
    Resources:
      MisconfiguredProbeBucket:
        Type: AWS::S3::Bucket
        Properties:
          VersioningConfiguration:
            Status: Sometimes
    """
}
