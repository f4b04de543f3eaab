import BundleEditing
import BundleModel
import Foundation

/// "set the pipeline configuration source_path to /Volumes/main/raw/clicks", "add
/// spark.sql.shuffle.partitions=64 to the clickstream pipeline configuration", "remove the
/// configuration key source_path": the string-to-string `configuration` a pipeline's code reads with
/// `spark.conf.get`.
public enum PipelineConfigurationIntent: Intent {
    public static let id = "pipeline-configuration"
    public static let summary = "pipelines: configuration keys, set or removed"
    public static let examples = ["set the pipeline configuration source_path to /Volumes/main/raw/clicks", "remove the configuration key source_path"]

    public static func score(_ text: RequestText) -> Int {
        text.hasAny(["configuration", "config", "conf", "spark.conf"]) ? 4 : 0
    }

    static func removes(_ text: RequestText) -> Bool {
        text.hasAny(["remove", "delete", "drop", "unset", "clear", "without"]) || text.contains("get rid of")
    }

    /// Words around a key and its value that are neither.
    static let fillers: Set<String> = ["set", "the", "a", "an", "pipeline", "pipeline's", "pipelines", "dlt", "configuration", "config", "conf",
                                       "key", "parameter", "property", "setting", "value", "option", "of", "for", "in", "on", "to", "=", "add",
                                       "with", "called", "named", "new", "its", "change", "update", "make", "put", "spark.conf", "and", "from",
                                       "remove", "delete", "drop", "unset", "clear", "without", "entry", "variable"]

    /// `key=value`, `key: value`, or "… KEY to VALUE".
    static func pair(_ text: RequestText, known: [String], resources: Set<String>) -> (key: String, value: String?)? {
        let tokens = text.original.split(whereSeparator: \.isWhitespace).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ",;\"'`()")) }
        for (i, token) in tokens.enumerated() {
            if let eq = token.firstIndex(of: "="), eq != token.startIndex {
                let value = String(token[token.index(after: eq)...])
                return (String(token[..<eq]), value.isEmpty ? (i + 1 < tokens.count ? KeyValueWords.withUnit(tokens[i + 1], at: i + 1, in: tokens) : nil)
                                                             : KeyValueWords.withUnit(value, at: i, in: tokens))
            }
            if token.hasSuffix(":"), token.count > 1, i + 1 < tokens.count {
                return (String(token.dropLast()), tokens[i + 1])
            }
        }
        // A key the pipeline has, as written.
        if let key = tokens.first(where: known.contains) {
            let i = tokens.firstIndex(of: key)!
            return (key, value(after: i, in: tokens))
        }
        // "… configuration key mode to fast": the word after "key"; else the first word shaped like a key (`source_path`, `spark.x`).
        func isKey(_ token: String) -> Bool {
            let lowered = token.lowercased()
            return !fillers.contains(lowered) && !ResourceVocabulary.common.contains(lowered) && !resources.contains(lowered) && (token.first?.isLetter ?? false)
                && token.allSatisfy { $0.isLetter || $0.isNumber || "._-".contains($0) }
        }
        let markers: Set<String> = ["key", "parameter", "property", "setting", "option", "entry", "variable"]
        if let m = tokens.firstIndex(where: { markers.contains($0.lowercased()) }), m + 1 < tokens.count, isKey(tokens[m + 1]) {
            return (tokens[m + 1], value(after: m + 1, in: tokens))
        }
        guard let i = tokens.firstIndex(where: { isKey($0) && ($0.contains("_") || $0.contains(".")) }) else { return nil }
        return (tokens[i], value(after: i, in: tokens))
    }

    /// The value after "to"/"="/"as" following the key.
    static func value(after i: Int, in tokens: [String]) -> String? {
        var j = i + 1
        while j < tokens.count && ["to", "=", "as", "be", "is"].contains(tokens[j].lowercased()) { j += 1 }
        guard j > i + 1, j < tokens.count else { return nil }
        return KeyValueWords.withUnit(tokens[j], at: j, in: tokens)
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        let text = context.request
        let remove = removes(text)
        // Resolve without the key and value: "source_path" or a path would name nothing of the bundle.
        let resources = Set(context.catalog.entries.map { $0.reference.key.lowercased() })
        let guess = pair(text, known: [], resources: resources)
        let resolving = context.ignoring([guess?.key, guess?.value].compactMap { $0 })
        let target = try resolving.target()
        let p = try PipelineSelection(context, resolving.resource(["pipelines"]), target: target)
        let known = p.effective["configuration"]?.mapping?.keys ?? []
        guard let (key, value) = pair(text, known: known, resources: resources) else {
            throw PlanningStop(outcome: .clarify(question: "Which configuration key\(remove ? "" : " and value")? \(known.isEmpty ? "" : "\(p.description) has: \(known.joined(separator: ", ")).")",
                                                 choices: remove ? known.map { "remove the configuration key \($0) from the \(p.key) pipeline" }
                                                     : ["set the \(p.key) pipeline configuration source_path to /Volumes/main/raw/landing"]))
        }
        if remove {
            guard p.target == nil else {
                throw PlanningStop(outcome: .refused("a target override can set configuration keys but not remove inherited ones; ask without a target"))
            }
            guard known.contains(key), context.rawNode(file: p.location.file, path: p.location.base + [.key("configuration"), .key(key)]) != nil else {
                throw PlanningStop(outcome: .refused("\(p.description) already has no configuration key \(key)\(known.isEmpty ? "" : " (it has: \(known.joined(separator: ", ")))")"))
            }
            let rest = context.rawNode(file: p.location.file, path: p.location.base + [.key("configuration")])?.mapping?.keys ?? []
            let path: EditPath = p.location.base + [.key("configuration")] + (rest == [key] ? [] : [.key(key)])
            return p.plan(subject: "Remove the configuration key \(key) from pipeline \(p.key)",
                          summary: "Removed the configuration key \(key) from \(p.description).",
                          edits: [(p.location.file, [.delete(path)])])
        }
        guard let value else {
            throw PlanningStop(outcome: .clarify(question: "Which value should the configuration key \(key) of \(p.description) have?",
                                                 choices: ["set the \(p.key) pipeline configuration \(key) to VALUE"]))
        }
        guard let operation = try p.setting(context, ["configuration", key], to: .string(value), unset: nil) else {
            throw p.already("configured with \(key) = \(value)")
        }
        return p.plan(subject: "Set the configuration \(key) of pipeline \(p.key)\(p.inTarget)",
                      summary: "Set the configuration key \(key) to \"\(value)\" on \(p.description)\(p.forTarget).",
                      edits: [(p.location.file, [operation])])
    }
}
