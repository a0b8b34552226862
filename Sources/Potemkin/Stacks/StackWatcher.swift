import Foundation
import PotemkinAWS

/// Polls one stack through the process-wide describe rate limiter: status, new events, resources.
///
/// Throttling and transient faults that outlast the client's own retries are absorbed here
/// (the limiter slows every poller of the region down, and the call is tried again).
struct StackWatcher: Sendable {
  let connection: AWSConnection
  /// The stack name (names are unique per run; describing a deleted stack by ARN misbehaves on moto).
  let stackName: String
  let limiter: RateLimiter

  init(connection: AWSConnection, stackName: String) {
    self.connection = connection
    self.stackName = stackName
    self.limiter = RateLimiter.cloudFormationDescribe(
      endpoint: connection.cloudFormationEndpoint.absoluteString, region: connection.region,
      isCustom: connection.usesCustomEndpoint)
  }

  /// The stack, or `nil` when it does not exist (any more).
  func describe() async throws -> Stack? {
    do {
      return try await limited { try await connection.cloudFormation.describeStack(stackName) }
    } catch let error as AWSError where Self.isMissingStack(error) {
      return nil
    }
  }

  /// Every event of the stack, oldest first.
  func allEvents() async throws -> [ResourceEvent] {
    var events: [ResourceEvent] = []
    var token: String?
    var pages = 0
    repeat {
      let current = token
      let page = try await limited {
        try await connection.cloudFormation.describeStackEvents(stackName: stackName, nextToken: current)
      }
      events += page.events.map(Self.convert)
      token = page.nextToken
      pages += 1
    } while token != nil && pages < 50
    return events.reversed()
  }

  /// The events not in `seen`, oldest first (reads pages only until it meets a seen event).
  func newEvents(seen: Set<String>) async throws -> [ResourceEvent] {
    var fresh: [ResourceEvent] = []
    var token: String?
    var pages = 0
    pageLoop: repeat {
      let current = token
      let page = try await limited {
        try await connection.cloudFormation.describeStackEvents(stackName: stackName, nextToken: current)
      }
      for event in page.events {
        if seen.contains(event.eventId) { break pageLoop }
        fresh.append(Self.convert(event))
      }
      token = page.nextToken
      pages += 1
    } while token != nil && pages < 20
    return fresh.reversed()
  }

  /// Every resource of the stack, as CloudFormation lists them.
  func resources() async throws -> [StackResourceSummary] {
    var all: [StackResourceSummary] = []
    var token: String?
    var pages = 0
    repeat {
      let current = token
      let page = try await limited {
        try await connection.cloudFormation.listStackResources(stackName: stackName, nextToken: current)
      }
      all += page.resources
      token = page.nextToken
      pages += 1
    } while token != nil && pages < 50
    return all
  }

  /// Runs a describe call through the limiter, retrying throttling and transient faults a few times.
  func limited<T: Sendable>(_ call: @Sendable () async throws -> T) async throws -> T {
    var backoff = Backoff(initial: .milliseconds(500), multiplier: 2, maximum: .seconds(8))
    var attempt = 0
    while true {
      attempt += 1
      try await limiter.acquire()
      do {
        return try await call()
      } catch let error as AWSError where (error.isThrottling || error.isTransient) && attempt < 8 {
        if error.isThrottling { await limiter.throttled() }
        try await Task.sleep(for: backoff.next())
      }
    }
  }

  static func isMissingStack(_ error: AWSError) -> Bool {
    error.code == "ValidationError" && error.message.contains("does not exist")
  }

  static func convert(_ event: PotemkinAWS.StackEvent) -> ResourceEvent {
    ResourceEvent(
      eventId: event.eventId, timestamp: event.timestamp, logicalId: event.logicalResourceId ?? event.stackName,
      physicalId: event.physicalResourceId, type: event.resourceType ?? "AWS::CloudFormation::Stack",
      status: event.resourceStatus ?? "", reason: event.resourceStatusReason)
  }
}
