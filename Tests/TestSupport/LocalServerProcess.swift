import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A test server script (Python) on 127.0.0.1: started with its arguments, its port read from the
/// first line it prints ("PORT <n>"), stopped when released.
public final class LocalServerProcess: @unchecked Sendable {
    public let process = Process()
    public let port: Int
    private let exit: ProcessExit
    public var host: String { "http://127.0.0.1:\(port)" }

    /// Runs `python3 <script> <arguments>` (the script's path relative to the package root).
    public init(script: String, arguments: [String]) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", TestPaths.packageRoot.appendingPathComponent(script).path] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        exit = ProcessExit(of: process)
        try process.run()
        let text = FirstLine.read(out.fileHandleForReading)
        guard let portText = text.split(separator: " ").last?.trimmingCharacters(in: .whitespacesAndNewlines), let port = Int(portText) else {
            process.terminate()
            throw NSError(domain: "LocalServerProcess", code: 1, userInfo: [NSLocalizedDescriptionKey: "\(script) did not start: \(text)"])
        }
        self.port = port
    }

    deinit {
        // SIGKILL: a server started from a task thread inherits its blocked signals, SIGTERM included.
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        exit.wait()
    }

    /// One request to the server (its control endpoints); the body of the answer.
    public func request(_ method: String, _ path: String, body: Data?) throws -> Data {
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
