import Foundation

/// A CloudFormation stack that finished deploying, as a test sees it.
///
/// Plain data: its name, ARN, where it lives, its outputs and every resource
/// with its physical id. `createdAt` is the server's clock, so the compliance
/// poller can reject evaluations recorded before the stack existed.
public struct DeployedStack: Sendable, Hashable, CustomStringConvertible {
  /// One resource of the stack.
  public struct Resource: Sendable, Hashable {
    /// The template's name for the resource, e.g. `KmsBucket`.
    public var logicalId: String
    /// The id AWS gave it, e.g. the bucket name or the role name.
    public var physicalId: String
    /// The CloudFormation type, e.g. `AWS::S3::Bucket`.
    public var type: String
    /// The resource's status, e.g. `CREATE_COMPLETE`.
    public var status: String

    /// Creates a resource description.
    public init(logicalId: String, physicalId: String, type: String, status: String) {
      self.logicalId = logicalId
      self.physicalId = physicalId
      self.type = type
      self.status = status
    }
  }

  /// The stack name, `<template stem>-<run id>` unless given.
  public var name: String
  /// The stack ARN (`arn:aws:cloudformation:REGION:ACCOUNT:stack/NAME/UUID`).
  public var id: String
  /// The region the stack lives in.
  public var region: String
  /// The account the stack lives in.
  public var account: String
  /// The stack outputs by key.
  public var outputs: [String: String]
  /// Every resource of the stack, in the order CloudFormation lists them.
  public var resources: [Resource]
  /// The parameters the stack was created with.
  public var parameters: [String: String]
  /// When the stack was created, by the server's clock.
  public var createdAt: Date
  /// When this process saw the stack complete, by the local clock: every resource existed by then
  /// (an evaluation started later covers them all).
  public var readyAt: Date
  /// The run id of the process that created it (tag `potemkin:run-id`).
  public var runId: String
  /// The stack's tags (`potemkin:*` and the user's).
  public var tags: [String: String]
  /// Whether this is a dev-loop reuse stack (kept between runs, never torn down by fixtures).
  public var isReused: Bool
  /// Where the template was staged in S3 (templates over 51,200 bytes), removed at teardown.
  public var stagedTemplate: StagedTemplate?

  /// Creates a description of a deployed stack.
  public init(
    name: String, id: String, region: String, account: String, outputs: [String: String] = [:],
    resources: [Resource] = [], parameters: [String: String] = [:], createdAt: Date, runId: String,
    tags: [String: String] = [:], isReused: Bool = false, stagedTemplate: StagedTemplate? = nil, readyAt: Date = Date()
  ) {
    self.name = name
    self.id = id
    self.region = region
    self.account = account
    self.outputs = outputs
    self.resources = resources
    self.parameters = parameters
    self.createdAt = createdAt
    self.readyAt = readyAt
    self.runId = runId
    self.tags = tags
    self.isReused = isReused
    self.stagedTemplate = stagedTemplate
  }

  /// The resource with logical id `logicalId`, if the stack has one.
  public func resource(_ logicalId: String) -> Resource? {
    resources.first { $0.logicalId == logicalId }
  }

  public var description: String { "stack \(name) in \(region)" }
}
