import BundleGeneration
import Foundation
import WorkspaceOperations

/// The workspace's answers (`WorkspaceQuery`) as text for people: a line, a list or a table each.
public enum WorkspaceReport {
    /// The health check in one line.
    public static func health(_ document: WorkspaceDocument) -> String {
        guard let answer = document.value as? [String: Any] else { return document.text }
        return "OK: \(answer["host"] ?? "") answered in \(answer["latency_ms"] ?? 0) ms; signed in as \(answer["user"] ?? "") (\(answer["auth_type"] ?? ""))\n"
    }

    /// One line per job (id, name) and the count.
    public static func jobs(_ document: WorkspaceDocument) -> String {
        let jobs = document.value as? [[String: Any]] ?? []
        let lines = jobs.map { job in
            "\((job["job_id"] as? NSNumber)?.intValue ?? 0)\t\((job["settings"] as? [String: Any])?["name"] as? String ?? "")\n"
        }
        return lines.joined() + "\(jobs.count) job\(jobs.count == 1 ? "" : "s")\n"
    }

    /// A statement's result as a table, with the count of rows.
    public static func rows(_ columns: [String], _ rows: [[String]]) -> String {
        TextTable.render(columns, rows) + "(\(rows.count) row\(rows.count == 1 ? "" : "s"))\n"
    }

    /// The SQL warehouses as a table.
    public static func warehouses(_ document: WorkspaceDocument) -> String {
        let warehouses = document.value as? [[String: Any]] ?? []
        let rows = warehouses.map { w in ["id", "name", "state", "cluster_size"].map { "\(w[$0] ?? "")" } }
        return TextTable.render(["id", "name", "state", "size"], rows)
    }

    /// A cluster's name, state, size and the settings people look for, one per line.
    public static func cluster(_ document: WorkspaceDocument) -> String {
        let cluster = document.value as? [String: Any] ?? [:]
        let autoscale = cluster["autoscale"] as? [String: Any]
        let workers = autoscale.map { "\($0["min_workers"] ?? "?")–\($0["max_workers"] ?? "?") (autoscaling)" } ?? "\(cluster["num_workers"] ?? 0)"
        var rows = [["Name", "\(cluster["cluster_name"] ?? "")"], ["State", "\(cluster["state"] ?? "")"], ["Workers", workers]]
        for (label, key) in [("Spark version", "spark_version"), ("Node type", "node_type_id"), ("Driver node type", "driver_node_type_id"),
                             ("Auto-termination (min)", "autotermination_minutes"), ("Access mode", "data_security_mode")] {
            if let value = cluster[key] { rows.append([label, "\(value)"]) }
        }
        return rows.map { $0[0].padding(toLength: 24, withPad: " ", startingAt: 0) + $0[1] }.joined(separator: "\n") + "\n"
    }

    /// A DBFS folder: kind, size and path per entry.
    public static func dbfs(_ document: WorkspaceDocument) -> String {
        let files = document.value as? [[String: Any]] ?? []
        return files.map { f in
            let dir = (f["is_dir"] as? Bool) ?? false
            return "\(dir ? "dir " : "file")\t\(dir ? "" : "\(f["file_size"] ?? 0)")\t\(f["path"] ?? "")"
        }.joined(separator: "\n") + (files.isEmpty ? "" : "\n")
    }

    /// A workspace folder's objects: kind (dir, or the notebook's language) and path per entry.
    public static func objects(_ document: WorkspaceDocument) -> String {
        let objects = document.value as? [[String: Any]] ?? []
        return objects.map { o in
            let kind = o["object_type"] as? String ?? ""
            return "\(kind == "DIRECTORY" ? "dir" : (o["language"] as? String ?? kind).lowercased())\t\(o["path"] as? String ?? "")"
        }.joined(separator: "\n") + (objects.isEmpty ? "" : "\n")
    }

    /// What a notebook needs, a line per kind: cells, parameters, libraries, imports, %run, tables, traits.
    public static func analysis(_ analysis: NotebookAnalysis, path: String) -> String {
        let cells = Dictionary(grouping: analysis.cells, by: \.language).map { "\($0.value.count) \($0.key)" }.sorted().joined(separator: ", ")
        var out = "\(path): \(analysis.language), \(analysis.cells.count) cell\(analysis.cells.count == 1 ? "" : "s") (\(cells))\n"
        if !analysis.widgets.isEmpty { out += "Parameters: " + analysis.widgets.map { "\($0.name)=\($0.defaultValue)" }.joined(separator: ", ") + "\n" }
        for (label, values) in [("Libraries", analysis.libraries), ("Requirements", analysis.requirements), ("Imports", analysis.imports),
                                ("Runs", analysis.runDependencies), ("Reads", analysis.tablesRead), ("Writes", analysis.tablesWritten)] where !values.isEmpty {
            out += "\(label): " + values.joined(separator: ", ") + "\n"
        }
        var traits: [String] = []
        if analysis.usesML { traits.append("needs an ML runtime") }
        if analysis.isPipeline { traits.append("is a pipeline (DLT) notebook") }
        if analysis.isStreaming { traits.append("streams") }
        if !traits.isEmpty { out += "It " + traits.joined(separator: ", ") + ".\n" }
        return out
    }
}
