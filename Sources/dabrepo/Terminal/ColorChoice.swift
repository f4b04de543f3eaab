import ArgumentParser
import Foundation

/// `--color auto|always|never`: auto colours only a terminal, and never when `NO_COLOR` is set.
enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never

    func enabled(for handle: Int32 = STDOUT_FILENO) -> Bool {
        switch self {
        case .always: return true
        case .never: return false
        case .auto:
            let env = ProcessInfo.processInfo.environment
            if let noColor = env["NO_COLOR"], !noColor.isEmpty { return false }
            if env["TERM"] == "dumb" { return false }
            return isatty(handle) == 1
        }
    }
}
