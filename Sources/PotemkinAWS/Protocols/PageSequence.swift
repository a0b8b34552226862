/// The pages of a paged AWS operation as an async sequence, fetched one at a time as you iterate.
///
/// Iteration stops after the page without a next token, when a token repeats (a service bug
/// that would loop forever), or after `maxPages` pages.
public struct PageSequence<Page: Sendable>: AsyncSequence, Sendable {
  /// The most pages the sequence fetches.
  public let maxPages: Int
  private let fetch: @Sendable (String?) async throws -> (page: Page, nextToken: String?)

  /// Creates a sequence whose `fetch` gets the page for a token (`nil` for the first page).
  public init(
    maxPages: Int = 1000, startingAt token: String? = nil,
    fetch: @escaping @Sendable (String?) async throws -> (page: Page, nextToken: String?)
  ) {
    self.maxPages = maxPages
    self.firstToken = token
    self.fetch = fetch
  }

  private let firstToken: String?

  public func makeAsyncIterator() -> Iterator {
    Iterator(fetch: fetch, token: firstToken, remaining: maxPages)
  }

  /// Fetches every page (up to `maxPages`) and returns them in order.
  public func collect() async throws -> [Page] {
    var pages: [Page] = []
    for try await page in self { pages.append(page) }
    return pages
  }

  /// Walks the pages one at a time.
  public struct Iterator: AsyncIteratorProtocol {
    fileprivate let fetch: @Sendable (String?) async throws -> (page: Page, nextToken: String?)
    fileprivate var token: String?
    fileprivate var remaining: Int
    fileprivate var seen: Set<String> = []
    fileprivate var finished = false

    public mutating func next() async throws -> Page? {
      guard !finished, remaining > 0 else { return nil }
      remaining -= 1
      let (page, nextToken) = try await fetch(token)
      if let nextToken, !nextToken.isEmpty, seen.insert(nextToken).inserted {
        token = nextToken
      } else {
        finished = true
      }
      return page
    }
  }
}
