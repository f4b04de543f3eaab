import BundleModel
import Foundation

/// A stable JSON document for tools (documented in the README):
///
/// ```
/// {"from": "HEAD", "to": "working tree", "target": null,
///  "groups": [{"kind": "resource", "type": "jobs", "key": "etl", "status": "changed", "file": "...",
///              "renamed_from": null, "path": "resources.jobs.etl", ("note": what deploying a rename does)
///              "changes": [{"op": "change", "path": "resources.jobs.etl.tasks[task_key=ingest].timeout_seconds",
///                           "old": 60, "new": 120}]}],
///  "files": [{"path": "src/ingest.py", "status": "modified", "added": 3, "removed": 1, "binary": false}],
///  "summary": {"changed": 1, "added": 0, "removed": 0, "renamed": 0, "text": "..."}}
/// ```
/// `op` is one of add, remove, change, move, add_element, remove_element; `move` adds `from` and `to`.
public struct DiffJSONFormatter {
    public init() {}

    public func render(_ result: BundleDiffResult) -> String {
        let groups: [[String: Any]] = result.groups.map { g in
            var item: [String: Any] = ["file": g.file as Any, "path": g.basePath.rendered, "renamed_from": NSNull()]
            switch g.subject {
            case .resource(let type, let key):
                item["kind"] = "resource"; item["type"] = type; item["key"] = key
                // (A resource as one target deploys it: the change is to that target's overrides.)
                if let target = g.target { item["target"] = target }
            case .target(let t):
                item["kind"] = "target"; item["key"] = t
            case .section(let s):
                item["kind"] = "section"; item["key"] = s
            }
            switch g.status {
            case .added: item["status"] = "added"
            case .removed: item["status"] = "removed"
            case .changed: item["status"] = "changed"
            case .renamed(let from):
                item["status"] = "renamed"; item["renamed_from"] = from
                // (What deploying it does, as the text says it: the page, MCP and the chat preview showed only "renamed".)
                if let note = g.renameNote { item["note"] = note }
            }
            item["changes"] = g.changes.map { c -> [String: Any] in
                var change: [String: Any] = ["path": (g.basePath + c.path).rendered,
                                             "old": hidingSecret(ValueRendering.json(c.old), at: c.path),
                                             "new": hidingSecret(ValueRendering.json(c.new), at: c.path)]
                switch c.kind {
                case .added: change["op"] = "add"
                case .removed: change["op"] = "remove"
                case .modified: change["op"] = "change"
                case .moved(let from, let to): change["op"] = "move"; change["from"] = from; change["to"] = to
                case .elementAdded: change["op"] = "add_element"
                case .elementRemoved: change["op"] = "remove_element"
                }
                return change
            }
            return item
        }
        let document: [String: Any] = [
            "from": result.from, "to": result.to, "target": result.target as Any,
            "groups": groups,
            "unreadable": result.unreadable,
            "reworded": result.reworded,
            "files": result.files.map { ["path": $0.path, "status": $0.status.rawValue, "added": $0.addedLines, "removed": $0.removedLines, "binary": $0.binary] },
            "summary": ["changed": result.resourcesChanged, "added": result.resourcesAdded, "removed": result.resourcesRemoved,
                        "renamed": result.resourcesRenamed, "text": result.summaryLine],
        ]
        let data = (try? JSONSerialization.data(withJSONObject: sanitize(document), options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// The value of a setting named like a secret (`DB_PASSWORD`, `...account.key...`) as `[REDACTED]`:
    /// here the name and the value are separate fields, which the text redaction cannot pair.
    func hidingSecret(_ value: Any, at path: DiffPath) -> Any {
        guard let name = path.secretName, let text = value as? String, SecretRedaction.hides(named: name, value: text) else { return value }
        return SecretRedaction.marker
    }

    /// Optional nils become JSON null.
    func sanitize(_ value: Any) -> Any {
        if let d = value as? [String: Any] { return d.mapValues(sanitize) }
        if let a = value as? [Any] { return a.map(sanitize) }
        if case Optional<Any>.none = value as Any? { return NSNull() }
        let mirror = Mirror(reflecting: value)
        if mirror.displayStyle == .optional {
            return mirror.children.first.map { sanitize($0.value) } ?? NSNull()
        }
        return value
    }
}
