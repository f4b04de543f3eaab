import Foundation

/// Variable values given from outside the bundle files: `--var name=value` and `BUNDLE_VAR_name`.
public struct VariableOverrides: Sendable {
    public var commandLine: [String: String]
    public var environment: [String: String]

    public init(commandLine: [String: String] = [:], environment: [String: String] = [:]) {
        self.commandLine = commandLine
        self.environment = environment
    }

    /// Picks the `BUNDLE_VAR_*` entries out of a process environment.
    public static func from(commandLine: [String: String], processEnvironment: [String: String]) -> VariableOverrides {
        var env: [String: String] = [:]
        for (k, v) in processEnvironment where k.hasPrefix("BUNDLE_VAR_") {
            env[String(k.dropFirst("BUNDLE_VAR_".count))] = v
        }
        return VariableOverrides(commandLine: commandLine, environment: env)
    }

    /// This process's `BUNDLE_VAR_*` values: what every check of the bundle uses as `validate` does
    /// (a revision, an edit, the pre-commit hook), so that a value set there is no error here.
    public static var processEnvironment: VariableOverrides {
        from(commandLine: [:], processEnvironment: ProcessInfo.processInfo.environment)
    }

    /// Parses `name=value` arguments of `--var`.
    public static func parseAssignments(_ items: [String]) throws(AssignmentError) -> [String: String] {
        var result: [String: String] = [:]
        for item in items {
            guard let eq = item.firstIndex(of: "="), eq != item.startIndex else { throw AssignmentError(argument: item) }
            result[String(item[..<eq])] = String(item[item.index(after: eq)...])
        }
        return result
    }

    public struct AssignmentError: Error, CustomStringConvertible, Sendable {
        public var argument: String
        public var description: String { "--var expects name=value, got \"\(argument)\" (for example: --var catalog=main)" }
    }
}
