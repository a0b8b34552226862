import Foundation

/// Typed CloudFormation operations (AWS Query protocol, API version 2010-05-15).
public struct CloudFormationClient: Sendable {
  /// The API version sent with every request.
  static let apiVersion = "2010-05-15"

  /// The client that signs and sends the requests.
  public let client: AWSClient

  /// Creates a CloudFormation client over `client`.
  public init(client: AWSClient) {
    self.client = client
  }

  private func call(_ query: QueryParameters, action: String) async throws -> XMLTree {
    try await client.query(.cloudFormation, query, action: action)
  }

  private func parameters(_ action: String) -> QueryParameters {
    QueryParameters(action: action, version: Self.apiVersion)
  }

  /// Starts creating a stack and returns its ARN.
  public func createStack(_ input: CreateStackInput) async throws -> String {
    let result = try await call(input.queryParameters(action: "CreateStack"), action: "CreateStack")
    return result.string("StackId") ?? ""
  }

  /// Starts updating a stack with the fields of `input` and returns its ARN.
  public func updateStack(_ input: CreateStackInput) async throws -> String {
    let result = try await call(input.queryParameters(action: "UpdateStack"), action: "UpdateStack")
    return result.string("StackId") ?? ""
  }

  /// Returns one page of stacks: the named stack (name or ARN), or every stack when `stackName` is `nil`.
  public func describeStacks(
    stackName: String? = nil, nextToken: String? = nil
  ) async throws -> (stacks: [Stack], nextToken: String?) {
    var query = parameters("DescribeStacks")
    query.set("StackName", stackName)
    query.set("NextToken", nextToken)
    return CloudFormationDecoding.describeStacks(try await call(query, action: "DescribeStacks"))
  }

  /// Returns the stack named `stackName` (name or ARN).
  /// - Throws: `AWSError` `ValidationError` ("Stack with id ... does not exist") when there is none.
  public func describeStack(_ stackName: String) async throws -> Stack {
    let page = try await describeStacks(stackName: stackName)
    guard let stack = page.stacks.first else {
      throw AWSError(
        code: "ValidationError", message: "Stack with id \(stackName) does not exist", httpStatus: 200,
        service: "CloudFormation", operation: "DescribeStacks")
    }
    return stack
  }

  /// Returns one page of a stack's events, newest first.
  public func describeStackEvents(
    stackName: String, nextToken: String? = nil
  ) async throws -> (events: [StackEvent], nextToken: String?) {
    var query = parameters("DescribeStackEvents")
    query.set("StackName", stackName)
    query.set("NextToken", nextToken)
    return CloudFormationDecoding.describeStackEvents(try await call(query, action: "DescribeStackEvents"))
  }

  /// The pages of a stack's events, newest first.
  public func describeStackEventsPages(stackName: String, maxPages: Int = 100) -> PageSequence<[StackEvent]> {
    PageSequence(maxPages: maxPages) { token in
      let page = try await describeStackEvents(stackName: stackName, nextToken: token)
      return (page.events, page.nextToken)
    }
  }

  /// Returns one page of a stack's resources.
  public func listStackResources(
    stackName: String, nextToken: String? = nil
  ) async throws -> (resources: [StackResourceSummary], nextToken: String?) {
    var query = parameters("ListStackResources")
    query.set("StackName", stackName)
    query.set("NextToken", nextToken)
    return CloudFormationDecoding.listStackResources(try await call(query, action: "ListStackResources"))
  }

  /// The pages of a stack's resources.
  public func listStackResourcesPages(
    stackName: String, maxPages: Int = 100
  ) -> PageSequence<[StackResourceSummary]> {
    PageSequence(maxPages: maxPages) { token in
      let page = try await listStackResources(stackName: stackName, nextToken: token)
      return (page.resources, page.nextToken)
    }
  }

  /// Every resource of a stack (up to `maxPages` pages).
  public func allStackResources(stackName: String, maxPages: Int = 100) async throws -> [StackResourceSummary] {
    try await listStackResourcesPages(stackName: stackName, maxPages: maxPages).collect().flatMap { $0 }
  }

  /// Returns one page of stack summaries, optionally only those with the given statuses.
  public func listStacks(
    statusFilter: [StackStatus] = [], nextToken: String? = nil
  ) async throws -> (stacks: [StackSummary], nextToken: String?) {
    var query = parameters("ListStacks")
    query.setList("StackStatusFilter", statusFilter.map(\.rawValue))
    query.set("NextToken", nextToken)
    return CloudFormationDecoding.listStacks(try await call(query, action: "ListStacks"))
  }

  /// The pages of stack summaries.
  public func listStacksPages(statusFilter: [StackStatus] = [], maxPages: Int = 100) -> PageSequence<[StackSummary]> {
    PageSequence(maxPages: maxPages) { token in
      let page = try await listStacks(statusFilter: statusFilter, nextToken: token)
      return (page.stacks, page.nextToken)
    }
  }

  /// Every stack summary with the given statuses (up to `maxPages` pages).
  public func allStacks(statusFilter: [StackStatus] = [], maxPages: Int = 100) async throws -> [StackSummary] {
    try await listStacksPages(statusFilter: statusFilter, maxPages: maxPages).collect().flatMap { $0 }
  }

  /// Starts deleting a stack (succeeds also when it does not exist).
  public func deleteStack(
    stackName: String, clientRequestToken: String? = nil, retainResources: [String] = [], roleARN: String? = nil
  ) async throws {
    var query = parameters("DeleteStack")
    query.set("StackName", stackName)
    query.set("ClientRequestToken", clientRequestToken)
    query.setList("RetainResources", retainResources)
    query.set("RoleARN", roleARN)
    _ = try await call(query, action: "DeleteStack")
  }

  /// Checks a template's syntax and returns its parameters and needed capabilities.
  /// - Throws: `AWSError` `ValidationError` with the service's reason when the template is invalid.
  public func validateTemplate(_ template: TemplateSource) async throws -> TemplateValidation {
    var query = parameters("ValidateTemplate")
    template.encode(into: &query)
    return CloudFormationDecoding.validateTemplate(try await call(query, action: "ValidateTemplate"))
  }
}
