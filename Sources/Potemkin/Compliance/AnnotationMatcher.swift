import Foundation

/// A condition on the annotation text a rule attached to its evaluation.
public struct AnnotationMatcher: Sendable, Hashable, CustomStringConvertible {
  private enum Kind: Hashable {
    case exact(String)
    case contains(String)
    case regex(String)
  }

  private let kind: Kind

  private init(_ kind: Kind) { self.kind = kind }

  /// Matches an annotation equal to `text`.
  public static func exactly(_ text: String) -> AnnotationMatcher { .init(.exact(text)) }

  /// Matches an annotation that contains `text`.
  public static func containing(_ text: String) -> AnnotationMatcher { .init(.contains(text)) }

  /// Matches an annotation in which the regular expression `pattern` finds a match.
  public static func matching(_ pattern: String) -> AnnotationMatcher { .init(.regex(pattern)) }

  /// Why the matcher can never match (an invalid regular expression), or `nil` when it is usable.
  public var problem: String? {
    guard case .regex(let pattern) = kind else { return nil }
    do {
      _ = try NSRegularExpression(pattern: pattern)
      return nil
    } catch {
      return "the annotation pattern /\(pattern)/ is not a valid regular expression"
    }
  }

  /// Whether `annotation` satisfies the matcher; a missing annotation only matches `exactly("")`.
  public func matches(_ annotation: String?) -> Bool {
    switch kind {
    case .exact(let text): return (annotation ?? "") == text
    case .contains(let text): return annotation?.contains(text) ?? false
    case .regex(let pattern):
      guard let annotation, let expression = try? NSRegularExpression(pattern: pattern) else { return false }
      let range = NSRange(annotation.startIndex..<annotation.endIndex, in: annotation)
      return expression.firstMatch(in: annotation, range: range) != nil
    }
  }

  public var description: String {
    switch kind {
    case .exact(let text): "annotation \"\(text)\""
    case .contains(let text): "annotation containing \"\(text)\""
    case .regex(let pattern): "annotation matching /\(pattern)/"
    }
  }
}
