import Foundation

/// Runs the built dabrepo killed with SIGKILL: at a fault point (`DABREPO_FAULT_POINT`) or after a
/// delay, as a power loss or `kill -9` would stop it.
public enum KilledProcess {
    /// Runs dabrepo with `arguments`, killed at `faultPoint` or after `delay` microseconds; true when it
    /// died of SIGKILL. `environment` entries are added to (or, with a nil value, removed from) this
    /// process's environment.
    public static func dabrepo(_ arguments: [String], in directory: URL, environment extra: [String: String?],
                               faultPoint: String?, delay: UInt32?) throws -> Bool {
        var extra = extra
        extra["DABREPO_FAULT_POINT"] = faultPoint
        let process = DabrepoProcess.make(arguments, in: directory, environment: extra)
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
