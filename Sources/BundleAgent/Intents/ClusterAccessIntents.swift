import BundleEditing
import BundleModel
import Foundation

/// "set the access mode to single user", "use a dedicated cluster for ana@example.com", "make the sync
/// cluster shared (standard access mode)": a job cluster's `data_security_mode`.
public enum DataSecurityModeIntent: Intent {
    public static let id = "data-security-mode"
    public static let summary = "the access mode of job clusters (data_security_mode: single user / dedicated, shared / standard)"
    public static let examples = ["set the data security mode to single user", "use standard access mode on the sync cluster in prod"]

    static let modes = ["NONE", "SINGLE_USER", "USER_ISOLATION", "LEGACY_TABLE_ACL", "LEGACY_PASSTHROUGH", "LEGACY_SINGLE_USER", "LEGACY_SINGLE_USER_STANDARD",
                        "DATA_SECURITY_MODE_STANDARD", "DATA_SECURITY_MODE_DEDICATED", "DATA_SECURITY_MODE_AUTO"]

    public static func score(_ text: RequestText) -> Int {
        if text.has("data_security_mode") || text.contains("data security mode") || text.contains("access mode") { return 5 }
        if literal(text) != nil { return 5 }
        let clustered = text.hasAny(["cluster", "clusters", "compute"])
        if clustered && (text.contains("single user") || text.contains("single-user") || text.contains("user isolation") || text.contains("no isolation")
            || text.contains("unity catalog") || text.hasAny(["dedicated", "uc"])) { return 4 }
        return 0
    }

    /// A mode written as the API spells it ("SINGLE_USER"); NONE only with data_security_mode.
    static func literal(_ text: RequestText) -> String? {
        let tokens = Set(text.original.split(whereSeparator: { $0.isWhitespace || $0 == ":" || $0 == "=" || $0 == "," || $0 == "\"" }).map(String.init))
        return modes.first { tokens.contains($0) && ($0 != "NONE" || text.has("data_security_mode")) }
    }

    static func mode(_ text: RequestText) -> String? {
        if let literal = literal(text) { return literal }
        if text.contains("single user") || text.contains("single-user") || text.has("assigned") { return "SINGLE_USER" }
        if text.has("dedicated") { return "DATA_SECURITY_MODE_DEDICATED" }
        if text.contains("user isolation") || text.has("shared") { return "USER_ISOLATION" }
        if text.has("standard") { return "DATA_SECURITY_MODE_STANDARD" }
        if text.hasAny(["auto", "automatic"]) { return "DATA_SECURITY_MODE_AUTO" }
        if text.contains("no isolation") || text.has("none") { return "NONE" }
        if text.contains("unity catalog") || text.has("uc") { return "SINGLE_USER" }
        return nil
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        guard let mode = mode(context.request) else {
            throw PlanningStop(outcome: .clarify(question: "Which access mode: single user (dedicated) or shared (standard)?",
                                                 choices: ["set the access mode to single user", "set the access mode to standard"]))
        }
        let user = context.request.original.split(whereSeparator: \.isWhitespace).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ",;\"'()")) }
            .first { $0.contains("@") && $0.contains(".") }
        let c = try ClusterSelection(context.ignoring(user.map { [$0] } ?? []))
        let dedicated = mode == "SINGLE_USER" || mode == "DATA_SECURITY_MODE_DEDICATED"
        if c.spec["data_security_mode"]?.string == mode && (user == nil || c.spec["single_user_name"]?.string == user) {
            throw PlanningStop(outcome: .refused("\(c.description) already uses the access mode \(mode)\(context.forTarget(c.target))"))
        }
        var operations = [c.set(context, [.key("data_security_mode")], .string(mode))]
        if let user, dedicated { operations.append(c.set(context, [.key("single_user_name")], .string(user))) }
        let note = dedicated && user == nil && c.spec["single_user_name"] == nil ? " The cluster is for the job's run_as identity." : ""
        return Plan(subject: "Use the access mode \(mode) on \(c.job)\(c.target.map { " in \($0)" } ?? "")",
                    summary: "Set data_security_mode to \(mode) (was \(c.spec["data_security_mode"]?.string ?? "unset"))\(user.map { dedicated ? " for \($0)" : "" } ?? "") on \(c.description)\(context.forTarget(c.target)).\(note)",
                    target: c.target, job: c.job, edits: [(c.location.file, operations)])
    }
}

/// "add the init script /Volumes/main/default/scripts/setup.sh", "run /Workspace/Shared/init.sh on the
/// sync cluster at start-up", "remove the init scripts": a job cluster's `init_scripts`.
public enum InitScriptIntent: Intent {
    public static let id = "init-scripts"
    public static let summary = "init scripts of job clusters (volumes, workspace files, cloud storage)"
    public static let examples = ["add the init script /Volumes/main/default/scripts/setup.sh", "remove the init scripts of the sync cluster"]

