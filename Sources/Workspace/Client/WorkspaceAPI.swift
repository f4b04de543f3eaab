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

    /// A notebook's source: `GET /api/2.0/workspace/export` (`SOURCE`, or `JUPYTER` for .ipynb).
    public func exportNotebook(_ path: String, format: String = "SOURCE") throws(WorkspaceError) -> (content: Data, language: String?) {
        let answer = try get("/api/2.0/workspace/export", query: ["path": path, "format": format])
        guard let base64 = answer["content"] as? String, let data = Data(base64Encoded: base64) else {
            throw .invalidResponse("the export of \(path) has no content")
        }
        return (data, answer["file_type"] as? String)
    }
}
