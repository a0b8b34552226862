import Foundation

/// Reads `RESOURCE=COMPLIANCE` arguments of `potemkin expect` into compliance cases.
///
/// RESOURCE is `Type/id` (`AWS::S3::Bucket/my-bucket`) or a logical id of the stack given with `--stack`;
/// COMPLIANCE is `compliant`, `non-compliant`, `not-applicable`, `insufficient-data` or `absent`, in any case,
/// with `-` or `_`.
public enum ExpectationArgument {
  /// The sentence that explains the argument's form.
  public static let formatHelp =
    "Write RESOURCE=COMPLIANCE, e.g. KmsBucket=compliant or AWS::S3::Bucket/my-bucket=non-compliant; "
    + "COMPLIANCE is compliant, non-compliant, not-applicable, insufficient-data or absent."

  /// Parses one argument.
  /// - Returns: The case, or a sentence saying what is wrong with `text`.
  public static func parse(_ text: String) -> Result<ComplianceCase, ExpectationArgumentError> {
    guard let equals = text.lastIndex(of: "=") else {
      return .failure(ExpectationArgumentError("'\(text)' has no '='. \(formatHelp)"))
    }
    let resourceText = String(text[..<equals]).trimmingCharacters(in: .whitespaces)
    let complianceText = String(text[text.index(after: equals)...]).trimmingCharacters(in: .whitespaces)
    guard !resourceText.isEmpty else {
      return .failure(ExpectationArgumentError("'\(text)' names no resource before '='. \(formatHelp)"))
    }
    guard let expected = compliance(complianceText) else {
      return .failure(ExpectationArgumentError(
        "'\(complianceText)' in '\(text)' is not a compliance; use compliant, non-compliant, not-applicable, "
          + "insufficient-data or absent."))
    }
    switch resource(resourceText) {
    case .success(let reference): return .success(ComplianceCase(reference, is: expected))
    case .failure(let error): return .failure(error)
    }
  }

  /// The RESOURCE part of `RESOURCE=COMPLIANCE`, as the user wrote it (the whole text when there is no `=`).
  public static func resourceText(of text: String) -> String {
    guard let equals = text.lastIndex(of: "=") else { return text }
    return String(text[..<equals]).trimmingCharacters(in: .whitespaces)
  }

  /// `compliant`, `NON_COMPLIANT`, `not-applicable`, ... as an expectation; `nil` when unknown.
  public static func compliance(_ text: String) -> ExpectedCompliance? {
    let key = text.lowercased().replacingOccurrences(of: "_", with: "-")
    switch key {
    case "compliant": return .compliant
    case "non-compliant", "noncompliant": return .nonCompliant
    case "not-applicable", "notapplicable": return .notApplicable
    case "insufficient-data", "insufficientdata": return .insufficientData
    case "absent": return .absent
    default: return nil
    }
  }

  /// `Type/id` as an explicit resource, anything without `::` as a logical id.
  public static func resource(_ text: String) -> Result<ResourceReference, ExpectationArgumentError> {
    guard text.contains("::") else {
      guard text.allSatisfy({ $0.isLetter || $0.isNumber }) else {
        return .failure(ExpectationArgumentError(
          "'\(text)' is neither a logical id (letters and digits) nor Type/id like AWS::S3::Bucket/my-bucket."))
      }
      return .success(.logical(text))
    }
    guard let slash = text.firstIndex(of: "/") else {
      return .failure(ExpectationArgumentError(
        "'\(text)' has a resource type but no id; write it as Type/id, e.g. AWS::S3::Bucket/my-bucket."))
    }
    let type = String(text[..<slash])
    let id = String(text[text.index(after: slash)...])
    let parts = type.split(separator: ":", omittingEmptySubsequences: true)
    guard parts.count == 3, type.split(separator: "::", omittingEmptySubsequences: false).count == 3, !id.isEmpty
    else {
      return .failure(ExpectationArgumentError(
        "'\(text)' is not Type/id; the type has three parts like AWS::S3::Bucket and the id follows the first '/'."))
    }
    return .success(.resource(type: type, id: id))
  }
}

/// Why a `RESOURCE=COMPLIANCE` argument could not be read.
public struct ExpectationArgumentError: Error, Sendable, Hashable, CustomStringConvertible {
  /// What is wrong and how to write it.
  public let description: String

  init(_ description: String) { self.description = description }
}
