import PotemkinTesting
import Testing

/// The rule `iam-role-permissions-boundary`: IAM roles must have a permissions boundary.
///
/// AWS Config names a role by its RoleId (`AROA...`), while CloudFormation's `Ref`
/// gives the role name: the cases below use logical ids and Potemkin maps them to
/// the id Config uses, so nothing here mentions either.
@Suite(.potemkinStack(template: "Rules/iam_role_permissions_boundary.yml"))
struct IAMRolePermissionsBoundary {
  static let rule = ConfigRule("iam-role-permissions-boundary")

  @Suite(.potemkinStack(template: "Fixtures/roles.yml"))
  struct Roles {
    @Test(arguments: [
      ComplianceCase("BoundedRole", is: .compliant),
      ComplianceCase("UnboundedRole", is: .nonCompliant),
    ])
    func evaluates(_ expected: ComplianceCase) async throws {
      try await IAMRolePermissionsBoundary.rule.expect(expected)
    }
  }
}
