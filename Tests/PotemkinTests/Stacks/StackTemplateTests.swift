import Foundation
import Testing

@testable import Potemkin

@Suite("Template resolution")
struct StackTemplateTests {
  @Test("a relative path is found from the package root of the calling file")
  func packageRelative() throws {
    let resolved = try StackTemplate.file("Tests/PotemkinTests/Fixtures/stacks/two_buckets.yml")
      .resolve(filePath: #filePath, currentDirectory: "/")
    #expect(resolved.stem == "two_buckets")
    #expect(resolved.body.contains("AWS::S3::Bucket"))
  }

  @Test("a missing template names every path tried")
  func missing() throws {
    let error = try #require(throws: StackError.self) {
      try StackTemplate.file("Fixtures/nope.yml").resolve(filePath: #filePath, currentDirectory: "/tmp")
    }
    let root = try #require(StackTemplate.packageRoot(from: #filePath))
    #expect(error.isTemplateNotFound)
    #expect(error.pathsTried == ["\(root)/Fixtures/nope.yml", "/tmp/Fixtures/nope.yml"])
    #expect(error.description.contains("\(root)/Fixtures/nope.yml"))
    #expect(error.description.contains("/tmp/Fixtures/nope.yml"))
  }

  @Test("an inline body uses its name as the stem")
  func inline() throws {
    let resolved = try StackTemplate.body("Resources: {}", name: "tiny").resolve(filePath: #filePath)
    #expect(resolved.stem == "tiny")
    #expect(resolved.path == nil)
  }
}
