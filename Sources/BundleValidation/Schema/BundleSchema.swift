/// dabrepo's typed model of bundle configuration, written from the Databricks REST API documentation
/// (Jobs, Pipelines, Clusters, Unity Catalog, ...) in a small text notation, one file per area under
/// `Definitions/`:
///
/// ```
/// object Task                 # an object type
///   task_key!: string         # `!` marks a required field
///   depends_on: [TaskDependency]
///   tags: {string}            # a mapping of string values
///   run_if: enum ALL_SUCCESS ALL_DONE
///   ...TaskCommon             # include the fields of another object type
///   old_field: string deprecated
///   timeout_seconds: int      # a comment after a field is its description (describe_fields shows it)
/// ```
///
/// Types: `string`, `int`, `number`, `bool`, `any`, `[T]`, `{T}`, `enum A B`, or an object name.
public struct BundleSchema: Sendable {
    public var objects: [String: ObjectSchema]
    public static let rootName = "Root"

    /// The model, parsed once.
    public static let shared: BundleSchema = {
        do {
            return try BundleSchema(parsing: SchemaDefinitions.all)
        } catch {
            fatalError("dabrepo's built-in schema does not parse: \(error)")
        }
    }()

    public var root: ObjectSchema { objects[Self.rootName]! }

    public subscript(name: String) -> ObjectSchema? { objects[name] }

    /// The object type of resources of a kind (`jobs` → `Job`), if modelled.
    public func resourceType(_ plural: String) -> SchemaType? {
        objects["Resources"]?.fieldsByName[plural].flatMap { field in
            if case .map(let t) = field.type { return t }
            return nil
        }
    }

    public struct ParseError: Error, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "schema line \(line): \(message)" }
    }

    public init(parsing texts: [String]) throws {
        var raw: [(name: String, lines: [(Int, String, String?)])] = []
        var lineNumber = 0
        // Byte-level line handling: this runs at every start of dabrepo.
        for text in texts {
            for bytes in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
                lineNumber += 1
                let hash = bytes.firstIndex(of: UInt8(ascii: "#"))
                let content = hash.map { bytes[..<$0] } ?? bytes[...]
                let trimmed = Self.trim(Substring(content))
                if trimmed.isEmpty { continue }
                if trimmed.utf8.starts(with: "object ".utf8), content.first == UInt8(ascii: "o") {
                    raw.append((Self.trim(trimmed.dropFirst("object ".count)), []))
                } else {
                    guard !raw.isEmpty else { throw ParseError(line: lineNumber, message: "field outside an object") }
                    // A comment after a field describes it.
                    let comment = hash.map { Self.trim(Substring(bytes[bytes.index(after: $0)...])) }
                    raw[raw.count - 1].lines.append((lineNumber, trimmed, comment?.isEmpty == false ? comment : nil))
                }
            }
        }
        var parsedFields: [String: [SchemaField]] = [:]
        var includes: [String: [String]] = [:]
        for (name, lines) in raw {
            guard parsedFields[name] == nil else { throw ParseError(line: lines.first?.0 ?? 0, message: "object \(name) defined twice") }
            var fields: [SchemaField] = []
            for (n, line, comment) in lines {
                if line.hasPrefix("...") {
                    includes[name, default: []].append(String(line.dropFirst(3)))
                    continue
                }
                guard let colon = line.firstIndex(of: ":") else { throw ParseError(line: n, message: "expected `name: type`") }
                var fieldName = Self.trim(line[..<colon])
                var typeText = Self.trim(line[line.index(after: colon)...])
                let required = fieldName.hasSuffix("!")
                if required { fieldName.removeLast() }
                var deprecated = false
                if typeText.hasSuffix(" deprecated") {
                    deprecated = true
                    typeText = Self.trim(typeText.dropLast(" deprecated".count))
                }
                let type = try Self.parseType(typeText, line: n)
                fields.append(SchemaField(name: fieldName, type: type, required: required, deprecated: deprecated, description: comment))
            }
            parsedFields[name] = fields
        }
        func resolved(_ name: String, _ visiting: Set<String>) throws -> [SchemaField] {
            guard let own = parsedFields[name] else { throw ParseError(line: 0, message: "unknown object \(name)") }
            var all: [SchemaField] = []
            for inc in includes[name] ?? [] {
                guard !visiting.contains(inc) else { throw ParseError(line: 0, message: "include cycle at \(inc)") }
                all += try resolved(inc, visiting.union([inc]))
            }
            return all + own
        }
        var objects: [String: ObjectSchema] = [:]
        for name in parsedFields.keys {
            objects[name] = ObjectSchema(name: name, fields: try resolved(name, [name]))
        }
        for object in objects.values {
            for field in object.fields {
                try Self.checkReferences(field.type, in: objects, context: "\(object.name).\(field.name)")
            }
        }
        guard objects[Self.rootName] != nil else { throw ParseError(line: 0, message: "no object \(Self.rootName)") }
        self.objects = objects
    }

    /// Without Foundation: this runs at every start of dabrepo.
    static func trim(_ text: Substring) -> String {
        let utf8 = text.utf8
        var start = utf8.startIndex, end = utf8.endIndex
        while start < end, utf8[start] == 0x20 || utf8[start] == 0x09 { start = utf8.index(after: start) }
        while end > start {
            let before = utf8.index(before: end)
            guard utf8[before] == 0x20 || utf8[before] == 0x09 else { break }
            end = before
        }
        return String(text[start..<end])
    }

    static func trim(_ text: String) -> String { trim(text[...]) }

    static func checkReferences(_ type: SchemaType, in objects: [String: ObjectSchema], context: String) throws {
        switch type {
        case .object(let name):
            if objects[name] == nil { throw ParseError(line: 0, message: "\(context) refers to undefined object \(name)") }
        case .array(let t), .map(let t):
            try checkReferences(t, in: objects, context: context)
        default:
            break
        }
    }

    static func parseType(_ text: String, line: Int) throws -> SchemaType {
        switch text {
        case "string": return .string
        case "int": return .integer
        case "number": return .number
        case "bool": return .boolean
        case "any": return .any
        default: break
        }
        if text.hasPrefix("[") && text.hasSuffix("]") {
            return .array(try parseType(Self.trim(text.dropFirst().dropLast()), line: line))
        }
        if text.hasPrefix("{") && text.hasSuffix("}") {
            return .map(try parseType(Self.trim(text.dropFirst().dropLast()), line: line))
        }
        if text.hasPrefix("enum ") {
            let values = text.dropFirst(5).split(separator: " ").map(String.init)
            guard !values.isEmpty else { throw ParseError(line: line, message: "enum without values") }
            return .enumeration(values)
        }
        guard let first = text.first, first.isUppercase, text.allSatisfy({ $0.isLetter || $0.isNumber }) else {
            throw ParseError(line: line, message: "unknown type `\(text)`")
        }
        return .object(text)
    }
}

