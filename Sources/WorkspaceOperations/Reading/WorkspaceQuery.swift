import BundleEngine
import BundleGeneration
import Foundation
import Workspace

/// The workspace's read operations (and SQL statements): each answer as the document the command
/// line prints and the tools return.
public struct WorkspaceQuery: Sendable {
    /// Connects when a query first needs the workspace (analyzing a local notebook does not).
    public let connect: WorkspaceConnection.Connect

    public init(connect: @escaping WorkspaceConnection.Connect) {
        self.connect = connect
    }

    /// Reaches the workspace: host, the user the credentials belong to, auth type, how long it took.
    public func health() throws(EngineError) -> WorkspaceDocument {
        let client = try connect()
        let start = Date()
        let user = try WorkspaceCall.run { () throws(WorkspaceError) in try client.currentUser() }
        let milliseconds = Int(Date().timeIntervalSince(start) * 1000)
        return WorkspaceDocument(["host": client.config.host, "user": user, "auth_type": client.config.authType.rawValue, "latency_ms": milliseconds])
    }

    /// Jobs (all pages), optionally only those with exactly this name.
    public func jobs(name: String? = nil, limit: Int = 1000) throws(EngineError) -> WorkspaceDocument {
        let client = try connect()
        return WorkspaceDocument(try WorkspaceCall.run { () throws(WorkspaceError) in try client.listJobs(name: name, limit: limit) })
    }

    /// A job's settings with every task.
    public func job(_ id: Int) throws(EngineError) -> WorkspaceDocument {
        let client = try connect()
        return WorkspaceDocument(try WorkspaceCall.run { () throws(WorkspaceError) in try client.getJob(id) })
    }

    /// The notebooks, files and folders of a workspace folder.
    public func objects(in folder: String, recursive: Bool) throws(EngineError) -> WorkspaceDocument {
        let client = try connect()
        return WorkspaceDocument(try WorkspaceCall.run { () throws(WorkspaceError) in try client.listWorkspace(folder, recursive: recursive) })
    }

    /// The SQL warehouses.
    public func warehouses() throws(EngineError) -> WorkspaceDocument {
        let client = try connect()
        return WorkspaceDocument(try WorkspaceCall.run { () throws(WorkspaceError) in try client.listWarehouses() })
    }

    /// A cluster's settings and state.
    public func cluster(_ id: String) throws(EngineError) -> WorkspaceDocument {
        let client = try connect()
        return WorkspaceDocument(try WorkspaceCall.run { () throws(WorkspaceError) in try client.cluster(id) })
    }

    /// A DBFS folder's entries.
    public func dbfs(_ path: String) throws(EngineError) -> WorkspaceDocument {
        let client = try connect()
        return WorkspaceDocument(try WorkspaceCall.run { () throws(WorkspaceError) in try client.listDBFS(path) })
    }

    /// A statement's result: its columns, its rows, and the rows as objects (the document).
    public func sql(_ statement: String, warehouse: String) throws(EngineError) -> (columns: [String], rows: [[String]], document: WorkspaceDocument) {
        let client = try connect()
        let (columns, rows) = try WorkspaceCall.run { () throws(WorkspaceError) in try client.executeSQL(statement, warehouse: warehouse) }
        return (columns, rows, WorkspaceDocument(rows.map { Dictionary(uniqueKeysWithValues: zip(columns, $0)) }))
    }

    /// A notebook exported as `source` or `jupyter`: its content and language.
    public func export(_ path: String, format: String = "source") throws(EngineError) -> (content: Data, language: String?) {
        let client = try connect()
        return try WorkspaceCall.run { () throws(WorkspaceError) in try client.exportNotebook(path, format: format.uppercased()) }
    }

    /// Writes an exported notebook to a local file; a file that cannot be written is said plainly (its
    /// folder missing, a folder in its place), as a usage error.
    public static func write(_ content: Data, exportedFrom path: String, to file: String) throws(EngineError) {
        var isDirectory: ObjCBool = false
        let url = URL(fileURLWithPath: file)
        if FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory), isDirectory.boolValue {
            throw EngineError(.usage, "cannot write \(file): it is a folder; name a file (--file \(file)/\(path.split(separator: "/").last ?? "notebook").py)")
        }
        guard FileManager.default.fileExists(atPath: url.deletingLastPathComponent().path) else {
            throw EngineError(.usage, "cannot write \(file): the folder of \(file) does not exist; create it first")
        }
        do { try content.write(to: url) } catch { throw EngineError(.usage, "cannot write \(file): \(error.localizedDescription)") }
    }

    /// What the export document says: path, format, language, size, and the content (or the file it went to).
    public static func exportDocument(path: String, format: String, content: Data, language: String?, file: String? = nil) -> WorkspaceDocument {
        var object: [String: Any] = ["path": path, "format": format, "language": language ?? NSNull(), "bytes": content.count]
        if let file { object["file"] = file } else { object["content"] = String(decoding: content, as: UTF8.self) }
        return WorkspaceDocument(object)
    }

    /// What a notebook needs; a local file (relative to `currentDirectory`) is read directly, anything
    /// else is exported from the workspace first.
    /// `confinedTo`: a folder that local files must be inside (a tool's served folder): an absolute path
    /// outside it is a workspace path, a relative one that leaves it is refused.
    public func analyze(_ path: String, currentDirectory: URL, confinedTo root: URL? = nil) throws(EngineError) -> NotebookAnalysis {
        let local = path.hasPrefix("/") ? URL(fileURLWithPath: path) : currentDirectory.appendingPathComponent(path)
        var readsLocally = true
        if let root {
            let base = root.standardizedFileURL.resolvingSymlinksInPath().path
            let full = local.standardizedFileURL.resolvingSymlinksInPath().path
            let inside = full == base || full.hasPrefix(base.hasSuffix("/") ? base : base + "/")
            if !inside && !path.hasPrefix("/") {
                throw EngineError(.usage, "\(path) is outside the served folder \(root.path); name a file of the bundle (src/ingest.py) or a workspace notebook path (/Workspace/...)")
            }
            readsLocally = inside
        }
        // A relative path names a file here (a workspace path starts with "/"): one that is not there is a
        // typo, not a notebook to export (that asked for a workspace login).
        if !path.hasPrefix("/"), !FileManager.default.fileExists(atPath: local.path) {
            throw EngineError(.notFound, "\(path) is no file here (relative to \(currentDirectory.path)); name a notebook of the bundle, or a workspace notebook by its absolute path (/Workspace/…, /Users/…)")
        }
        let text: String
        if readsLocally, let data = FileManager.default.contents(atPath: local.path) {
            text = String(decoding: data, as: UTF8.self)
        } else {
            text = String(decoding: try export(path).content, as: UTF8.self)
        }
        do { return try NotebookAnalysis(source: text, fileName: path) } catch { throw EngineError(.refused, "\(path): \(error.localizedDescription)") }
    }
}
