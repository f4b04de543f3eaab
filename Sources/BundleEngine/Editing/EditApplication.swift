import BundleEditing
import BundleModel
import Foundation

/// Why one edit cannot be made.
struct EditRefusal: Error {
    var finding: EditFinding
}

/// One structured edit applied to the bundle's files in memory: its path read, its file chosen
/// (`EditPlacement`), its value made YAML (mapping keys in the schema's order) and written by the
/// minimal-diff `YAMLEditor`; a new file gets an include in the root file when none covers it.
struct EditApplication {
    var edit: StructuredEdit
    var index: Int
    var bundle: LoadedBundle
    var catalog: FieldCatalog
    /// The files the bundle had before any edit.
    var included: Set<String>
    /// The paths of every edit of the document (a new resource may be written field by field).
    var documentPaths: [String] = []

    func refusal(_ rule: String, _ message: String, path: String? = nil, suggestions: [String]? = nil) -> EditRefusal {
        EditRefusal(finding: EditFinding(rule: rule, message: message, path: path ?? edit.path, edit: index, suggestions: suggestions))
    }

    /// Applies the edit; returns the file it went to.
    func apply(to files: inout EditedFiles) throws(EditRefusal) -> String {
        let path: ConfigurationPath
        do { path = try ConfigurationPath(parsing: edit.path) } catch {
            throw refusal(EditFinding.Rule.pathSyntax, error.description)
        }
        guard !path.isEmpty else {
            throw refusal(EditFinding.Rule.notApplicable, "an edit needs a path, such as resources.jobs.etl.timeout_seconds")
        }
        try checkArguments(path)
        try checkTarget(path)
        var placement = EditPlacement.choose(for: path, operation: edit.op, explicitFile: edit.file, in: files)
        // A new file in another tool's hidden folder (.github/workflows/, .circleci/): not the bundle's, though
        // an include would make it so (GitHub then ran a broken workflow).
        if placement.isNew, edit.file != nil, placement.file.split(separator: "/").dropLast().contains(where: { $0.hasPrefix(".") }) {
            throw refusal(EditFinding.Rule.badFile, "\(placement.file) is in a hidden folder (\(placement.file.split(separator: "/").first { $0.hasPrefix(".") }!)/), which holds other tools' files, not the bundle's; name a file such as resources/\((placement.file as NSString).lastPathComponent), or leave the file out")
        }
        if placement.isNew, let data = try? bundle.source.read(placement.file) {
            // A file on disk that no include covers yet: edited, not overwritten — when it is bundle
            // configuration. (A GitHub workflow named as the file got a `resources:` block appended, and
            // the bundle's job stayed as it was.)
            let text = String(decoding: data, as: UTF8.self)
            if let reason = Self.notConfiguration(placement.file, text) {
                throw refusal(EditFinding.Rule.badFile, "\(placement.file) is not part of the bundle and \(reason); leave the file out (the edit then goes to the file that defines the path), or name a file of the bundle or a new one")
            }
            files.adopt(placement.file, text)
            placement = EditPlacement.choose(for: path, operation: edit.op, explicitFile: placement.file, in: files)
        }
        try checkTypo(path, placement)
        let file = placement.file
        let text = files.text(file) ?? ""
        var editor = YAMLEditor(text: text)
        do {
            switch edit.op {
            case .delete:
                let located = try complete(placement, path)
                try editor.delete(located.editPath)
            case .rename:
                if let last = path.components.last, case .key = last {} else {
                    let remedy: String
                    if case .identity(let field, _)? = path.components.last {
                        remedy = "set \(path).\(field)" + (field == "task_key" ? " and the depends_on entries that name it" : "")
                    } else {
                        remedy = "set its key field (such as task_key)"
                    }
                    throw refusal(EditFinding.Rule.notApplicable, "\(path) is a list entry, not a key: rename renames a key of a mapping "
                                  + "(a job, a target); to rename the entry, \(remedy)")
                }
                let located = try complete(placement, path)
                try editor.rename(located.editPath, to: edit.to!)
                files.update(file, editor.text)
                try renameTargetOverrides(located.editPath, in: &files)
                return file
            case .set:
                let value = try yaml(identified(edit.value!, path), at: path)
                let located = placement.located
                // A whole mapping set over the one there: only what differs is written, so the comments
                // and order of what stays are kept (a model often sends the whole new_cluster back).
                if located.matched == path.count, let node = located.node, node.mapping != nil, case .mapping = value {
                    var merged = editor
                    do {
                        try Self.merge(value, into: EditValue(node), at: located.editPath, editor: &merged)
                        editor = merged
                        break
                    } catch {
                        // An anchor or merge key in the way: the value is written whole, as before.
                    }
                }
                try write(value, at: path, placement, text: text, editor: &editor)
            case .append:
                let value = try yaml(edit.value!, at: ConfigurationPath(path.components + [.index(0)]))
                let located = placement.located
                if located.matched == path.count {
                    guard located.node?.sequence != nil || located.node?.isNull == true else {
                        throw refusal(EditFinding.Rule.notApplicable, "\(path) is a \(located.node?.typeName ?? "value"), not a list; append adds to a list (use set to replace a value)")
                    }
                    // A value the list holds already (a recipient, a library): nothing to add, as refine says
                    // (appended twice, the revision changed no setting and was committed all the same).
                    if let items = located.node?.sequence, items.contains(where: { Self.same(value, EditValue($0)) }) { return file }
                    try editor.append(value, to: located.editPath)
                } else {
                    try write(.sequence([value]), at: path, placement, text: text, editor: &editor)
                }
            }
        } catch let error as YAMLEditor.EditError {
            throw refusal(EditFinding.Rule.notApplicable, "\(file): \(error.description)")
        } catch let error as EditRefusal {
            throw error
        } catch {
            throw refusal(EditFinding.Rule.notApplicable, "\(file): \(error)")
        }
        files.update(file, editor.text)
        if placement.isNew, file != files.rootFile, !included.contains(file) {
            do {
                if let rootText = files.text(files.rootFile), let updated = try IncludeEditing.rootText(rootText, including: file, rootFile: files.rootFile) {
                    files.update(files.rootFile, updated)
                }
            } catch {
                throw refusal(EditFinding.Rule.badFile, error.description)
            }
        }
        return file
    }

