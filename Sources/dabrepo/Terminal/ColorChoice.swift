import ArgumentParser
import BundleModel
import Foundation

/// `--color auto|always|never`: auto colours only a terminal, and never when `NO_COLOR` is set.
enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never

    func enabled(for handle: Int32 = STDOUT_FILENO) -> Bool {
        switch self {
        case .always: return true
        case .never: return false
        case .auto:
            if let noColor = EnvironmentSetting.value("NO_COLOR"), !noColor.isEmpty { return false }
            if EnvironmentSetting.value("TERM") == "dumb" { return false }
            return isatty(handle) == 1
        }
    }
}
