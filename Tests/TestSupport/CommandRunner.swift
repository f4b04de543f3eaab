import Foundation

/// The outcome of running a program.
public struct CommandResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
    public var seconds: Double
}

/// Runs programs (the built dabrepo binary, git) the way a user would from a shell.
public enum CommandRunner {
    /// Runs `dabrepo` with arguments in a directory; `environment` entries are added to (or, with
    /// a nil value, removed from) the test process's environment.
    public static func dabrepo(_ arguments: [String], in directory: URL? = nil,
                               environment: [String: String?] = [:], stdin: Data? = nil) throws -> CommandResult {
        try run(TestPaths.dabrepoBinary, arguments, in: directory, environment: environment, stdin: stdin)
    }

    public static func run(_ executable: URL, _ arguments: [String], in directory: URL? = nil,
                           environment: [String: String?] = [:], stdin: Data? = nil) throws -> CommandResult {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        let exit = ProcessExit(of: process)
        let start = Date()
        try process.run()
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try input.fileHandleForWriting.close()
        // Read both pipes concurrently so a large output cannot block the child.
        nonisolated(unsafe) var errData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        exit.wait()
        return CommandResult(status: process.terminationStatus,
                             stdout: String(decoding: outData, as: UTF8.self),
                             stderr: String(decoding: errData, as: UTF8.self),
                             seconds: Date().timeIntervalSince(start))
    }
}
