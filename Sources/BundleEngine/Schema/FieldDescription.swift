import BundleModel
import BundleValidation

/// What `describe_fields` returns: the type at a configuration path in dabrepo's schema model and
/// the fields allowed there, so that nobody has to guess a key name.
public struct FieldDescription: Codable, Sendable, Equatable {
    /// One field of an object type.
    public struct Field: Codable, Sendable, Equatable {
        public var name: String
        /// `string`, `integer`, `number`, `boolean`, `any`, an object type name (`ClusterSpec`),
        /// `sequence of Task`, `mapping of string`, or `one of A, B`.
        public var type: String
        public var required: Bool
        public var deprecated: Bool?
        /// The values an enumeration allows.
        public var values: [String]?
        /// What the field is for, where dabrepo's model says.
        public var description: String?
    }

    public var path: String
    /// The type at the path, in the notation of `Field.type`.
    public var type: String
    /// For a list (`sequence of T`) or a mapping of named entries (`mapping of T`, such as
    /// `resources.jobs`): the type of each entry, whose fields `fields` lists.
    public var entryType: String?
    /// The fields of the object type at the path (or of each entry), in the order they are documented.
    public var fields: [Field]?
    /// The values an enumeration at the path allows.
    public var values: [String]?
    /// How to read the result, in one sentence.
    public var note: String

    enum CodingKeys: String, CodingKey {
        case path, type, fields, values, note
        case entryType = "entry_type"
    }
}

extension FieldCatalog {
    /// The fields allowed at `path` (the empty path: the top level of databricks.yml). Any key stands
    /// for a named entry: `resources.jobs.x.tasks[0].new_cluster` describes a task's cluster.
    public func describe(_ text: String) throws(EngineError) -> FieldDescription {
        let path: ConfigurationPath
        do { path = try ConfigurationPath(parsing: text) } catch { throw EngineError(.usage, error.description) }
        switch lookup(path) {
        case .unknownKey(let index, let key, let objectName):
            let parent = path.prefix(index)
            let near = schema[objectName].map { nearestFields(to: key, in: $0) } ?? []
            throw EngineError(.notFound, "\(path.prefix(index + 1)) is not a field dabrepo knows: \(parent.isEmpty ? "the top level" : parent.description) (\(objectName)) has no \(key)"
                + (near.isEmpty ? "" : "; nearest: \(near.joined(separator: ", "))") + "; describe \(parent.isEmpty ? "the top level (path \"\")" : parent.description) for all its fields")
        case .mismatch(let index, let type):
            throw EngineError(.usage, "\(path.prefix(index)) is \(Self.article(type)), so \(path.prefix(index + 1)) cannot be below it")
        case .type(let type):
            var description = FieldDescription(path: path.description, type: Self.name(type), entryType: nil, fields: nil, values: nil, note: "")
            var shown = type
            switch type {
            case .array(let element), .map(let element):
                description.entryType = Self.name(element)
                shown = element
            default:
                break
            }
            switch shown {
            case .object(let name):
                description.fields = schema[name]?.fields.map(field)
            case .enumeration(let values):
                description.values = values
            default:
                break
            }
            description.note = note(type, path: path)
            return description
        }
    }

    func field(_ field: SchemaField) -> FieldDescription.Field {
        var values: [String]?
        if case .enumeration(let v) = field.type { values = v }
        return FieldDescription.Field(name: field.name, type: Self.name(field.type), required: field.required,
                                      deprecated: field.deprecated ? true : nil, values: values, description: field.description)
    }

    func note(_ type: SchemaType, path: ConfigurationPath) -> String {
        switch type {
        case .object(let name): return "\(path.isEmpty ? "The top level" : path.description) is \(name): a mapping of the fields listed; required ones are marked."
        case .map(let element): return "\(path.description) maps names of your choice to \(Self.article(element)); the fields are those of each entry."
        case .array(let element): return "\(path.description) is a list of \(Self.name(element)); the fields are those of each entry (address one as [N] or [field=value])."
        case .enumeration(let values): return "\(path.description) takes one of: \(values.joined(separator: ", "))."
        case .any: return "\(path.description) takes any value; dabrepo does not model its fields."
        default: return "\(path.description) is \(Self.article(type))."
        }
    }

    static func name(_ type: SchemaType) -> String {
        if case .enumeration = type { return "string (enumeration)" }
        return type.description
    }

    static func article(_ type: SchemaType) -> String {
        switch type {
        case .integer: return "an integer"
        case .any: return "any value"
        case .object(let name): return "a \(name)"
        case .array(let t): return "a list of \(name(t))"
        case .map(let t): return "a mapping of \(name(t))"
        case .enumeration: return "an enumeration"
        default: return "a \(type.description)"
        }
    }
}