    /// The keys a bundle's configuration files have at their top.
    static let configurationKeys: Set<String> = ["bundle", "include", "workspace", "artifacts", "sync", "resources", "targets", "environments",
                                                 "variables", "permissions", "presets", "run_as", "experimental", "scripts", "python", "git"]

    /// Why an existing file that no include covers cannot take bundle configuration: under a hidden
    /// folder (`.github/`), or YAML whose top keys are another tool's (`on:`, `jobs:`); nil when it can.
    static func notConfiguration(_ file: String, _ text: String) -> String? {
        if file.split(separator: "/").dropLast().contains(where: { $0.hasPrefix(".") }) {
            return "is in a hidden folder (\(file.split(separator: "/").first { $0.hasPrefix(".") }!)/), which holds other tools' files"
        }
        guard let document = try? YAMLComposer(file: file).compose(Data(text.utf8)) else { return "does not parse as YAML" }
        guard let root = document.root, !root.isNull else { return nil }
        guard let mapping = root.mapping else { return "is no mapping of bundle settings" }
        let foreign = mapping.keys.filter { !configurationKeys.contains($0) }
        return foreign.isEmpty ? nil : "holds other settings than a bundle's (\(foreign.prefix(4).joined(separator: ", ")))"
    }

    /// Writes `value` over `old` (the value now at `path`) key by key: equal values are left as they are
    /// (with their comments), mappings and lists of the same length are merged further, keys that are
    /// gone are deleted, anything else is set.
    static func merge(_ value: EditValue, into old: EditValue, at path: EditPath, editor: inout YAMLEditor) throws {
        if same(value, old) { return }
        switch (value, old) {
        case let (.mapping(new), .mapping(existing)) where !existing.isEmpty:
            let newKeys = Set(new.map(\.0))
            for (key, _) in existing where !newKeys.contains(key) {
                try editor.delete(path + [.key(key)])
            }
            for (key, item) in new {
                if let before = existing.first(where: { $0.0 == key })?.1 {
                    try merge(item, into: before, at: path + [.key(key)], editor: &editor)
                } else {
                    try editor.set(path + [.key(key)], to: item)
                }
            }
        case let (.sequence(new), .sequence(existing)) where new.count == existing.count && !new.isEmpty:
            for (index, item) in new.enumerated() {
                try merge(item, into: existing[index], at: path + [.index(index)], editor: &editor)
            }
        default:
            try editor.set(path, to: value)
        }
    }

