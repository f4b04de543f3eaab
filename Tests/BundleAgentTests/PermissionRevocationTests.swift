@testable import BundleAgent
import BundleModel
import XCTest

/// "revoke access for the group analysts": the principal's entries leave the resource's permissions
/// (never a grant); access that comes from the bundle's top-level permissions is said to come from there.
final class PermissionRevocationTests: XCTestCase {
    func testRevokingRemovesTheEntriesItGrants() throws {
        var c = FollowUpTests.Conversation()
        _ = try c.ask("let the group analysts view the sales sync")
        _ = try c.ask("give ana@example.com CAN_MANAGE_RUN on the sales sync")
        XCTAssertTrue(PhrasingTableTests.matches(try c.value("jobs.sales_sync.permissions", target: "dev"), "∋{group_name:analysts,level:CAN_VIEW}"))
        let plan = try c.ask("revoke access for group analysts on the sales sync")
        XCTAssertEqual(plan?.summary, "Revoked every permission of group analysts from job sales_sync.")
        XCTAssertEqual(try c.value("jobs.sales_sync.permissions", target: "dev"), "[{level:CAN_MANAGE_RUN,user_name:ana@example.com}]")
        _ = try c.ask("remove ana@example.com from the sales sync permissions")
        XCTAssertNil(try c.value("jobs.sales_sync.permissions", target: "prod"))

        // Nothing of its own to revoke: said, nothing planned.
        let bundle = try SalesBundle.load(c.files)
        let outcome = OfflinePlanner().plan(PlanningContext(bundle: bundle, request: RequestText("revoke access for group analysts on the sales sync")))
        guard case .refused(let reason) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertEqual(reason, "group analysts has no permissions of its own on job sales_sync to revoke")
    }

    func testAccessFromTheBundlesPermissionsIsRevokedThereOnlyWhenAsked() throws {
        var c = FollowUpTests.Conversation()
        _ = try c.ask("let everyone view everything")
        let bundle = try SalesBundle.load(c.files)
        let outcome = OfflinePlanner().plan(PlanningContext(bundle: bundle, request: RequestText("remove the group users from the marketing digest permissions")))
        guard case .refused(let reason) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertTrue(reason.hasPrefix("group users gets its access to job marketing_digest from the bundle's permissions (databricks.yml)"), reason)
        _ = try c.ask("revoke users' access to the whole bundle")
        XCTAssertNil(PhrasingTableTests.value(at: "permissions", in: YAMLNode(.mapping(try SalesBundle.load(c.files).configuration), at: SourceLocation(file: "", line: 1, column: 1))))
    }

    /// A target with permissions of its own: "… on the dashboard in prod" still grants on the
    /// dashboard (in prod), not on everything prod deploys.
    func testAKindNamedInATargetWithPermissionsIsThatResource() throws {
        var c = FollowUpTests.Conversation()
        _ = try c.ask("give ana@example.com CAN_MANAGE_RUN on the prod target")
        _ = try c.ask("give the analysts group CAN_EDIT on the dashboard in prod")
        XCTAssertTrue(PhrasingTableTests.matches(try c.value("dashboards.sales_overview.permissions", target: "prod"), "∋{group_name:analysts,level:CAN_EDIT}"))
        XCTAssertNil(try c.value("dashboards.sales_overview.permissions", target: "dev"))
        let root = YAMLNode(.mapping(try SalesBundle.load(c.files).configuration), at: SourceLocation(file: "", line: 1, column: 1))
        XCTAssertEqual(PhrasingTableTests.value(at: "targets.prod.permissions", in: root), "[{level:CAN_RUN,user_name:ana@example.com}]")
    }

    /// "remove CAN_VIEW for users on the workflow" (BC-translink): that level of that group goes, and
    /// never the job (a removal of a resource).
    func testALevelNamedIsRevokedAlone() throws {
        var c = FollowUpTests.Conversation()
        // As BC-translink writes it: two entries for one group.
        c.files["resources/sales_sync.job.yml"]! += """
                  permissions:
                    - group_name: users
                      level: CAN_VIEW
                    - group_name: users
                      level: CAN_MANAGE_RUN

            """
        XCTAssertEqual(try c.value("jobs.sales_sync.permissions", target: "dev"), "[{group_name:users,level:CAN_VIEW},{group_name:users,level:CAN_MANAGE_RUN}]")
        let plan = try c.ask("remove CAN_VIEW for users on the sales sync")
        XCTAssertEqual(plan?.summary, "Revoked CAN_VIEW of group users from job sales_sync.")
        XCTAssertEqual(try c.value("jobs.sales_sync.permissions", target: "dev"), "[{group_name:users,level:CAN_MANAGE_RUN}]")
        XCTAssertNotNil(try c.value("jobs.sales_sync", target: "dev"))
        _ = try c.ask("grant CAN_VIEW on the sales sync to analysts")
        XCTAssertTrue(PhrasingTableTests.matches(try c.value("jobs.sales_sync.permissions", target: "dev"), "∋{group_name:analysts,level:CAN_VIEW}"))
    }

