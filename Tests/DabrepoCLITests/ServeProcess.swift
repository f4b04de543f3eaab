import Foundation
import TestSupport

/// `dabrepo serve --port 0` running on a bundle: the address from the first line it prints, a client
/// holding its token, stopped (SIGINT, as Ctrl-C) when released.
final class ServeProcess {
    let process = Process()
    let url: String
    let port: Int
    let token: String?
    private let errorFile: URL

    struct Failure: Error, CustomStringConvertible { var description: String }

    init(bundle: URL, arguments: [String] = [], environment: [String: String?]) throws {
        process.executableURL = TestPaths.dabrepoBinary
        process.arguments = ["serve", "--port", "0"] + arguments
        process.currentDirectoryURL = bundle
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let out = Pipe()
        errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("serve-\(UUID().uuidString).err")
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        process.standardOutput = out
        process.standardError = try FileHandle(forWritingTo: errorFile)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let first = FirstLine.read(out.fileHandleForReading)
        if first.hasPrefix("{") {
            let object = (try? JSONSerialization.jsonObject(with: Data(first.utf8))) as? [String: Any] ?? [:]
            url = object["url"] as? String ?? ""
        } else {
            url = first
        }
        guard let components = URLComponents(string: url), let port = components.port else {
            process.terminate()
            throw Failure(description: "dabrepo serve did not print its address: \(first)")
        }
        self.port = port
        token = components.queryItems?.first { $0.name == "token" }?.value
        self.firstLine = first
    }

    let firstLine: String

    var client: RawHTTPClient { RawHTTPClient(port: port, token: token) }

    var standardError: String { (try? String(contentsOf: errorFile, encoding: .utf8)) ?? "" }

    /// Ctrl-C: waits for the exit; returns the exit status.
    @discardableResult
    func interrupt() -> Int32 {
        if process.isRunning { kill(process.processIdentifier, SIGINT) }
        process.waitUntilExit()
        return process.terminationStatus
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: errorFile)
    }
}