    /// Equal as configuration: the order of a mapping's keys does not matter.
    static func same(_ a: EditValue, _ b: EditValue) -> Bool {
        switch (a, b) {
        case let (.mapping(x), .mapping(y)):
            guard x.count == y.count else { return false }
            return x.allSatisfy { entry in y.first(where: { $0.0 == entry.0 }).map { same(entry.1, $0.1) } ?? false }
        case let (.sequence(x), .sequence(y)):
            return x.count == y.count && zip(x, y).allSatisfy { same($0, $1) }
        case let (.int(x), .number(y)), let (.number(y), .int(x)):
            return Double(x) == y
        default:
            return a == b
        }
    }

    func checkArguments(_ path: ConfigurationPath) throws(EditRefusal) {
        switch edit.op {
        case .set, .append:
            guard edit.value != nil else { throw refusal(EditFinding.Rule.badArgument, "\(edit.op.rawValue) needs a value (JSON), such as \"value\": 2") }
        case .rename:
            guard let to = edit.to?.trimmingCharacters(in: .whitespaces), !to.isEmpty else {
                throw refusal(EditFinding.Rule.badArgument, "rename needs the new key in \"to\"")
            }
        case .delete:
            break
        }
        if let file = edit.file {
            let normalized = BundlePath.normalize(file)
            // (Nor git's folder, which a revision never writes: refused here, where the edit can be corrected.)
            guard !file.hasPrefix("/"), !normalized.hasPrefix(".."), !normalized.isEmpty,
                  !normalized.split(separator: "/").contains(where: { $0 == ".git" || $0 == ".databricks" || $0 == ".dabrepo" }) else {
                throw refusal(EditFinding.Rule.badFile, "file \(file) is outside the bundle; name a file relative to the bundle root, such as resources/etl.job.yml")
            }
            guard normalized.hasSuffix(".yml") || normalized.hasSuffix(".yaml") else {
                throw refusal(EditFinding.Rule.badFile, "file \(file) is not a YAML file (.yml or .yaml)")
            }
        }
    }

    /// `targets.<t>.…` needs a target the bundle has, unless the edit defines it (`set targets.<t>`).
    func checkTarget(_ path: ConfigurationPath) throws(EditRefusal) {
        guard path.key(at: 0) == "targets", let target = path.key(at: 1), !bundle.targetNames.contains(target) else { return }
        if edit.op == .set && path.count == 2 { return }
        let names = bundle.targetNames
        let close = Suggestion.closest(to: target, among: names)
        throw refusal(EditFinding.Rule.pathNotFound,
                      "the bundle has no target \(target)" + (names.isEmpty ? "" : " (its targets: \(names.joined(separator: ", ")))")
                      + "; to add one, set targets.\(target) to its definition",
                      path: "targets.\(target)", suggestions: close.map { [$0] } ?? names)
    }

