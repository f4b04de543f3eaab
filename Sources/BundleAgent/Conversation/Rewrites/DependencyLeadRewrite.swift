/// "after geocode_addresses, run src/check.py as a new task called check", "once flood_risk is done, add a
/// task …": the lead says where the new task goes, and is said after the request (read as a clause of its
/// own, it was not understood, and the rest replaced an existing task's file).
enum DependencyLeadRewrite: FollowUpRewrite {
    static let id = "dependency-lead"
    static let examples = [
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.floodJobs, before: [],
                               request: "after geocode_addresses, run src/check.py as a new task called check",
                               readAs: "run src/check.py as a new task called check after geocode_addresses"),
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.floodJobs, before: [],
                               request: "once flood_risk is done, add a task report that runs src/report.py",
                               readAs: "add a task report that runs src/report.py after flood_risk"),
    ]

    static func rewrite(_ context: PlanningContext, session: RefineSession?, previous: RefineSession.Turn?) -> FollowUpRewritten? {
        let original = context.request.original
        guard let lead = original.firstMatch(of: /(?i)^\s*(?:after|once|when)\s+(?:the\s+)?([A-Za-z_][\w-]*)(?:\s+task)?(?:\s+(?:is\s+done|is\s+finished|finishes|completes|has\s+run|succeeds|is\s+complete))?\s*,\s*(.+)$/),
              RequestText.saysNewTask(RequestText(String(lead.output.2))) || RequestText(String(lead.output.2)).hasAny(["add", "create", "append"]) else { return nil }
        return .followUp(context.saying("\(lead.output.2) after \(lead.output.1)"))
    }
}
