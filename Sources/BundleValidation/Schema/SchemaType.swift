/// The type of a configuration value in dabrepo's model of bundle configuration.
public indirect enum SchemaType: Sendable, Equatable, CustomStringConvertible {
    case string
    case integer
    case number
    case boolean
    /// Anything goes (free-form values such as `spark_conf` entries or a variable's default).
    case any
    case enumeration([String])
    case array(SchemaType)
    /// A mapping from any key to values of one type (`tags`, `resources.jobs`).
    case map(SchemaType)
    /// A named object type, defined in `BundleSchema`.
    case object(String)

    public var description: String {
        switch self {
        case .string: return "string"
        case .integer: return "integer"
        case .number: return "number"
        case .boolean: return "boolean"
        case .any: return "any"
        case .enumeration(let values): return "one of " + values.joined(separator: ", ")
        case .array(let t): return "sequence of \(t)"
        case .map(let t): return "mapping of \(t)"
        case .object(let name): return name
        }
    }
}

/// One field of an object type.
public struct SchemaField: Sendable {
    public var name: String
    public var type: SchemaType
    public var required: Bool
    public var deprecated: Bool
    /// What the field is for, when the model describes it.
    public var description: String? = nil
}

/// An object type: its fields in the order they are documented.
public struct ObjectSchema: Sendable {
    public var name: String
    public var fields: [SchemaField]
    public var fieldsByName: [String: SchemaField]

    public init(name: String, fields: [SchemaField]) {
        self.name = name
        self.fields = fields
        self.fieldsByName = Dictionary(fields.map { ($0.name, $0) }, uniquingKeysWith: { _, b in b })
    }

    public var required: [SchemaField] { fields.filter(\.required) }
}
