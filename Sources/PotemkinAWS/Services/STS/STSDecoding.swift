import Foundation

/// Turns STS's Query XML results into typed values.
enum STSDecoding {
  /// The parsed `GetCallerIdentityResult`.
  static func callerIdentity(_ result: XMLTree) -> CallerIdentity {
    CallerIdentity(
      account: result.string("Account") ?? "", arn: result.string("Arn") ?? "", userId: result.string("UserId") ?? "")
  }

  /// The parsed `AssumeRoleResult` or `AssumeRoleWithWebIdentityResult`.
  /// - Throws: `AWSError` `UnreadableResponse` when the result has no credentials.
  static func assumedRole(_ result: XMLTree, operation: String) throws -> AssumedRole {
    guard let credentials = result.element("Credentials"),
      let accessKeyId = credentials.string("AccessKeyId"),
      let secretAccessKey = credentials.string("SecretAccessKey")
    else {
      throw AWSError(
        code: "UnreadableResponse", message: "The response has no Credentials element.", httpStatus: 200,
        service: "STS", operation: operation, isRawFallback: true)
    }
    return AssumedRole(
      credentials: AWSCredentials(
        accessKeyId: accessKeyId, secretAccessKey: secretAccessKey,
        sessionToken: credentials.string("SessionToken"), expiration: credentials.date("Expiration")),
      arn: result.string("AssumedRoleUser/Arn"),
      assumedRoleId: result.string("AssumedRoleUser/AssumedRoleId"),
      subjectFromWebIdentityToken: result.string("SubjectFromWebIdentityToken"))
  }
}