    /// A set deep inside a resource or a list entry that does not exist, when one with a close name
    /// does: a typo ("resources.jobs.b_jbo.timeout_seconds", "tasks[task_key=notebok_task].max_retries")
    /// would create a job without tasks, or a task without a type. A whole new resource or entry is
    /// still made by setting it entire.
    func checkTypo(_ path: ConfigurationPath, _ placement: EditPlacement) throws(EditRefusal) {
        guard edit.op == .set || edit.op == .append else { return }
        let located = placement.located
        guard located.matched < path.count - 1 else { return }
        let missing = path.components[located.matched]
        // Not in the file chosen for it (a new file, often), and not elsewhere in the bundle either.
        if located.matched < 3, path.count > 3, path.key(at: 0) == "resources", let type = path.key(at: 1), let key = path.key(at: 2) {
            var known = Set(bundle.configuration["resources"]?[type]?.mapping?.keys ?? [])
            for target in bundle.targetNames { known.formUnion(bundle.targetsMapping?[target]?["resources"]?[type]?.mapping?.keys ?? []) }
            guard !known.contains(key) else { return }
            let kind = type.hasSuffix("s") ? String(type.dropLast()) : type
            guard let close = Suggestion.closest(to: key, among: known) else {
                // Deeper than a field of the resource ("…nosuchjob.tasks[task_key=a].max_retries"): it would make a
                // resource of that one part (a task without a type), whatever the name. One field alone, that
                // no other edit of the document adds to, would too (a job of max_concurrent_runs only, after a
                // rename made the key an old one).
                let prefix = "resources.\(type).\(key)"
                let others = documentPaths.enumerated().filter { $0.offset != index && ($0.element == prefix || $0.element.hasPrefix(prefix + ".") || $0.element.hasPrefix(prefix + "[")) }
                // (Its name alone starts a new one: "resources.pipelines.clean.name".)
                let naming = path.count == 4 && ["name", "display_name", "title"].contains(path.key(at: 3) ?? "")
                guard path.count > 4 || (others.isEmpty && !naming) else { return }
                let sorted = known.sorted()
                throw refusal(EditFinding.Rule.pathNotFound,
                              "the bundle has no \(kind) \(key)" + (sorted.isEmpty ? "" : " (its \(type): \(sorted.prefix(10).joined(separator: ", "))\(sorted.count > 10 ? ", …" : ""))")
                              + "; to add a new \(kind), set resources.\(type).\(key) to its whole definition",
                              path: "resources.\(type).\(key)", suggestions: Array(sorted.prefix(10)))
            }
            throw refusal(EditFinding.Rule.pathNotFound,
                          "the bundle has no \(kind) \(key) (did you mean \(close)?); to add a new \(kind), set resources.\(type).\(key) to its whole definition",
                          path: "resources.\(type).\(key)", suggestions: [close])
        }
        if case .identity(let field, let value) = missing, let items = located.node?.sequence {
            let values = items.compactMap { $0[field]?.string }
            guard !values.contains(value) else { return }
            let prefix = path.prefix(located.matched)
            guard let close = Suggestion.closest(to: value, among: values) else {
                // No close one either: one plain field set under an entry that does not exist makes an entry of that field
                // alone (`tasks[task_key=gold].max_retries`: a task without a type, committed), unless other edits of the
                // document add to that entry.
                let entry = "\(prefix)[\(field)=\(value)]"
                let others = documentPaths.enumerated().filter { $0.offset != index && ($0.element == entry || $0.element.hasPrefix(entry + ".") || $0.element.hasPrefix(entry + "[")) }
                let plain: Bool
                switch edit.value {
                case .object, .array: plain = false
                default: plain = true
                }
                guard edit.op == .set, path.count == located.matched + 2, plain, others.isEmpty, !values.isEmpty else { return }
                throw refusal(EditFinding.Rule.pathNotFound,
                              "\(prefix) has no entry [\(field)=\(value)] (the entries are " + values.prefix(10).map { "[\(field)=\($0)]" }.joined(separator: ", ")
                              + "); to add a new entry, set \(entry) to its whole definition",
                              path: entry, suggestions: values.prefix(10).map { "\(prefix)[\(field)=\($0)]" })
            }
            throw refusal(EditFinding.Rule.pathNotFound,
                          "\(prefix) has no entry [\(field)=\(value)] (did you mean [\(field)=\(close)]?); to add a new entry, set \(prefix)[\(field)=\(value)] to its whole definition",
                          path: "\(prefix)[\(field)=\(value)]", suggestions: ["\(prefix)[\(field)=\(close)]"])
        }
    }

