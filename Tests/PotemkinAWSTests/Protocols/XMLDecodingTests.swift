import Foundation
import Testing
@testable import PotemkinAWS

@Suite("Query XML decoding")
struct XMLDecodingTests {
  static let describeStacks = """
    <DescribeStacksResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/">
      <DescribeStacksResult>
        <Stacks>
          <member>
            <StackName>fixture-abc</StackName>
            <StackId>arn:aws:cloudformation:us-east-1:123456789012:stack/fixture-abc/1234</StackId>
            <Description>Two buckets &amp; outputs</Description>
            <Parameters>
              <member><ParameterKey>Env</ParameterKey><ParameterValue>test</ParameterValue></member>
            </Parameters>
            <CreationTime>2024-05-01T12:00:00.123Z</CreationTime>
            <LastUpdatedTime>2024-05-01T12:05:00Z</LastUpdatedTime>
            <StackStatus>ROLLBACK_COMPLETE</StackStatus>
            <StackStatusReason>The following resource(s) failed to create: [KmsBucket].</StackStatusReason>
            <DisableRollback>false</DisableRollback>
            <Outputs>
              <member><OutputKey>BucketName</OutputKey><OutputValue>my-bucket</OutputValue><Description>The bucket</Description></member>
              <member><OutputKey>Arn</OutputKey><OutputValue>arn:aws:s3:::my-bucket</OutputValue><ExportName>X</ExportName></member>
            </Outputs>
            <Tags><member><Key>potemkin:run-id</Key><Value>r1</Value></member></Tags>
            <Capabilities><member>CAPABILITY_IAM</member></Capabilities>
          </member>
        </Stacks>
        <NextToken>page2</NextToken>
      </DescribeStacksResult>
      <ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata>
    </DescribeStacksResponse>
    """

  @Test("DescribeStacks: stacks, outputs, parameters, tags, times and the next token")
  func describeStacks() throws {
    let root = try #require(XMLTree.parse(Data(Self.describeStacks.utf8)))
    let result = try #require(root.child("DescribeStacksResult"))
    let (stacks, nextToken) = CloudFormationDecoding.describeStacks(result)
    #expect(nextToken == "page2")
    let stack = try #require(stacks.first)
    #expect(stack.name == "fixture-abc")
    #expect(stack.id.hasPrefix("arn:aws:cloudformation:"))
    #expect(stack.description == "Two buckets & outputs")
    #expect(stack.status == .rollbackComplete)
    #expect(stack.status.isFailure && !stack.status.isInProgress)
    #expect(stack.statusReason == "The following resource(s) failed to create: [KmsBucket].")
    #expect(abs((stack.creationTime?.timeIntervalSince1970 ?? 0) - 1_714_564_800.123) < 0.000_5)
    #expect(stack.lastUpdatedTime == Date(timeIntervalSince1970: 1_714_565_100))
    #expect(stack.parameters == [StackParameter(key: "Env", value: "test")])
    #expect(stack.output("BucketName") == "my-bucket")
    #expect(stack.outputs[1].exportName == "X")
    #expect(stack.tags == [ResourceTag(key: "potemkin:run-id", value: "r1")])
    #expect(stack.capabilities == ["CAPABILITY_IAM"])
    #expect(stack.disableRollback == false)
  }

