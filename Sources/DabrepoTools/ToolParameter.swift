import Foundation

/// One argument of a tool, with its JSON schema; arguments are checked against it before anything runs.
public struct ToolParameter: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case string(choices: [String]?)
        case integer(minimum: Int?)
        case boolean
        case strings
        /// An object whose values are strings (job parameters).
        case stringMap
        /// Any JSON object (a job's JSON).
        case object
        /// Any JSON value (a configuration value).
        case any
        /// A list of objects with these fields (structured edits); `required` marks those each needs.
        indirect case objects([ToolParameter])
    }

    public var name: String
    public var kind: Kind
    public var description: String
    public var required: Bool

    public static func string(_ name: String, _ description: String, required: Bool = false, choices: [String]? = nil) -> ToolParameter {
        ToolParameter(name: name, kind: .string(choices: choices), description: description, required: required)
    }

    public static func integer(_ name: String, _ description: String, required: Bool = false, minimum: Int? = nil) -> ToolParameter {
        ToolParameter(name: name, kind: .integer(minimum: minimum), description: description, required: required)
    }

    public static func boolean(_ name: String, _ description: String) -> ToolParameter {
        ToolParameter(name: name, kind: .boolean, description: description, required: false)
    }

    public static func strings(_ name: String, _ description: String, required: Bool = false) -> ToolParameter {
        ToolParameter(name: name, kind: .strings, description: description, required: required)
    }

    public static func stringMap(_ name: String, _ description: String) -> ToolParameter {
        ToolParameter(name: name, kind: .stringMap, description: description, required: false)
    }

    public static func object(_ name: String, _ description: String) -> ToolParameter {
        ToolParameter(name: name, kind: .object, description: description, required: false)
    }

    public static func any(_ name: String, _ description: String) -> ToolParameter {
        ToolParameter(name: name, kind: .any, description: description, required: false)
    }

    public static func objects(_ name: String, _ description: String, fields: [ToolParameter], required: Bool = false) -> ToolParameter {
        ToolParameter(name: name, kind: .objects(fields), description: description, required: required)
    }

    var schema: [String: Any] {
        var schema: [String: Any] = ["description": description]
        switch kind {
        case .string(let choices):
            schema["type"] = "string"
            if let choices { schema["enum"] = choices }
        case .integer(let minimum):
            schema["type"] = "integer"
            if let minimum { schema["minimum"] = minimum }
        case .boolean:
            schema["type"] = "boolean"
        case .strings:
            schema["type"] = "array"
            schema["items"] = ["type": "string"]
        case .stringMap:
            schema["type"] = "object"
            schema["additionalProperties"] = ["type": "string"]
        case .object:
            schema["type"] = "object"
        case .any:
            // Any JSON value: no type constraint.
            break
        case .objects(let fields):
            var properties: [String: Any] = [:]
            for field in fields { properties[field.name] = field.schema }
            var item: [String: Any] = ["type": "object", "properties": properties, "additionalProperties": false]
            let required = fields.filter(\.required).map(\.name)
            if !required.isEmpty { item["required"] = required }
            schema["type"] = "array"
            schema["items"] = item
        }
        return schema
    }

    /// Nil when `value` fits, else what is wrong.
    func problem(with value: Any) -> String? {
        switch kind {
        case .string(let choices):
            guard let text = value as? String else { return "\(name) must be a string" }
            if let choices, !choices.contains(text) { return "\(name) must be one of \(choices.joined(separator: ", ")), not \"\(text)\"" }
            if text.isEmpty { return "\(name) must not be empty" }
        case .integer(let minimum):
            guard let number = Self.integer(value) else { return "\(name) must be an integer" }
            if let minimum, number < minimum { return "\(name) must be at least \(minimum)" }
        case .boolean:
            guard value is Bool else { return "\(name) must be true or false" }
        case .strings:
            guard let items = value as? [Any], items.allSatisfy({ $0 is String }) else { return "\(name) must be an array of strings" }
        case .stringMap:
            guard let map = value as? [String: Any], map.values.allSatisfy({ $0 is String }) else {
                return "\(name) must be an object whose values are strings"
            }
        case .object:
            guard value is [String: Any] else { return "\(name) must be an object" }
        case .any:
            break
        case .objects(let fields):
            guard let items = value as? [Any] else { return "\(name) must be an array of objects" }
            var problems: [String] = []
            for (i, item) in items.enumerated() {
                guard let object = item as? [String: Any] else { problems.append("\(name)[\(i)] must be an object"); continue }
                for key in object.keys.sorted() where !fields.contains(where: { $0.name == key }) {
                    problems.append("\(name)[\(i)] has an unknown field \(key) (its fields: \(fields.map(\.name).joined(separator: ", ")))")
                }
                for field in fields {
                    guard let fieldValue = object[field.name], !(fieldValue is NSNull) || field.kind == .any else {
                        if field.required { problems.append("\(name)[\(i)].\(field.name) is required: \(field.description.trimmingCharacters(in: CharacterSet(charactersIn: ".")))") }
                        continue
                    }
                    if let problem = field.problem(with: fieldValue) { problems.append("\(name)[\(i)]." + problem) }
                }
            }
            return problems.isEmpty ? nil : problems.joined(separator: "; ")
        }
        return nil
    }

    /// An integer given as a JSON number (5 or 5.0), not a boolean.
    static func integer(_ value: Any) -> Int? {
        if value is Bool { return nil }
        if let int = value as? Int { return int }
        if let double = value as? Double, double == double.rounded(), abs(double) < 1e15 { return Int(double) }
        return nil
    }
}

