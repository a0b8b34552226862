import Foundation
import PotemkinAWS

extension CompliancePoller {
  /// The process-wide pollers, one per account, region and endpoint.
  private actor Registry {
    var pollers: [String: CompliancePoller] = [:]

    func poller(for key: String, make: () -> CompliancePoller) -> CompliancePoller {
      if let existing = pollers[key] { return existing }
      let created = make()
      pollers[key] = created
      return created
    }
  }

  private static let registry = Registry()

  /// The shared poller of `connection`'s account and region, created on first use.
  ///
  /// Every waiter of the process for that account and region goes through it, which is what
  /// lets it coalesce their calls. Connections with a custom endpoint (a local backend) get
  /// `Configuration.local` unless `configuration` is given; a later `configuration` is ignored.
  /// - Throws: What `connection.accountId()` throws (e.g. no or expired credentials).
  public static func shared(for connection: AWSConnection, configuration: Configuration? = nil) async throws
    -> CompliancePoller
  {
    let account = try await connection.accountId()
    let key = "\(account)|\(connection.region)|\(connection.endpointDescription)"
    return await registry.poller(for: key) {
      CompliancePoller(connection: connection, configuration: configuration)
    }
  }

  /// A poller of its own over `connection` (not shared: for isolated measurements).
  public init(connection: AWSConnection, configuration: Configuration? = nil) {
    self.init(
      config: connection.config, region: connection.region,
      configuration: configuration ?? (connection.usesCustomEndpoint ? .local : Configuration()))
  }

  /// A poller of its own over a Config client.
  public init(config: ConfigServiceClient, region: String?, configuration: Configuration = Configuration()) {
    self.init(service: config, region: region, configuration: configuration)
  }
}
