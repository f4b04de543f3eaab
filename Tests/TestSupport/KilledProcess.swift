import Foundation

/// Runs the built dabrepo killed with SIGKILL: at a fault point (`DABREPO_FAULT_POINT`) or after a
/// delay, as a power loss or `kill -9` would stop it.
public enum KilledProcess {
    /// Runs dabrepo with `arguments`, killed at `faultPoint` or after `delay` microseconds; true when it
    /// died of SIGKILL. `environment` entries are added to (or, with a nil value, removed from) this
    /// process's environment.
    public static func dabrepo(_ arguments: [String], in directory: URL, environment extra: [String: String?],
                               faultPoint: String?, delay: UInt32?) throws -> Bool {
        let process = Process()
        process.executableURL = TestPaths.dabrepoBinary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        for (k, v) in extra { env[k] = v }
        env["DABREPO_FAULT_POINT"] = faultPoint
        process.environment = env
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        let exit = ProcessExit(of: process)
        try process.run()
        if let delay {
            usleep(delay)
            kill(process.processIdentifier, SIGKILL)
        }
        exit.wait()
        return process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL
    }
}