    /// A group named before the word "group", with a verb of access after it.
    func testTheGroupBeforeTheWordGroup() throws {
        var c = FollowUpTests.Conversation()
        _ = try c.ask("let the analysts group read the marketing digest")
        XCTAssertEqual(try c.value("jobs.marketing_digest.permissions", target: "dev"), "[{group_name:analysts,level:CAN_VIEW}]")
    }

    /// One level a principal: a grant to someone who already has another level there changes that
    /// entry ("only view" after "let them manage it" lowers it), never adds a second; a follow-up that
    /// names only a level is the same principal's, one that names only a principal gets the same level.
    func testAnotherLevelReplacesTheEntry() throws {
        var c = FollowUpTests.Conversation()
        _ = try c.ask("let the data-engineers group manage the sales sync")
        XCTAssertEqual(try c.value("jobs.sales_sync.permissions", target: "dev"), "[{group_name:data-engineers,level:CAN_MANAGE}]")
        _ = try c.ask("and the analysts group too")
        XCTAssertEqual(try c.value("jobs.sales_sync.permissions", target: "dev"),
                       "[{group_name:data-engineers,level:CAN_MANAGE},{group_name:analysts,level:CAN_MANAGE}]")
        let lowered = try c.ask("only view")
        XCTAssertEqual(lowered?.summary, "Changed the permission of group analysts on job sales_sync from CAN_MANAGE to CAN_VIEW.")
        _ = try c.ask("give the group data-engineers CAN_MANAGE_RUN on the sales sync")
        XCTAssertEqual(try c.value("jobs.sales_sync.permissions", target: "dev"),
                       "[{group_name:data-engineers,level:CAN_MANAGE_RUN},{group_name:analysts,level:CAN_VIEW}]")
        _ = try c.ask("actually make it manage")
        XCTAssertEqual(try c.value("jobs.sales_sync.permissions", target: "dev"),
                       "[{group_name:data-engineers,level:CAN_MANAGE},{group_name:analysts,level:CAN_VIEW}]")
        // Words another change reads are that change, not a level ("run it daily at 3am").
        let schedule = try c.ask("run it daily at 3am")
        XCTAssertEqual(try c.value("jobs.sales_sync.schedule.quartz_cron_expression", target: "dev"), "0 0 3 * * ?", schedule?.summary ?? "")
        XCTAssertEqual(try c.value("jobs.sales_sync.permissions", target: "dev"),
                       "[{group_name:data-engineers,level:CAN_MANAGE},{group_name:analysts,level:CAN_VIEW}]")
        // "and the dashboard too": the same principal on another resource, at that kind's level.
        _ = try c.ask("let the group auditors view the sales sync")
        _ = try c.ask("and the dashboard too")
        XCTAssertEqual(try c.value("dashboards.sales_overview.permissions", target: "dev"), "[{group_name:auditors,level:CAN_READ}]")
    }

    /// "and ops-team can manage it": another principal at the level said; "and the other jobs too":
    /// each other job, the one just changed being as asked.
    func testAnotherPrincipalAndTheOtherJobs() throws {
        var c = FollowUpTests.Conversation()
        _ = try c.ask("let the group auditors view the sales sync")
        _ = try c.ask("and ops-team can manage it")
        XCTAssertEqual(try c.value("jobs.sales_sync.permissions", target: "dev"), "[{group_name:auditors,level:CAN_VIEW},{group_name:ops-team,level:CAN_MANAGE}]")
        _ = try c.ask("let the group readers view the sales sync")
        _ = try c.ask("and the other jobs too")
        for job in ["marketing_digest", "nightly_billing"] {
            XCTAssertEqual(try c.value("jobs.\(job).permissions", target: "dev"), "[{group_name:readers,level:CAN_VIEW}]", job)
        }
    }

    /// "and write" after a volume grant (vlm-workbench asked who): the same principal, the new privilege.
    func testMorePrivilegesForTheSamePrincipal() throws {
        var c = FollowUpTests.Conversation()
        _ = try c.ask("let the group analysts read the exports volume")
        _ = try c.ask("and write")
        XCTAssertEqual(try c.value("volumes.exports.grants", target: "dev"), "[{principal:analysts,privileges:[READ_VOLUME,WRITE_VOLUME]}]")
    }
}

/// team_neuron: "remove story-admins from the audit export job" takes that group's access away (not
/// understood before); the name alone says it is a grantee.
final class GranteeByNameTests: XCTestCase {
    func testAGroupNamedInARemoval() throws {
        var c = FollowUpTests.Conversation()
        _ = try c.ask("let the group story-admins manage the sales sync")
        XCTAssertNotNil(try c.value("jobs.sales_sync.permissions", target: "dev"))
        _ = try c.ask("remove story-admins from the sales sync")
        XCTAssertNil(try c.value("jobs.sales_sync.permissions", target: "dev"))
    }
}
