import BundleEditing
import BundleModel

/// "move the checkpoints volume to the staging schema", "put the landing volume in main.raw": the volume's
/// `schema_name` (and `catalog_name`), for that volume alone — a `${var.schema}` other resources share keeps
/// its value (it was changed, which renamed the schema and moved every volume in it). The schema the bundle
/// defines is referred to as `${resources.schemas.<key>.name}`.
public enum VolumeSchemaIntent: Intent {
    public static let id = "volume-schema"
    public static let summary = "the schema (and catalog) a volume is in"
    public static let examples = ["move the checkpoints volume to the staging schema", "put the landing volume in main.raw"]

    public static func score(_ text: RequestText) -> Int {
        guard text.hasAny(["volume", "volumes"]), !text.hasAny(["pipeline", "pipelines", "dlt", "grant", "grants", "privilege", "privileges"]),
              text.hasAny(["move", "put", "relocate", "place", "belongs", "belong"]) || text.contains("should be in") || text.contains("should live in") else { return 0 }
        let dotted = text.words.contains { $0.split(separator: ".").count == 2 }
        return text.hasAny(["schema", "database"]) || dotted ? 5 : 0
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        let volume = try context.resource(["volumes"])
        let said = PipelinePublishingIntent.values(context.request, targets: context.bundle.targetNames)
        // ("the staging schema" names a schema, not the target staging.)
        let target = try context.ignoring([said.schema, said.catalog].compactMap { $0 }).target()
        guard let schema = said.schema else {
            throw PlanningStop(outcome: .clarify(question: "Which schema should volume \(volume.key) be in?",
                                                 choices: ["move the \(volume.key) volume to the <name> schema"]))
        }
        // A schema the bundle defines, by its key or its name: referred to, so that the volume follows it.
        let schemas = context.catalog.references(ofType: "schemas")
        let defined = schemas.first { $0.key.lowercased() == schema.lowercased() }
            ?? schemas.first { context.effectiveResource($0, target: target)?["name"]?.string?.lowercased() == schema.lowercased() }
        let value = defined.map { "${resources.schemas.\($0.key).name}" } ?? schema
        let current = context.effectiveResource(volume, target: target)
        if current?["schema_name"]?.string == value || current?["schema_name"]?.string?.lowercased() == schema.lowercased(), said.catalog == nil {
            throw PlanningStop(outcome: .refused("nothing to change: volume \(volume.key) is in schema \(schema) already"))
        }
        let (file, base) = context.location(of: volume, target: target)
        var operations: [EditOperation] = [.set(base + [.key("schema_name")], .string(value))]
        if let catalog = said.catalog { operations.append(.set(base + [.key("catalog_name")], .string(catalog))) }
        let place = (said.catalog.map { "\($0)." } ?? "") + schema
        return Plan(subject: "Move volume \(volume.key) to schema \(place)",
                    summary: "Volume \(volume.key) is in schema \(place) now\(context.forTarget(target)). A volume cannot move between schemas: the next deploy creates it there and deletes the old one (the files of a managed volume go with it); copy what it holds first.",
                    target: target, resource: volume, edits: [(file, operations)])
    }
}
