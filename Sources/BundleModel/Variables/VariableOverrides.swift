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
        // "--var=catalog=x,schema=y": several, as the CLI's string slice splits at commas (a value with a comma
        // stays whole when a piece is no name=value).
        let items = items.flatMap { item -> [String] in
            let pieces = item.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return pieces.count > 1 && pieces.allSatisfy({ piece in piece.firstIndex(of: "=").map { $0 != piece.startIndex } ?? false }) ? pieces : [item]
        }
        for item in items {
            guard let eq = item.firstIndex(of: "="), eq != item.startIndex else { throw AssignmentError(argument: item) }
            let (name, value) = (String(item[..<eq]), String(item[item.index(after: eq)...]))
            // "--var a=one --var a=two": which one was meant is not said (the CLI refuses it too).
            if let earlier = result[name] { throw AssignmentError(argument: item, name: name, earlier: earlier, value: value) }
            result[name] = value
        }
        return result
    }

    public struct AssignmentError: Error, CustomStringConvertible, Sendable {
        public var argument: String
        /// A second value for a name: the name, the value given first and this one.
        public var name: String?
        public var earlier: String?
        public var value: String?

        public init(argument: String, name: String? = nil, earlier: String? = nil, value: String? = nil) {
            (self.argument, self.name, self.earlier, self.value) = (argument, name, earlier, value)
        }

        public var description: String {
            if let name, let earlier, let value {
                return "failed to assign \(value) to \(name): variable has already been assigned value: \(earlier) (give --var \(name)=… once)"
            }
            return "--var expects name=value, got \"\(argument)\" (for example: --var catalog=main)"
        }
    }
}