    public static func score(_ text: RequestText) -> Int {
        text.contains("init script") || text.hasAny(["init_scripts", "init-script", "init-scripts", "initscript"]) || text.contains("initialization script") ? 5 : 0
    }

    /// The script and the kind of place it is in: volumes, workspace, s3, abfss, gcs, dbfs.
    static func script(_ text: RequestText) -> (kind: String, destination: String)? {
        let tokens = text.original.split(whereSeparator: \.isWhitespace).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ",;\"'`()")) }
        for token in tokens {
            let t = token.hasSuffix(".") ? String(token.dropLast()) : token
            if t.hasPrefix("/Volumes/") { return ("volumes", t) }
            if t.hasPrefix("/Workspace/") || t.hasPrefix("/Users/") || t.hasPrefix("/Shared/") { return ("workspace", t) }
            if t.hasPrefix("s3://") || t.hasPrefix("s3a://") { return ("s3", t) }
            if t.hasPrefix("abfss://") { return ("abfss", t) }
            if t.hasPrefix("gs://") { return ("gcs", t) }
            if t.hasPrefix("dbfs:/") { return ("dbfs", t) }
        }
        return nil
    }

    static func destination(_ entry: YAMLNode) -> String? {
        entry.mapping?.entries.lazy.compactMap { $0.value["destination"]?.string }.first
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        let text = context.request
        let given = script(text)
        let remove = text.hasAny(["remove", "delete", "drop", "without", "no"]) && !text.has("add")
        let c = try ClusterSelection(context.ignoring(given.map { [$0.destination] } ?? []))
        let current = c.spec["init_scripts"]?.sequence ?? []
        if remove {
            guard c.target == nil else { throw PlanningStop(outcome: .refused("a target override cannot remove init scripts it inherits; ask without a target")) }
            guard let spec = c.writtenSpecPath(context), let written = context.rawNode(file: c.location.file, path: spec + [.key("init_scripts")])?.sequence else {
                throw PlanningStop(outcome: .refused("\(c.description) has no init scripts"))
            }
            let doomed = written.indices.filter { given == nil || destination(written[$0]) == given!.destination }
            guard !doomed.isEmpty else { throw PlanningStop(outcome: .refused("\(c.description) does not run the init script \(given!.destination)")) }
            let operations: [EditOperation] = doomed.count == written.count
                ? [.delete(spec + [.key("init_scripts")])]
                : doomed.reversed().map { .delete(spec + [.key("init_scripts"), .index($0)]) }
            let names = doomed.compactMap { destination(written[$0]) }
            return Plan(subject: "Remove \(names.count == 1 ? "the init script \(names[0])" : "the init scripts") from \(c.job)",
                        summary: "Removed the init script\(names.count == 1 ? "" : "s") \(names.joined(separator: ", ")) from \(c.description).",
                        target: nil, job: c.job, edits: [(c.location.file, operations)])
        }
        guard let given else {
            throw PlanningStop(outcome: .clarify(question: "Which init script? Give its path: a volume (/Volumes/…), a workspace file (/Workspace/…) or cloud storage (s3://…, abfss://…, gs://…).",
                                                 choices: ["add the init script /Volumes/main/default/scripts/setup.sh"]))
        }
        if current.contains(where: { destination($0) == given.destination }) {
            throw PlanningStop(outcome: .refused("\(c.description) already runs the init script \(given.destination)\(context.forTarget(c.target))"))
        }
        var location: [(String, EditValue)] = [("destination", .string(given.destination))]
        if given.kind == "s3", c.spec["aws_attributes"]?["zone_id"] == nil, let region = text.words.first(where: { $0.wholeMatch(of: /[a-z]{2}-[a-z]+-[0-9]/) != nil }) {
            location.append(("region", .string(region)))
        }
        let item = EditValue.mapping([(given.kind, .mapping(location))])
        let spec = c.writtenSpecPath(context)
        let operation: EditOperation = spec.flatMap { context.rawNode(file: c.location.file, path: $0 + [.key("init_scripts")])?.sequence != nil ? $0 : nil }
            .map { .append($0 + [.key("init_scripts")], item) } ?? c.set(context, [.key("init_scripts")], .sequence([item]))
        let note = given.kind == "dbfs" ? " Init scripts on DBFS are deprecated; a volume or workspace file is the place for them now." : ""
        return Plan(subject: "Run the init script \(given.destination) on \(c.job)\(c.target.map { " in \($0)" } ?? "")",
                    summary: "Added the init script \(given.destination) (\(given.kind)) to \(c.description)\(context.forTarget(c.target)): it runs on every node as the cluster starts.\(note)",
                    target: c.target, job: c.job, edits: [(c.location.file, [operation])])
    }
}
