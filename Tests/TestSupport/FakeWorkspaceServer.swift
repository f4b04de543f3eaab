import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The fake Databricks workspace (Tests/FakeWorkspace/fake_workspace.py) on 127.0.0.1, stopped when released.
public final class FakeWorkspaceServer: @unchecked Sendable {
    public let process = Process()
    public let port: Int
    public var host: String { "http://127.0.0.1:\(port)" }

    public init(state: [String: Any], directory: URL) throws {
        let stateFile = directory.appendingPathComponent("fake-workspace-state.json")
        try JSONSerialization.data(withJSONObject: state).write(to: stateFile)
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", TestPaths.packageRoot.appendingPathComponent("Tests/FakeWorkspace/fake_workspace.py").path,
                             "--state", stateFile.path]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        // The first line says where it listens.
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let text = String(decoding: line, as: UTF8.self)
        guard let portText = text.split(separator: " ").last?.trimmingCharacters(in: .whitespacesAndNewlines), let port = Int(portText) else {
            process.terminate()
            throw NSError(domain: "FakeWorkspaceServer", code: 1, userInfo: [NSLocalizedDescriptionKey: "the fake workspace did not start: \(text)"])
        }
        self.port = port
    }

    deinit {
        process.terminate()
        process.waitUntilExit()
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
        var request = URLRequest(url: URL(string: host + path)!)
        request.httpMethod = method
        request.httpBody = body
        final class Box: @unchecked Sendable { var data = Data(); var error: Error? }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        URLSession.shared.dataTask(with: request) { data, _, error in
            box.data = data ?? Data()
            box.error = error
            done.signal()
        }.resume()
        done.wait()
        if let error = box.error { throw error }
        return box.data
    }
}
