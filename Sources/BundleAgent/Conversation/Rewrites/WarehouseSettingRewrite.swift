/// "and allow it to scale up to 3 clusters", "auto stop after 5 minutes" after "make the warehouse
/// Medium": that warehouse's settings, not a job's.
enum WarehouseSettingRewrite: FollowUpRewrite {
    static let id = "warehouse-setting"
    static let examples = [
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.warehouse, before: ["make the warehouse Medium"],
                               request: "auto stop after 5 minutes", readAs: "auto stop after 5 minutes on the warehouse"),
    ]

    static func rewrite(_ context: PlanningContext, session: RefineSession?, previous: RefineSession.Turn?) -> FollowUpRewritten? {
        guard let previous, let resource = previous.resourceReference, resource.type == "sql_warehouses", context.resourceOption == nil, !FollowUp.isUndo(context.request),
              !context.request.hasAny(["warehouse", "warehouses", "job", "jobs", "pipeline", "pipelines", "task", "tasks", "cluster", "compute", "worker",
                                       "workers", "node", "nodes", "app", "dashboard", "schedule", "runtime"]),
              Set(context.catalog.mentions(in: context.request.original).keys).isSubset(of: [resource]) else { return nil }
        var said = context.saying(context.request.original + " on the warehouse")
        said.defaultResource = resource
        said.defaultTarget = context.defaultTarget ?? previous.target
        guard SQLWarehouseSettingsIntent.score(said.request) > 0 else { return nil }
        do {
            var planned = try SQLWarehouseSettingsIntent.plan(said)
            planned.request = said.request.original
            return .outcome(.plan(planned), intent: SQLWarehouseSettingsIntent.id)
        } catch let stop as PlanningStop {
            // ("auto stop after 5 minutes" on a classic warehouse: refused as the warehouse's, never a job's timeout.)
            return .outcome(stop.outcome, intent: SQLWarehouseSettingsIntent.id)
        } catch {
            return nil
        }
    }
}