    /// The located path, which must exist entirely.
    func complete(_ placement: EditPlacement, _ path: ConfigurationPath) throws(EditRefusal) -> EditPlacement.LocatedPath {
        let located = placement.located
        guard located.matched == path.count else {
            let missing = path.prefix(located.matched + 1)
            var message = "\(missing) does not exist"
            if case .key(let key) = path.components[located.matched], let mapping = located.node?.mapping {
                let close = Suggestion.closest(to: key, among: mapping.keys)
                if let close { message += " (there is \(ConfigurationPath(missing.components.dropLast() + [.key(close)])))" }
            } else if case .identity(let field, _) = path.components[located.matched], let items = located.node?.sequence {
                let values = items.compactMap { $0[field]?.string }
                if !values.isEmpty { message += " (the entries are " + values.map { "[\(field)=\($0)]" }.joined(separator: ", ") + ")" }
            }
            throw refusal(EditFinding.Rule.pathNotFound, message + "; nothing to \(edit.op.rawValue)", path: missing.description)
        }
        return located
    }

    /// Writes `value` at `path`: the part the file has is followed, the rest is created (mappings,
    /// and the list entry of a `[field=value]` or a position at the end of its list). Throws
    /// `EditRefusal` or the editor's `EditError` (which `apply` turns into a refusal).
    func write(_ value: EditValue, at path: ConfigurationPath, _ placement: EditPlacement, text: String,
               editor: inout YAMLEditor) throws {
        let located = placement.located
        let remaining = Array(path.components[located.matched...])
        if located.node == nil || placement.isNew && text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            // A new or empty file: the whole path is written out.
            let document = YAMLWriter.document(try nest(path.components[...], value))
            let separator = text.isEmpty || text.hasSuffix("\n") ? "" : "\n"
            editor = YAMLEditor(text: text + separator + document)
            return
        }
        let keys: EditPath = remaining.prefix { if case .key = $0 { return true } else { return false } }.compactMap { component in
            if case .key(let k) = component { return .key(k) }
            return nil
        }
        if keys.count == remaining.count {
            try editor.set(located.editPath + keys, to: value)
            return
        }
        let step = remaining[keys.count]
        let inner = try nest(remaining[(keys.count + 1)...], value)
        let entry: EditValue
        switch step {
        case .identity(let field, let identity):
            entry = try identityEntry(field, identity, inner)
        case .index(let n):
            let count = keys.isEmpty ? located.node?.sequence?.count ?? 0 : 0
            guard n == count else {
                throw refusal(EditFinding.Rule.pathNotFound,
                              "\(path.prefix(located.matched + keys.count + 1)) is past the end of its list (it has \(count) entr\(count == 1 ? "y" : "ies")); append adds an entry")
            }
            entry = inner
        case .key:
            entry = inner
        }
        if keys.isEmpty {
            guard located.node?.sequence != nil || located.node?.isNull == true else {
                throw refusal(EditFinding.Rule.notApplicable, "\(path.prefix(located.matched)) is a \(located.node?.typeName ?? "value"), not a list")
            }
            try editor.append(entry, to: located.editPath)
        } else {
            try editor.set(located.editPath + keys, to: .sequence([entry]))
        }
    }

    /// `[a, [task_key=x], b]` and a value → `{a: [{task_key: x, b: value}]}`.
    func nest(_ components: ArraySlice<ConfigurationPath.Component>, _ value: EditValue) throws(EditRefusal) -> EditValue {
        guard let first = components.first else { return value }
        let inner = try nest(components.dropFirst(), value)
        switch first {
        case .key(let key):
            return .mapping([(key, inner)])
        case .index(let n):
            guard n == 0 else { throw refusal(EditFinding.Rule.pathNotFound, "position [\(n)] is past the end of a list that does not exist yet; use [0]") }
            return .sequence([inner])
        case .identity(let field, let identity):
            return .sequence([try identityEntry(field, identity, inner)])
        }
    }

    /// The list entry `[field=identity]` with `inner`'s fields.
    func identityEntry(_ field: String, _ identity: String, _ inner: EditValue) throws(EditRefusal) -> EditValue {
        guard case .mapping(let fields) = inner else {
            throw refusal(EditFinding.Rule.notApplicable, "the entry [\(field)=\(identity)] must be a mapping (an object), not a single value")
        }
        if let given = fields.first(where: { $0.0 == field }) {
            guard given.1 == .string(identity) else {
                throw refusal(EditFinding.Rule.badArgument, "the entry [\(field)=\(identity)] cannot have a different \(field)")
            }
            return inner
        }
        return .mapping([(field, .string(identity))] + fields)
    }

    /// A whole `[field=value]` entry set with an object that lacks `field` keeps it.
    func identified(_ value: StructuredValue, _ path: ConfigurationPath) -> StructuredValue {
        guard case .identity(let field, let identity)? = path.components.last, case .object(var fields) = value, fields[field] == nil else { return value }
        fields[field] = .string(identity)
        return .object(fields)
    }

    /// JSON → YAML value; mapping keys in the order the schema documents them at `path` (JSON objects
    /// have none), unknown keys after them, sorted.
    func yaml(_ value: StructuredValue, at path: ConfigurationPath) throws(EditRefusal) -> EditValue {
        switch value {
        case .null: return .null
        case .bool(let v): return .bool(v)
        case .int(let v): return .int(v)
        case .double(let v): return .number(v)
        case .string(let v): return .string(v)
        case .array(let items):
            var out: [EditValue] = []
            for (i, item) in items.enumerated() { out.append(try yaml(item, at: ConfigurationPath(path.components + [.index(i)]))) }
            return .sequence(out)
        case .object(let fields):
            let order = catalog.object(at: path).map { Dictionary($0.fields.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a }) } ?? [:]
            let keys = fields.keys.sorted { a, b in
                switch (order[a], order[b]) {
                case let (x?, y?): return x < y
                case (.some, nil): return true
                case (nil, .some): return false
                case (nil, nil): return a < b
                }
            }
            var out: [(String, EditValue)] = []
            for key in keys { out.append((key, try yaml(fields[key]!, at: ConfigurationPath(path.components + [.key(key)])))) }
            return .mapping(out)
        }
    }

    /// After `resources.<type>.<key>` was renamed: its overrides in every target follow.
    func renameTargetOverrides(_ renamed: EditPath, in files: inout EditedFiles) throws(EditRefusal) {
        guard renamed.count == 3, renamed[0] == .key("resources"), case .key(let type) = renamed[1], case .key(let key) = renamed[2],
              let newKey = edit.to else { return }
        for file in files.order {
            guard let targets = files.tree(file)?["targets"]?.mapping else { continue }
            var editor = YAMLEditor(text: files.text(file) ?? "")
            var changed = false
            for target in targets.entries where target.value["resources"]?[type]?[key] != nil {
                do {
                    try editor.rename([.key("targets"), .key(target.key), .key("resources"), .key(type), .key(key)], to: newKey)
                    changed = true
                } catch {
                    throw refusal(EditFinding.Rule.notApplicable, "\(file): the override of \(type).\(key) in target \(target.key) cannot be renamed: \(error.description)")
                }
            }
            if changed { files.update(file, editor.text) }
        }
    }
}