  @Test("ListStackResources and DescribeStackEvents members")
  func resourcesAndEvents() throws {
    let resources = """
      <ListStackResourcesResponse><ListStackResourcesResult><StackResourceSummaries>
      <member><LogicalResourceId>KmsBucket</LogicalResourceId><PhysicalResourceId>kms-bucket-1</PhysicalResourceId>
      <ResourceType>AWS::S3::Bucket</ResourceType><LastUpdatedTimestamp>2024-05-01T12:00:00Z</LastUpdatedTimestamp>
      <ResourceStatus>CREATE_FAILED</ResourceStatus><ResourceStatusReason>Access Denied</ResourceStatusReason></member>
      </StackResourceSummaries></ListStackResourcesResult></ListStackResourcesResponse>
      """
    let resourceRoot = try #require(XMLTree.parse(Data(resources.utf8)))
    let (summaries, token) = CloudFormationDecoding.listStackResources(
      try #require(resourceRoot.child("ListStackResourcesResult")))
    #expect(token == nil)
    #expect(
      summaries == [
        StackResourceSummary(
          logicalResourceId: "KmsBucket", physicalResourceId: "kms-bucket-1", resourceType: "AWS::S3::Bucket",
          resourceStatus: "CREATE_FAILED", resourceStatusReason: "Access Denied",
          lastUpdatedTimestamp: Date(timeIntervalSince1970: 1_714_564_800))
      ])

    let events = """
      <DescribeStackEventsResponse><DescribeStackEventsResult><StackEvents><member>
      <EventId>e1</EventId><StackId>arn:s</StackId><StackName>s</StackName><LogicalResourceId>s</LogicalResourceId>
      <ResourceType>AWS::CloudFormation::Stack</ResourceType><Timestamp>2024-05-01T12:00:00Z</Timestamp>
      <ResourceStatus>CREATE_IN_PROGRESS</ResourceStatus><ResourceStatusReason>User Initiated</ResourceStatusReason>
      </member></StackEvents><NextToken>n</NextToken></DescribeStackEventsResult></DescribeStackEventsResponse>
      """
    let eventRoot = try #require(XMLTree.parse(Data(events.utf8)))
    let page = CloudFormationDecoding.describeStackEvents(try #require(eventRoot.child("DescribeStackEventsResult")))
    #expect(page.nextToken == "n")
    #expect(page.events.first?.resourceStatusReason == "User Initiated")
    #expect(page.events.first?.timestamp == Date(timeIntervalSince1970: 1_714_564_800))
  }

  @Test("ValidateTemplate and STS results")
  func validateAndSTS() throws {
    let validate = """
      <ValidateTemplateResponse><ValidateTemplateResult><Parameters><member><NoEcho>true</NoEcho>
      <ParameterKey>Secret</ParameterKey><Description>shh</Description></member></Parameters>
      <Description>d</Description><Capabilities><member>CAPABILITY_IAM</member></Capabilities>
      <CapabilitiesReason>The following resource(s) require capabilities: [AWS::IAM::Role]</CapabilitiesReason>
      </ValidateTemplateResult></ValidateTemplateResponse>
      """
    let result = try #require(XMLTree.parse(Data(validate.utf8))?.child("ValidateTemplateResult"))
    let validation = CloudFormationDecoding.validateTemplate(result)
    #expect(validation.parameters == [.init(key: "Secret", noEcho: true, description: "shh")])
    #expect(validation.capabilities == ["CAPABILITY_IAM"])

    let assume = """
      <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult>
      <AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/R/s</Arn><AssumedRoleId>AROAX:s</AssumedRoleId></AssumedRoleUser>
      <Credentials><AccessKeyId>ASIAEXAMPLE123456</AccessKeyId><SecretAccessKey>secretvalue</SecretAccessKey>
      <SessionToken>tokenvalue</SessionToken><Expiration>2024-05-01T13:00:00Z</Expiration></Credentials>
      </AssumeRoleResult></AssumeRoleResponse>
      """
    let assumeResult = try #require(XMLTree.parse(Data(assume.utf8))?.child("AssumeRoleResult"))
    let role = try STSDecoding.assumedRole(assumeResult, operation: "AssumeRole")
    #expect(role.credentials.accessKeyId == "ASIAEXAMPLE123456")
    #expect(role.credentials.sessionToken == "tokenvalue")
    #expect(role.credentials.expiration == Date(timeIntervalSince1970: 1_714_568_400))
    #expect(role.assumedRoleId == "AROAX:s")
    #expect(!"\(role)".contains("secretvalue") && !"\(role)".contains("tokenvalue"))
  }

  @Test("Malformed XML is rejected rather than half-parsed")
  func malformed() {
    #expect(XMLTree.parse(Data("<a><b></a>".utf8)) == nil)
    #expect(XMLTree.parse(Data("<html><body>oops".utf8)) == nil)
  }
}
