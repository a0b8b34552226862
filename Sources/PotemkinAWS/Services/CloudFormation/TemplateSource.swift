import Foundation

/// Where a template comes from: inline text (up to 51,200 bytes) or an S3 URL.
public enum TemplateSource: Sendable, Hashable {
  /// The template text, sent as `TemplateBody`.
  case body(String)
  /// An S3 URL of the template, sent as `TemplateURL`.
  case url(URL)

  /// Adds `TemplateBody` or `TemplateURL` to `parameters`.
  func encode(into parameters: inout QueryParameters) {
    switch self {
    case .body(let text): parameters.set("TemplateBody", text)
    case .url(let url): parameters.set("TemplateURL", url.absoluteString)
    }
  }
}
