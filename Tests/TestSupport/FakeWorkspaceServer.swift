import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The fake Databricks workspace (Tests/FakeWorkspace/fake_workspace.py) on 127.0.0.1, stopped when released.
public final class FakeWorkspaceServer: @unchecked Sendable {
    let server: LocalServerProcess
    public var process: Process { server.process }
    public var port: Int { server.port }
    public var host: String { server.host }

    public init(state: [String: Any], directory: URL) throws {
        let stateFile = directory.appendingPathComponent("fake-workspace-state.json")
        try JSONSerialization.data(withJSONObject: state).write(to: stateFile)
        server = try LocalServerProcess(script: "Tests/FakeWorkspace/fake_workspace.py", arguments: ["--state", stateFile.path])
    }

    /// Injects a fault: `["path": "/api/2.2/jobs/list", "status": 429, "times": 2, "retry_after": "1"]`.
    public func addFault(_ fault: [String: Any]) throws {
        _ = try request("POST", "/__faults", body: JSONSerialization.data(withJSONObject: fault))
    }

    /// Adds or changes a notebook, as someone editing it in the workspace would.
    public func setNotebook(_ path: String, content: String, language: String = "PYTHON") throws {
        _ = try request("POST", "/__notebooks", body: JSONSerialization.data(withJSONObject: ["path": path, "content": content, "language": language]))
    }

    /// The requests the fake has seen.
    public func requests() throws -> [[String: Any]] {
        let data = try request("GET", "/__requests", body: nil)
        return (try JSONSerialization.jsonObject(with: data) as? [String: Any])?["requests"] as? [[String: Any]] ?? []
    }

    func request(_ method: String, _ path: String, body: Data?) throws -> Data {
        try server.request(method, path, body: body)
    }
}
