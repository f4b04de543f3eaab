import Foundation

/// The workspace operations dabrepo uses, over `WorkspaceClient`.
extension WorkspaceClient {
    /// The user (or service principal) the credentials belong to: `GET /api/2.0/preview/scim/v2/Me`.
    public func currentUser() throws(WorkspaceError) -> String {
        let me = try get("/api/2.0/preview/scim/v2/Me")
        return me["userName"] as? String ?? me["displayName"] as? String ?? "unknown"
    }

    /// Jobs, following `next_page_token` (Jobs API 2.2), optionally filtered by exact name.
    public func listJobs(name: String? = nil, limit: Int = 1000) throws(WorkspaceError) -> [[String: Any]] {
        var out: [[String: Any]] = []
        var token: String?
        repeat {
            var query = ["limit": String(min(100, limit))]
            if let name { query["name"] = name }
            if let token { query["page_token"] = token }
            let page = try get("/api/2.2/jobs/list", query: query)
            out += page["jobs"] as? [[String: Any]] ?? []
            token = page["next_page_token"] as? String
            if token?.isEmpty ?? true { token = nil }
        } while token != nil && out.count < limit
        return Array(out.prefix(limit))
    }

    /// A job with all its tasks: Jobs API 2.2 pages large `tasks` and `job_clusters` arrays.
    public func getJob(_ id: Int) throws(WorkspaceError) -> [String: Any] {
        var job = try get("/api/2.2/jobs/get", query: ["job_id": String(id)])
        var token = job["next_page_token"] as? String
        while let t = token, !t.isEmpty {
            let page = try get("/api/2.2/jobs/get", query: ["job_id": String(id), "page_token": t])
            var settings = job["settings"] as? [String: Any] ?? [:]
            let more = page["settings"] as? [String: Any] ?? [:]
            for key in ["tasks", "job_clusters", "environments", "parameters"] {
                let extra = more[key] as? [Any] ?? []
                if !extra.isEmpty { settings[key] = (settings[key] as? [Any] ?? []) + extra }
            }
            job["settings"] = settings
            token = page["next_page_token"] as? String
        }
        job.removeValue(forKey: "next_page_token")
        // Every page is in: no more to fetch (it still said `has_more: true` after them all).
        job.removeValue(forKey: "has_more")
        return job
    }

    /// Objects of a workspace folder (`GET /api/2.0/workspace/list`), descending into folders when `recursive`.
    public func listWorkspace(_ path: String, recursive: Bool) throws(WorkspaceError) -> [[String: Any]] {
        var out: [[String: Any]] = []
        var queue = [path]
        while let folder = queue.popLast() {
            let objects = try get("/api/2.0/workspace/list", query: ["path": folder])["objects"] as? [[String: Any]] ?? []
            for object in objects.sorted(by: { ($0["path"] as? String ?? "") < ($1["path"] as? String ?? "") }) {
                out.append(object)
                if recursive, object["object_type"] as? String == "DIRECTORY", let p = object["path"] as? String { queue.insert(p, at: 0) }
            }
        }
        return out
    }

    /// Starts a job run: `POST /api/2.2/jobs/run-now`; returns the run id.
    public func runJob(_ id: Int, parameters: [String: String]) throws(WorkspaceError) -> Int {
        var body: [String: Any] = ["job_id": id]
        if !parameters.isEmpty { body["job_parameters"] = parameters }
        let answer = try post("/api/2.2/jobs/run-now", body: body)
        guard let run = (answer["run_id"] as? NSNumber)?.intValue else { throw .invalidResponse("run-now sent no run_id") }
        return run
    }

    /// A run's state: `GET /api/2.2/jobs/runs/get`.
    public func run(_ id: Int) throws(WorkspaceError) -> [String: Any] {
        try get("/api/2.2/jobs/runs/get", query: ["run_id": String(id)])
    }

    public func listWarehouses() throws(WorkspaceError) -> [[String: Any]] {
        try get("/api/2.0/sql/warehouses")["warehouses"] as? [[String: Any]] ?? []
    }

    public func cluster(_ id: String) throws(WorkspaceError) -> [String: Any] {
        try get("/api/2.1/clusters/get", query: ["cluster_id": id])
    }

    public func listDBFS(_ path: String) throws(WorkspaceError) -> [[String: Any]] {
        try get("/api/2.0/dbfs/list", query: ["path": path])["files"] as? [[String: Any]] ?? []
    }

