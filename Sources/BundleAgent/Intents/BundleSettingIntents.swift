import BundleEditing
import BundleModel
import Foundation

/// The request's tokens as written, without the punctuation around them ("`*.csv`," → `*.csv`).
private func tokens(_ text: RequestText) -> [String] {
    text.original.split(whereSeparator: \.isWhitespace).map { String($0).trimmingCharacters(in: CharacterSet(charactersIn: ",;\"'`()")) }
        .map { $0.hasSuffix(".") && !$0.hasSuffix("..") ? String($0.dropLast()) : $0 }.filter { !$0.isEmpty }
}

/// Where a setting that a target may override goes: the named target's block, or the top level.
private func settingPath(_ context: PlanningContext, ignoring values: [String], _ path: [String]) throws -> (file: String, path: EditPath, target: String?) {
    if let target = try namedTarget(context, ignoring: values) {
        return (context.targetFile(target), [.key("targets"), .key(target)] + path.map { .key($0) }, target)
    }
    if let missing = missingTarget(context, ignoring: values) { throw noSuchTarget(missing, context) }
    return (context.bundle.rootFile, path.map { .key($0) }, nil)
}

/// "add a name prefix [team] to the dev target", "prefix every resource name with dev_ in staging",
/// "remove the name prefix in dev": `presets.name_prefix`.
public enum NamePrefixIntent: Intent {
    public static let id = "name-prefix"
    public static let summary = "a prefix for the names of every deployed resource (presets.name_prefix, per target)"
    public static let examples = ["add a name prefix [team] to the dev target", "prefix resource names with staging_ in staging"]

    public static func score(_ text: RequestText) -> Int {
        text.has("name_prefix") || text.contains("name prefix") || (text.hasAny(["prefix", "prefixed"]) && text.hasAny(["name", "names", "resource", "resources", "everything", "all"])) ? 5 : 0
    }