/// Tool arguments after they were checked against the schema. Values are plain Swift JSON values
/// (String, Int, Double, Bool, [Any], [String: Any]), as `JSONValue.plain` makes them.
public struct ToolArguments: @unchecked Sendable {
    public let values: [String: Any]

    /// Checks `values` against the parameters: required ones present, types right, nothing unknown.
    public init(_ values: [String: Any], for tool: ToolDefinition) throws(ToolCallError) {
        let parameters = tool.allParameters
        var problems: [String] = []
        for key in values.keys.sorted() where !parameters.contains(where: { $0.name == key }) {
            let known = parameters.map(\.name)
            problems.append("unknown argument \(key)" + (known.isEmpty ? " (\(tool.name) takes none)" : " (\(tool.name) takes \(known.joined(separator: ", ")))"))
        }
        for parameter in parameters {
            guard let value = values[parameter.name], !(value is NSNull) else {
                if parameter.required { problems.append("\(parameter.name) is required: \(parameter.description.trimmingCharacters(in: CharacterSet(charactersIn: ".")))") }
                continue
            }
            if let problem = parameter.problem(with: value) { problems.append(problem) }
        }
        guard problems.isEmpty else {
            throw ToolCallError("bad arguments for \(tool.name): " + problems.joined(separator: "; "), problems: problems)
        }
        self.values = values.filter { !($0.value is NSNull) }
    }

    public func string(_ name: String) -> String? { values[name] as? String }
    public func int(_ name: String) -> Int? { values[name].flatMap(ToolParameter.integer) }
    public func bool(_ name: String) -> Bool { values[name] as? Bool ?? false }
    public func strings(_ name: String) -> [String] { values[name] as? [String] ?? [] }
    public func stringMap(_ name: String) -> [String: String] { values[name] as? [String: String] ?? [:] }
    public func object(_ name: String) -> [String: Any]? { values[name] as? [String: Any] }

    /// `[flag, value]` when the argument is given.
    public func option(_ flag: String, _ name: String) -> [String] {
        if let text = string(name) { return [flag, text] }
        if let number = int(name) { return [flag, String(number)] }
        return []
    }

    /// `[flag]` when the boolean argument is true.
    public func flag(_ flag: String, _ name: String) -> [String] { bool(name) ? [flag] : [] }
}
