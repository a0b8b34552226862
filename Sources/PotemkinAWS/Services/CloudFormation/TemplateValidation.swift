/// What ValidateTemplate reports about a template.
public struct TemplateValidation: Sendable, Hashable {
  /// One declared parameter.
  public struct Parameter: Sendable, Hashable {
    /// The parameter name.
    public var key: String
    /// Its default value, if any.
    public var defaultValue: String?
    /// Whether its value is hidden.
    public var noEcho: Bool
    /// Its description.
    public var description: String?

    /// Creates a parameter description.
    public init(key: String, defaultValue: String? = nil, noEcho: Bool = false, description: String? = nil) {
      self.key = key
      self.defaultValue = defaultValue
      self.noEcho = noEcho
      self.description = description
    }
  }

  /// The template's description.
  public var description: String?
  /// The declared parameters.
  public var parameters: [Parameter]
  /// The capabilities the template needs.
  public var capabilities: [String]
  /// Why it needs them.
  public var capabilitiesReason: String?

  /// Creates a validation result.
  public init(
    description: String? = nil, parameters: [Parameter] = [], capabilities: [String] = [],
    capabilitiesReason: String? = nil
  ) {
    self.description = description
    self.parameters = parameters
    self.capabilities = capabilities
    self.capabilitiesReason = capabilitiesReason
  }
}