    /// The prefix as written: after "prefix" (past "with", "to", "of", "="), or quoted.
    static func prefix(_ text: RequestText) -> String? {
        if let quoted = text.original.firstMatch(of: /["'`]([^"'`]+)["'`]/) { return String(quoted.1) }
        let all = tokens(text)
        let fillers: Set<String> = ["with", "to", "of", "=", "as", "be", "is", "the", "a", "should", "name", "names", "resource", "resources", "all", "every", "each", "deployed", "their", "our"]
        guard let at = all.firstIndex(where: { ["prefix", "name_prefix", "prefixed"].contains($0.lowercased()) }) else { return nil }
        guard let value = all[(at + 1)...].first(where: { !fillers.contains($0.lowercased()) }),
              !["for", "in", "on", "from", "to"].contains(value.lowercased()) else { return nil }
        // "[team]" reads best with a space before the name, as development mode writes "[dev ana] ".
        return value.hasSuffix("]") ? value + " " : value
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        let text = context.request
        let remove = text.hasAny(["remove", "delete", "drop", "no", "without", "clear"])
        let value = remove ? nil : prefix(text)
        if !remove && value == nil {
            throw PlanningStop(outcome: .clarify(question: "Which prefix? For example \"[team] \" or \"dev_\".", choices: examples))
        }
        let place = try settingPath(context, ignoring: value.map { [$0.trimmingCharacters(in: .whitespaces)] } ?? [], ["presets", "name_prefix"])
        let scope = place.target.map { "target \($0)" } ?? "every target"
        let current = context.rawNode(file: place.file, path: place.path)?.string
        guard let value else {
            guard current != nil else { throw PlanningStop(outcome: .refused("\(scope) has no name prefix of its own to remove")) }
            // The presets go with it where it was their only setting (no `presets: {}` left behind).
            let parent = Array(place.path.dropLast())
            let alone = context.rawNode(file: place.file, path: parent)?.mapping?.entries.count == 1
            return Plan(subject: "Remove the name prefix of \(scope)", summary: "Removed the name prefix \"\(current!)\" of \(scope).",
                        target: place.target, edits: [(place.file, [.delete(alone ? parent : place.path)])])
        }
        let targets = context.bundle.targetsMapping
        func isDevelopment(_ target: String) -> Bool { targets?[target]?["mode"]?.string == "development" }
        if let target = place.target, isDevelopment(target) {
            // The CLI refuses a development prefix without the deploying user (validate_target_mode.go).
            let own = withUser(value)
            if current == own { throw PlanningStop(outcome: .refused("\(scope) already prefixes names with \"\(own)\"")) }
            let note = own == value ? " (instead of development mode's [dev user] prefix)"
                : " (with the deploying user: a development target's prefix must name them, so that each developer's copy has its own names)"
            return Plan(subject: "Prefix resource names with \"\(value)\" in \(target)",
                        summary: "Set presets.name_prefix to \"\(own)\" for \(scope)\(note): deployed jobs, pipelines and other resources get names that start with it.",
                        target: target, edits: [(place.file, [.set(place.path, .string(own))])])
        }
        if current == value { throw PlanningStop(outcome: .refused("\(scope) already prefixes names with \"\(value)\"")) }
        var edits: [(file: String, operations: [EditOperation])] = [(place.file, [.set(place.path, .string(value))])]
        var developmentNote = ""
        if place.target == nil, withUser(value) != value {
            // Every target inherits the top-level prefix; development targets without their own get it with the user.
            let development = (targets?.keys ?? []).filter { isDevelopment($0) && targets?[$0]?["presets"]?["name_prefix"] == nil }.sorted()
            for target in development {
                let file = context.targetFile(target)
                let edit = EditOperation.set([.key("targets"), .key(target), .key("presets"), .key("name_prefix")], .string(withUser(value)))
                if let i = edits.firstIndex(where: { $0.0 == file }) { edits[i].1.append(edit) } else { edits.append((file, [edit])) }
            }
            if !development.isEmpty {
                developmentNote = " Development target\(development.count == 1 ? "" : "s") \(development.joined(separator: ", ")) get\(development.count == 1 ? "s" : "") \"\(withUser(value))\": a development prefix must name the deploying user."
            }
        }
        return Plan(subject: "Prefix resource names with \"\(value)\"\(place.target.map { " in \($0)" } ?? "")",
                    summary: "Set presets.name_prefix to \"\(value)\" for \(scope): deployed jobs, pipelines and other resources get names that start with it.\(developmentNote)",
                    target: place.target, edits: edits)
    }

    /// The prefix with the deploying user in it, as a development target needs: "[team] " → "[team ${…short_name}] ",
    /// "dev_" → "dev_${…short_name}_". A prefix that may already name the user is kept.
    static func withUser(_ prefix: String) -> String {
        let user = "${workspace.current_user.short_name}"
        if prefix.contains("current_user") || prefix.contains("@") { return prefix }
        if let close = prefix.lastIndex(of: "]"), prefix[prefix.index(after: close)...].allSatisfy(\.isWhitespace) {
            return String(prefix[..<close]) + " \(user)" + String(prefix[close...])
        }
        if let last = prefix.last, "_- .".contains(last) { return prefix + user + String(last) }
        return prefix + "_" + user + "_"
    }
}

/// "require databricks CLI 0.230.0 or newer", "pin the CLI version to 0.240.0": `bundle.databricks_cli_version`.
public enum CLIVersionIntent: Intent {
    public static let id = "cli-version"
    public static let summary = "the Databricks CLI versions that may deploy the bundle (bundle.databricks_cli_version)"
    public static let examples = ["require databricks CLI 0.230.0 or newer", "pin the CLI version to 0.240.0"]

    static func versions(_ text: RequestText) -> [String] {
        tokens(text).compactMap { token in
            let t = token.hasPrefix("v") ? String(token.dropFirst()) : token
            guard t.wholeMatch(of: /[0-9]+\.[0-9]+(\.[0-9]+)?/) != nil else { return nil }
            return t.split(separator: ".").count == 2 ? t + ".0" : t
        }
    }

    public static func score(_ text: RequestText) -> Int {
        (text.has("databricks_cli_version") || text.has("cli")) && !versions(text).isEmpty ? 5 : 0
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        let text = context.request
        let found = versions(text)
        let constraint: String
        if found.count >= 2 {
            constraint = ">= \(found[0]), <= \(found[1])"
        } else if text.hasAny(["newer", "later", "least", "minimum", "above", "higher", "or", "require", "requires", "needs"]) || text.contains(">=") {
            constraint = text.hasAny(["exactly", "pin", "only"]) ? found[0] : ">= \(found[0])"
        } else if text.hasAny(["older", "below", "maximum", "most"]) || text.contains("<=") {
            constraint = "<= \(found[0])"
        } else {
            constraint = found[0]
        }
        let file = context.bundle.rootFile
        let path: EditPath = [.key("bundle"), .key("databricks_cli_version")]
        let current = context.rawNode(file: file, path: path)?.string
        if current == constraint { throw PlanningStop(outcome: .refused("the bundle already requires Databricks CLI \(constraint)")) }
        return Plan(subject: "Require Databricks CLI \(constraint)",
                    summary: "Set bundle.databricks_cli_version to \"\(constraint)\" (was \(current.map { "\"\($0)\"" } ?? "unset")): the Databricks CLI refuses to deploy the bundle with another version.",
                    edits: [(file, [.set(path, .string(constraint))])])
    }
}

/// "exclude *.csv from sync", "don't upload the data folder", "also sync ../common":
/// `sync.exclude` / `sync.include`, at the top level or for a target.
public enum SyncPathsIntent: Intent {
    public static let id = "sync-paths"
    public static let summary = "which local files deploy with the bundle (sync include and exclude patterns)"
    public static let examples = ["exclude *.csv from sync", "don't upload the data folder", "include dist/*.whl in sync"]

    public static func score(_ text: RequestText) -> Int {
        guard text.hasAny(["sync", "synced", "syncing", "synchronize", "upload", "uploaded", "uploading", "uploads", "deploy", "deployed"]) else { return 0 }
        let listing = text.hasAny(["exclude", "include", "ignore", "skip", "excluded", "included", "ignored", "includes", "excludes"]) || text.contains("leave out") || text.contains("don't") || text.contains("do not")
        return listing && !patterns(text).isEmpty ? 5 : 0
    }

    /// Glob patterns and paths in the words; "the data folder" is `data/`.
    static func patterns(_ text: RequestText) -> [String] {
        let all = tokens(text)
        var out: [String] = []
        for (i, token) in all.enumerated() {
            if token.contains("*") || token.contains("/") || (token.hasPrefix(".") && token.count > 1) { out.append(token); continue }
            if i + 1 < all.count, ["folder", "directory", "dir"].contains(all[i + 1].lowercased()),
               !["the", "a", "this", "that", "whole", "entire", "my", "our"].contains(token.lowercased()) {
                out.append(token + "/")
            }
        }
        return out
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        let text = context.request
        if text.hasAny(["remove", "delete", "drop", "unexclude", "uninclude"]) || text.contains("no longer") || text.contains("stop") {
            return try removal(context)
        }
        let include = text.hasAny(["include", "included"]) || (text.has("also") && !text.isNegated)
        let field = include && !text.hasAny(["exclude", "ignore", "skip", "excluded", "ignored"]) ? "include" : "exclude"
        let wanted = patterns(text)
        let place = try settingPath(context, ignoring: wanted, ["sync", field])
        let current = context.rawNode(file: place.file, path: place.path)?.sequence?.compactMap(\.string) ?? []
        let new = wanted.filter { !current.contains($0) }
        let scope = place.target.map { " for target \($0)" } ?? ""
        guard !new.isEmpty else { throw PlanningStop(outcome: .refused("sync already \(field)s \(wanted.joined(separator: ", "))\(scope)")) }
        let operations: [EditOperation] = current.isEmpty && context.rawNode(file: place.file, path: place.path) == nil
            ? [.set(place.path, .sequence(new.map { .string($0) }))]
            : new.map { .append(place.path, .string($0)) }
        let effect = field == "exclude" ? "deploys without files that match" : "deploys files that match, even ones .gitignore leaves out"
        return Plan(subject: "\(field == "exclude" ? "Exclude" : "Include") \(new.joined(separator: ", ")) \(field == "exclude" ? "from" : "in") sync\(scope)",
                    summary: "Added \(new.joined(separator: ", ")) to sync.\(field)\(scope): the bundle \(effect) \(new.count == 1 ? "it" : "them").",
                    target: place.target, edits: [(place.file, operations)])
    }
}

extension SyncPathsIntent {
    /// "remove the sync include for tan/api/static", "drop data/ from the sync excludes": the patterns
    /// that list it (written as said, or the pattern of that folder: `tan/api/static/**`) go.
    static func removal(_ context: PlanningContext) throws -> Plan {
        let text = context.request
        let wanted = patterns(text).map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
        guard !wanted.isEmpty else {
            throw PlanningStop(outcome: .clarify(question: "Which pattern? Write it as the file lists it (for example data/**).", choices: ["remove data/** from the sync excludes"]))
        }
        let saysInclude = text.hasAny(["include", "includes", "included", "inclusion"])
        let saysExclude = text.hasAny(["exclude", "excludes", "excluded", "exclusion", "exclusions", "ignore", "ignored"])
        let fields = saysInclude == saysExclude ? ["include", "exclude"] : saysInclude ? ["include"] : ["exclude"]
        func matches(_ pattern: String) -> Bool {
            wanted.contains { pattern == $0 || pattern == $0 + "/" || pattern == $0 + "/**" || pattern == $0 + "/*" || pattern.hasPrefix($0 + "/**") }
        }
        var edits: [(file: String, operations: [EditOperation])] = []
        var removed: [String] = []
        var target: String?
        for field in fields {
            let place = try settingPath(context, ignoring: wanted, ["sync", field])
            target = place.target
            let items = context.rawNode(file: place.file, path: place.path)?.sequence ?? []
            let indexes = items.indices.filter { items[$0].string.map(matches) ?? false }
            guard !indexes.isEmpty else { continue }
            var operations: [EditOperation] = []
            // The last entries take the list with them (no `include: []` left behind).
            if indexes.count == items.count {
                let parent = Array(place.path.dropLast())
                operations = [.delete(context.rawNode(file: place.file, path: parent)?.mapping?.count == 1 ? parent : place.path)]
            }
            else { operations = indexes.reversed().map { .delete(place.path + [.index($0)]) } }
            edits.append((place.file, operations))
            removed += indexes.compactMap { items[$0].string }.map { "\($0) (sync.\(field))" }
        }
        let scope = target.map { " for target \($0)" } ?? ""
        guard !removed.isEmpty else {
            throw PlanningStop(outcome: .refused("nothing to change: sync \(fields.count == 1 ? fields[0] : "include or exclude") lists no \(wanted.joined(separator: ", "))\(scope)"))
        }
        return Plan(subject: "Remove \(removed.map { $0.components(separatedBy: " (")[0] }.joined(separator: ", ")) from sync\(scope)",
                    summary: "Removed \(removed.joined(separator: ", "))\(scope).", target: target, edits: edits)
    }
}

/// "rename the bundle to sales_v2", "call the bundle analytics": `bundle.name`.
public enum BundleNameIntent: Intent {
    public static let id = "bundle-name"
    public static let summary = "the bundle's name"
    public static let examples = ["rename the bundle to sales_v2"]

    public static func score(_ text: RequestText) -> Int {
        // ("create a bundle variable called env …": a variable, not the bundle's name.)
        guard text.has("bundle"), !text.hasAny(ResourceVocabulary.nouns["jobs"]! + ResourceVocabulary.nouns["pipelines"]!),
              !text.hasAny(["variable", "variables", "var", "vars", "parameter", "target", "targets"]) else { return 0 }
        return text.hasAny(["rename", "name", "named", "call", "called"]) ? 5 : 0
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        let all = tokens(context.request)
        let after = all.firstIndex { ["named", "called"].contains($0.lowercased()) }.flatMap { $0 + 1 < all.count ? all[$0 + 1] : nil }
        guard let name = JobNameIntent.value(context.request) ?? after, !name.isEmpty else {
            throw PlanningStop(outcome: .clarify(question: "What should the bundle be called?", choices: examples))
        }
        let path: EditPath = [.key("bundle"), .key("name")]
        let current = context.rawNode(file: context.bundle.rootFile, path: path)?.string
        if current == name { throw PlanningStop(outcome: .refused("the bundle already is called \(name)")) }
        return Plan(subject: "Rename the bundle to \(name)",
                    summary: "Renamed the bundle to \(name) (was \(current ?? "unnamed")). Deployments are kept by the bundle's name: the next deploy of each target makes new copies of its resources; "
                        + "`databricks bundle destroy` with the old name removes the old ones.",
                    edits: [(context.bundle.rootFile, [.set(path, .string(name))])])
    }
}
