import BundleModel
import BundleValidation

/// What dabrepo's schema model (`BundleSchema`) says about a configuration path: the type there, and
/// for a key it does not know, the nearest ones it does.
public struct FieldCatalog: Sendable {
    public let schema: BundleSchema

    public init(schema: BundleSchema = .shared) {
        self.schema = schema
    }

    /// Where a path leads in the schema.
    public enum Lookup: Sendable, Equatable {
        case type(SchemaType)
        /// The component at `index` is a key the object type `object` does not have.
        case unknownKey(index: Int, key: String, object: String)
        /// The component at `index` does not fit the type before it (a key into a list, a position in a
        /// mapping, anything below a scalar).
        case mismatch(index: Int, type: SchemaType)
    }

    /// The schema type at `path` (`Root` for the empty path).
    public func lookup(_ path: ConfigurationPath) -> Lookup {
        var type = SchemaType.object(BundleSchema.rootName)
        for (i, component) in path.components.enumerated() {
            switch (type, component) {
            case (.any, _):
                return .type(.any)
            case (.object(let name), .key(let key)):
                guard let object = schema[name] else { return .type(.any) }
                guard let field = object.fieldsByName[key] else { return .unknownKey(index: i, key: key, object: name) }
                type = field.type
            case (.map(let value), .key):
                type = value
            case (.array(let element), .index), (.array(let element), .identity):
                type = element
            default:
                return .mismatch(index: i, type: type)
            }
        }
        return .type(type)
    }

    /// The schema type at `path`, nil when the path leaves the schema.
    public func type(at path: ConfigurationPath) -> SchemaType? {
        if case .type(let t) = lookup(path) { return t }
        return nil
    }

    /// The object type at `path`, when there is one.
    public func object(at path: ConfigurationPath) -> ObjectSchema? {
        if case .object(let name)? = type(at: path) { return schema[name] }
        return nil
    }

    /// Known (not deprecated) field names of `object` nearest to `key`: close by edit distance, or
    /// sharing its stem; the closest first.
    public func nearestFields(to key: String, in object: ObjectSchema, limit: Int = 5) -> [String] {
        let lower = key.lowercased()
        let budget = max(2, key.count / 2)
        var scored: [(String, Int)] = []
        for field in object.fields where !field.deprecated && field.name != key {
            let name = field.name.lowercased()
            let distance = Suggestion.distance(lower, name)
            let sharesStem = min(name.count, lower.count) >= 3 && (name.contains(lower) || lower.contains(name))
            if distance <= budget || sharesStem { scored.append((field.name, sharesStem ? min(distance, budget) : distance)) }
        }
        return scored.sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }.prefix(limit).map(\.0)
    }

    /// Nearest valid names for the unknown key at the end of `path` (a finding's path), if its
    /// parent is an object type.
    public func suggestions(forUnknownKeyAt path: ConfigurationPath) -> [String] {
        guard let key = path.key(at: path.count - 1), let parent = object(at: path.prefix(path.count - 1)) else { return [] }
        return nearestFields(to: key, in: parent)
    }
}