    /// Runs a statement on a warehouse (Statement Execution API) and waits for its result: column
    /// names and rows. A FAILED statement is an error.
    public func executeSQL(_ statement: String, warehouse: String, pollInterval: TimeInterval = 0.2,
                           timeout: TimeInterval = 600) throws(WorkspaceError) -> (columns: [String], rows: [[String]]) {
        var answer = try post("/api/2.0/sql/statements", body: ["statement": statement, "warehouse_id": warehouse, "wait_timeout": "10s",
                                                                "disposition": "INLINE", "format": "JSON_ARRAY"])
        let start = Date()
        while true {
            let status = answer["status"] as? [String: Any]
            let state = status?["state"] as? String ?? ""
            switch state {
            case "SUCCEEDED":
                let columns = (((answer["manifest"] as? [String: Any])?["schema"] as? [String: Any])?["columns"] as? [[String: Any]] ?? [])
                    .map { $0["name"] as? String ?? "" }
                let rows = ((answer["result"] as? [String: Any])?["data_array"] as? [[Any]] ?? []).map { $0.map { "\($0 is NSNull ? "NULL" : $0)" } }
                return (columns, rows)
            case "FAILED", "CANCELED", "CLOSED":
                let error = status?["error"] as? [String: Any]
                throw .badRequest(code: "STATEMENT_\(state)", message: error?["message"] as? String ?? "the statement \(state.lowercased())")
            default:
                guard Date().timeIntervalSince(start) < timeout, let id = answer["statement_id"] as? String else {
                    throw .gaveUp(after: 1, last: "the statement did not finish in \(Int(timeout)) s")
                }
                Thread.sleep(forTimeInterval: pollInterval)
                answer = try get("/api/2.0/sql/statements/\(id)")
            }
        }
    }

    /// What a workspace path is: `GET /api/2.0/workspace/get-status` (`object_type` NOTEBOOK, FILE,
    /// DIRECTORY, …, `language` of a notebook).
    public func objectStatus(_ path: String) throws(WorkspaceError) -> [String: Any] {
        try get("/api/2.0/workspace/get-status", query: ["path": path])
    }

    /// A notebook's source: `GET /api/2.0/workspace/export` (`SOURCE`, or `JUPYTER` for .ipynb).
    public func exportNotebook(_ path: String, format: String = "SOURCE") throws(WorkspaceError) -> (content: Data, language: String?) {
        let answer = try get("/api/2.0/workspace/export", query: ["path": path, "format": format])
        guard let base64 = answer["content"] as? String, let data = Data(base64Encoded: base64) else {
            throw .invalidResponse("the export of \(path) has no content")
        }
        return (data, answer["file_type"] as? String)
    }
}

extension WorkspaceClient {
    /// Creates a workspace folder and its missing parents: `POST /api/2.0/workspace/mkdirs`.
    public func makeDirectories(_ path: String) throws(WorkspaceError) {
        _ = try post("/api/2.0/workspace/mkdirs", body: ["path": path])
    }

    /// Imports a notebook (`format` SOURCE with its `language`, or JUPYTER) or a file (`format` AUTO),
    /// replacing what is there: `POST /api/2.0/workspace/import`.
    public func importObject(_ path: String, content: Data, format: String, language: String? = nil) throws(WorkspaceError) {
        var body: [String: Any] = ["path": path, "format": format, "overwrite": true, "content": content.base64EncodedString()]
        if let language { body["language"] = language }
        _ = try post("/api/2.0/workspace/import", body: body)
    }

    /// Exports notebooks (or, with another `format` such as AUTO, files) concurrently, at most `limit` requests at a time; `progress` is called (on
    /// one thread at a time) as each finishes with the count done so far. The first error wins.
    public func exportNotebooks(_ paths: [String], limit: Int = 8, format: @escaping @Sendable (String) -> String = { _ in "SOURCE" },
                                progress: (@Sendable (_ done: Int, _ path: String) -> Void)? = nil) throws(WorkspaceError) -> [String: (content: Data, language: String?)] {
        try ConcurrentRequests.run(paths, limit: limit, progress: progress) { path throws(WorkspaceError) in
            try self.exportNotebook(path, format: format(path))
        }
    }
}

private final class ConcurrentResults<Value>: @unchecked Sendable {
    let lock = NSLock()
    var next = 0
    var values: [String: Value] = [:]
    var error: WorkspaceError?
}

/// Runs one request per item, at most `limit` at a time, on threads of their own: blocked GCD workers
/// make libdispatch add threads only about once a second, which would serialize the requests.
public enum ConcurrentRequests {
    /// The results by item; `progress` is called (one call at a time) as each finishes with the count
    /// done so far. The first error wins and stops further requests.
    public static func run<Value>(_ items: [String], limit: Int = 8, progress: (@Sendable (_ done: Int, _ item: String) -> Void)? = nil,
                                  _ request: @escaping @Sendable (String) throws(WorkspaceError) -> Value) throws(WorkspaceError) -> [String: Value] {
        let results = ConcurrentResults<Value>()
        let group = DispatchGroup()
        for _ in 0..<min(max(1, limit), items.count) {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                while true {
                    results.lock.lock()
                    guard results.error == nil, results.next < items.count else { results.lock.unlock(); return }
                    let item = items[results.next]
                    results.next += 1
                    results.lock.unlock()
                    do throws(WorkspaceError) {
                        let value = try request(item)
                        results.lock.lock()
                        results.values[item] = value
                        progress?(results.values.count, item)
                        results.lock.unlock()
                    } catch {
                        results.lock.lock()
                        if results.error == nil { results.error = error }
                        results.lock.unlock()
                    }
                }
            }
        }
        group.wait()
        if let error = results.error { throw error }
        return results.values
    }
}
