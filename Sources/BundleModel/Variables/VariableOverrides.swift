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
        // "--var=catalog=x,schema=y": several, as the CLI's string slice reads its value as one CSV record
        // (pflag's readAsCSV): "a=x,y" is a=x and "y", which is an error there; '"a=x,y"' is one value with a
        // comma. (dabrepo kept "a=x,y" whole and refused the quoted form: CI passed what deploy refused.)
        var pieces: [String] = []
        for item in items {
            guard let record = csvRecord(item) else {
                throw AssignmentError(argument: item, reason: "a double quote that does not enclose the whole of a comma-separated piece")
            }
            pieces += record
        }
        for item in pieces {
            guard let eq = item.firstIndex(of: "="), eq != item.startIndex else {
                throw AssignmentError(argument: item, reason: items.contains(item) ? nil : "unexpected flag value for variable assignment")
            }
            let (name, value) = (String(item[..<eq]), String(item[item.index(after: eq)...]))
            // "--var a=one --var a=two": which one was meant is not said (the CLI refuses it too).
            if let earlier = result[name] { throw AssignmentError(argument: item, name: name, earlier: earlier, value: value) }
            result[name] = value
        }
        return result
    }

    /// One CSV record as Go's encoding/csv reads it (comma separated; a field that starts with a double quote
        /// is quoted, `""` inside it one quote); nil for a quote elsewhere. Empty text is no field at all.
    static func csvRecord(_ text: String) -> [String]? {
        if text.isEmpty { return [] }
        var fields: [String] = []
        var field = ""
        var characters = Array(text)[...]
        while true {
            if characters.first == "\"" {
                characters = characters.dropFirst()
                while true {
                    guard let c = characters.popFirst() else { return nil }
                    if c == "\"" {
                        if characters.first == "\"" { field.append("\""); characters = characters.dropFirst() } else { break }
                    } else {
                        field.append(c)
                    }
                }
                guard characters.isEmpty || characters.first == "," else { return nil }
            } else {
                while let c = characters.first, c != "," {
                    if c == "\"" { return nil }
                    field.append(c)
                    characters = characters.dropFirst()
                }
            }
            fields.append(field)
            field = ""
            guard characters.popFirst() == "," else { return fields }
        }
    }

    public struct AssignmentError: Error, CustomStringConvertible, Sendable {
        public var argument: String
        /// Why the piece is no assignment, when the CLI says so in its own words.
        public var reason: String?
        /// A second value for a name: the name, the value given first and this one.
        public var name: String?
        public var earlier: String?
        public var value: String?

        public init(argument: String, name: String? = nil, earlier: String? = nil, value: String? = nil, reason: String? = nil) {
            (self.argument, self.name, self.earlier, self.value, self.reason) = (argument, name, earlier, value, reason)
        }

        public var description: String {
            if let name, let earlier, let value {
                return "failed to assign \(value) to \(name): variable has already been assigned value: \(earlier) (give --var \(name)=… once)"
            }
            if let reason {
                return "\(reason): \(argument) (--var splits its value at commas, as the Databricks CLI does; quote a value that holds one: --var '\"name=a,b\"')"
            }
            return "--var expects name=value, got \"\(argument)\" (for example: --var catalog=main)"
        }
    }
}
