import BundleEditing
import BundleModel
import Foundation

/// "set the cluster log destination to /Volumes/main/logs/clusters", "deliver the sync cluster's logs to
/// s3://bucket/logs in us-east-1": a job cluster's `cluster_log_conf`.
public enum ClusterLogIntent: Intent {
    public static let id = "cluster-logs"
    public static let summary = "where job clusters deliver their logs (cluster_log_conf: a volume, DBFS or S3)"
    public static let examples = ["set the cluster log destination to /Volumes/main/logs/clusters"]

    public static func score(_ text: RequestText) -> Int {
        if text.has("cluster_log_conf") { return 6 }
        guard text.hasAny(["log", "logs", "logging"]) else { return 0 }
        return text.hasAny(["destination", "deliver", "delivery", "location", "write", "store", "send", "path", "ship", "to"]) && place(text) != nil ? 6 : 0
    }

    static func place(_ text: RequestText) -> (kind: String, destination: String)? {
        for token in text.original.split(whereSeparator: \.isWhitespace).map({ $0.trimmingCharacters(in: CharacterSet(charactersIn: ",;\"'`()")) }) {
            let t = token.hasSuffix(".") ? String(token.dropLast()) : token
            if t.hasPrefix("/Volumes/") { return ("volumes", t) }
            if t.hasPrefix("dbfs:/") { return ("dbfs", t) }
            if t.hasPrefix("s3://") || t.hasPrefix("s3a://") { return ("s3", t) }
        }
        return nil
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        let text = context.request
        guard let place = place(text) else {
            throw PlanningStop(outcome: .clarify(question: "Where should the logs go? A volume (/Volumes/…), dbfs:/… or s3://….", choices: examples))
        }
        let c = try ClusterSelection(context.ignoring([place.destination]))
        let current = c.spec["cluster_log_conf"]
        if current?[place.kind]?["destination"]?.string == place.destination {
            throw PlanningStop(outcome: .refused("\(c.description) already delivers its logs to \(place.destination)"))
        }
        if c.target != nil, let kind = current?.mapping?.keys.first, kind != place.kind {
            throw PlanningStop(outcome: .refused("\(c.description) delivers its logs to \(kind) in its definition; a target cannot replace that with \(place.kind) (ask without a target)"))
        }
        var location: [(String, EditValue)] = [("destination", .string(place.destination))]
        if place.kind == "s3", let region = text.words.first(where: { $0.wholeMatch(of: /[a-z]{2}-[a-z]+-[0-9]/) != nil }) {
            location.append(("region", .string(region)))
        }
        let operation = c.target == nil
            ? c.set(context, [.key("cluster_log_conf")], .mapping([(place.kind, .mapping(location))]))
            : c.set(context, [.key("cluster_log_conf"), .key(place.kind)], .mapping(location))
        let was = current?.mapping?.entries.first.flatMap { $0.value["destination"]?.string }
        return Plan(subject: "Deliver the logs of \(c.job)'s cluster to \(place.destination)\(c.target.map { " in \($0)" } ?? "")",
                    summary: "Set cluster_log_conf of \(c.description) to \(place.kind) \(place.destination) (was \(was ?? "none"))\(context.forTarget(c.target)): driver and worker logs are delivered there every few minutes.",
                    target: c.target, job: c.job, edits: [(c.location.file, [operation])])
    }
}
