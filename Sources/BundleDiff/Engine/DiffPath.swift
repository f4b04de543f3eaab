/// A step of a configuration path, as the Databricks CLI's plan output writes it:
/// `resources.jobs.etl.tasks[task_key=ingest].new_cluster.num_workers`.
public enum DiffPathComponent: Hashable, Sendable {
    case key(String)
    case index(Int)
    /// A list entry identified by a field: `tasks[task_key=ingest]`.
    case identity(field: String, value: String)
}

public typealias DiffPath = [DiffPathComponent]

extension Array where Element == DiffPathComponent {
    /// `resources.jobs.etl.tasks[task_key=ingest].timeout_seconds`.
    public var rendered: String { render(short: false) }

    /// The short form used under a resource heading: `tasks[ingest].timeout_seconds`.
    public var short: String { render(short: true) }

    func render(short: Bool) -> String {
        var out = ""
        for c in self {
            switch c {
            case .key(let k):
                if !out.isEmpty { out += "." }
                out += k
            case .index(let i):
                out += "[\(i)]"
            case .identity(let field, let value):
                out += short ? "[\(value)]" : "[\(field)=\(value)]"
            }
        }
        return out
    }
}

extension Array where Element == DiffPathComponent {
    /// The name that says what the value at this path is, for telling secrets: the last key, or, for a generic
    /// one (`variables.db_password.default`, `parameters[api_key].default`), the variable's or the entry's name.
    public var secretName: String? {
        guard let last = self.last else { return nil }
        guard case .key(let name) = last else { return nil }
        guard ["default", "value"].contains(name), count >= 2 else { return name }
        switch self[count - 2] {
        case .key(let owner): return owner + "." + name
        case .identity(_, let value): return value + "." + name
        case .index: return name
        }
    }
}
