import Foundation

/// The built dabrepo as a `Process`, for tests that start, signal or kill it themselves.
public enum DabrepoProcess {
    /// dabrepo with `arguments` in `directory`, not started. `environment` entries are added to (or, with a nil
    /// value, removed from) this process's environment; its standard streams are the null device until the
    /// caller sets them.
    public static func make(_ arguments: [String], in directory: URL, environment extra: [String: String?]) -> Process {
        let process = Process()
        process.executableURL = TestPaths.dabrepoBinary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        for (k, v) in extra { env[k] = v }
        process.environment = env
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        return process
    }
}
