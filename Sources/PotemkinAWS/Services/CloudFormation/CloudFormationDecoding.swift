import Foundation

/// Turns CloudFormation's Query XML results into typed values.
enum CloudFormationDecoding {
  /// The stacks and next token of a `DescribeStacksResult`.
  static func describeStacks(_ result: XMLTree) -> (stacks: [Stack], nextToken: String?) {
    let stacks = result.members("Stacks").map { member in
      Stack(
        name: member.string("StackName") ?? "",
        id: member.string("StackId") ?? "",
        description: member.string("Description"),
        status: StackStatus(rawValue: member.string("StackStatus") ?? ""),
        statusReason: member.string("StackStatusReason"),
        creationTime: member.date("CreationTime"),
        lastUpdatedTime: member.date("LastUpdatedTime"),
        deletionTime: member.date("DeletionTime"),
        parameters: member.members("Parameters").map {
          StackParameter(key: $0.string("ParameterKey") ?? "", value: $0.string("ParameterValue"))
        },
        outputs: member.members("Outputs").map {
          StackOutput(
            key: $0.string("OutputKey") ?? "", value: $0.string("OutputValue") ?? "",
            description: $0.string("Description"), exportName: $0.string("ExportName"))
        },
        tags: tags(member),
        capabilities: member.members("Capabilities").map(\.text),
        disableRollback: member.bool("DisableRollback"))
    }
    return (stacks, nextToken(result))
  }

  /// The events and next token of a `DescribeStackEventsResult`.
  static func describeStackEvents(_ result: XMLTree) -> (events: [StackEvent], nextToken: String?) {
    let events = result.members("StackEvents").map { member in
      StackEvent(
        eventId: member.string("EventId") ?? "",
        stackId: member.string("StackId") ?? "",
        stackName: member.string("StackName") ?? "",
        logicalResourceId: member.string("LogicalResourceId"),
        physicalResourceId: member.string("PhysicalResourceId"),
        resourceType: member.string("ResourceType"),
        timestamp: member.date("Timestamp") ?? Date(timeIntervalSince1970: 0),
        resourceStatus: member.string("ResourceStatus"),
        resourceStatusReason: member.string("ResourceStatusReason"),
        clientRequestToken: member.string("ClientRequestToken"))
    }
    return (events, nextToken(result))
  }

  /// The resources and next token of a `ListStackResourcesResult`.
  static func listStackResources(_ result: XMLTree) -> (resources: [StackResourceSummary], nextToken: String?) {
    let resources = result.members("StackResourceSummaries").map { member in
      StackResourceSummary(
        logicalResourceId: member.string("LogicalResourceId") ?? "",
        physicalResourceId: member.string("PhysicalResourceId"),
        resourceType: member.string("ResourceType") ?? "",
        resourceStatus: member.string("ResourceStatus") ?? "",
        resourceStatusReason: member.string("ResourceStatusReason"),
        lastUpdatedTimestamp: member.date("LastUpdatedTimestamp"))
    }
    return (resources, nextToken(result))
  }

  /// The summaries and next token of a `ListStacksResult`.
  static func listStacks(_ result: XMLTree) -> (stacks: [StackSummary], nextToken: String?) {
    let stacks = result.members("StackSummaries").map { member in
      StackSummary(
        name: member.string("StackName") ?? "",
        id: member.string("StackId") ?? "",
        status: StackStatus(rawValue: member.string("StackStatus") ?? ""),
        statusReason: member.string("StackStatusReason"),
        templateDescription: member.string("TemplateDescription"),
        creationTime: member.date("CreationTime"),
        lastUpdatedTime: member.date("LastUpdatedTime"),
        deletionTime: member.date("DeletionTime"))
    }
    return (stacks, nextToken(result))
  }

  /// The parsed `ValidateTemplateResult`.
  static func validateTemplate(_ result: XMLTree) -> TemplateValidation {
    TemplateValidation(
      description: result.string("Description"),
      parameters: result.members("Parameters").map {
        TemplateValidation.Parameter(
          key: $0.string("ParameterKey") ?? "", defaultValue: $0.string("DefaultValue"),
          noEcho: $0.bool("NoEcho") ?? false, description: $0.string("Description"))
      },
      capabilities: result.members("Capabilities").map(\.text),
      capabilitiesReason: result.string("CapabilitiesReason"))
  }

  private static func tags(_ element: XMLTree) -> [ResourceTag] {
    element.members("Tags").map { ResourceTag(key: $0.string("Key") ?? "", value: $0.string("Value") ?? "") }
  }

  private static func nextToken(_ result: XMLTree) -> String? {
    result.string("NextToken").flatMap { $0.isEmpty ? nil : $0 }
  }
}
