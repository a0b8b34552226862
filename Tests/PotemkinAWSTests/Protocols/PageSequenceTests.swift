import Testing
@testable import PotemkinAWS

@Suite("Page sequences")
struct PageSequenceTests {
  @Test("Follows next tokens until there is none")
  func followsTokens() async throws {
    let pages = PageSequence<[Int]> { token in
      switch token {
      case nil: ([1, 2], "a")
      case "a": ([3], "b")
      default: ([4], nil)
      }
    }
    #expect(try await pages.collect() == [[1, 2], [3], [4]])
  }

  @Test("Stops at a repeated token and at the page limit")
  func bounded() async throws {
    let looping = PageSequence<Int> { _ in (1, "same") }
    #expect(try await looping.collect().count == 2)
    let endless = PageSequence<Int>(maxPages: 5) { token in (Int(token ?? "0")!, String(Int(token ?? "0")! + 1)) }
    #expect(try await endless.collect() == [0, 1, 2, 3, 4])
  }
}
