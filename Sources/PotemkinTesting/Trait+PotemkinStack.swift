import Potemkin
import Testing

extension Trait where Self == PotemkinStackTrait {
  /// Deploys a CloudFormation stack once for the suite and deletes it after the suite's last test.
  ///
  /// ```swift
  /// @Suite(.potemkinStack(template: "Fixtures/all_three_buckets.yml"))
  /// struct Buckets { ... }
  /// ```
  /// - Parameters:
  ///   - template: A template file, absolute or relative to the package root (found from the suite's
  ///     source file) or the current directory; or `.body(...)` for an inline template.
  ///   - parameters: Template parameters; `{{unique}}` in a value becomes a unique, bucket-safe name.
  ///   - tags: Tags for the stack, besides Potemkin's `potemkin:*` tags.
  ///   - name: The stack name; `<template stem>-<run id>` by default.
  ///   - region: The region; the usual AWS configuration by default.
  ///   - profile: The shared-config profile; `AWS_PROFILE` or `default` by default.
  ///   - teardown: When to delete the stack; `POTEMKIN_TEARDOWN` overrides it.
  ///   - timeout: The limit for creating and for deleting the stack.
  ///   - reuse: Keep and reuse the stack between runs (dev loop); `nil` reads `POTEMKIN_REUSE`.
  public static func potemkinStack(
    template: StackTemplate, parameters: [String: String] = [:], tags: [String: String] = [:],
    name: String? = nil, region: String? = nil, profile: String? = nil, teardown: TeardownPolicy = .always,
    timeout: Duration = StackFixture.defaultTimeout, reuse: Bool? = nil, filePath: String = #filePath
  ) -> Self {
    PotemkinStackTrait(
      template: template, parameters: parameters, tags: tags, name: name, region: region, profile: profile,
      teardown: teardown, timeout: timeout, reuse: reuse, filePath: filePath)
  }
}
