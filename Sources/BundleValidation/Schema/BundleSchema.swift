import Dispatch

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
import Dispatch

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

    /// Starts parsing the shared model on another thread (~1 ms), for a process about to validate: its
    /// other start-up work (arguments, loading files) runs meanwhile, and the first rule that needs the
    /// model waits for the rest, if any.
    public static func prepareInBackground() {
        DispatchQueue.global(qos: .userInitiated).async { _ = shared }
    }

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
        // One pass over the bytes of each text, with no Character-level work: this runs in every
        // command that validates (the pre-commit hook among them), and String's Unicode-aware trimming,
        // prefix checks and character classes made it ~4 ms of each run.
        var parsedFields: [String: [SchemaField]] = [:]
        var includes: [String: [String]] = [:]
        var object: (name: String, fields: [SchemaField], firstLine: Int?)?
        func finishObject() throws {
            guard let current = object else { return }
            guard parsedFields[current.name] == nil else {
                throw ParseError(line: current.firstLine ?? 0, message: "object \(current.name) defined twice")
            }
            parsedFields[current.name] = current.fields
            object = nil
        }
        var lineNumber = 0
        for text in texts {
            var text = text
            try text.withUTF8 { bytes throws in
                var lineStart = 0
                while lineStart <= bytes.count {
                    var lineEnd = lineStart
                    while lineEnd < bytes.count, bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
                    defer { lineStart = lineEnd + 1 }
                    lineNumber += 1
                    var hash: Int?
                    for index in lineStart..<lineEnd where bytes[index] == UInt8(ascii: "#") {
                        hash = index
                        break
                    }
                    let content = Self.trimmed(bytes, lineStart..<(hash ?? lineEnd))
                    if content.isEmpty { continue }
                    if bytes[lineStart] == UInt8(ascii: "o"), Self.has(bytes, content, prefix: "object ") {
                        try finishObject()
                        object = (Self.string(bytes, Self.trimmed(bytes, (content.lowerBound + 7)..<content.upperBound)), [], nil)
                        continue
                    }
                    guard object != nil else { throw ParseError(line: lineNumber, message: "field outside an object") }
                    if object!.firstLine == nil { object!.firstLine = lineNumber }
                    if Self.has(bytes, content, prefix: "...") {
                        includes[object!.name, default: []].append(Self.string(bytes, (content.lowerBound + 3)..<content.upperBound))
                        continue
                    }
                    guard let colon = content.first(where: { bytes[$0] == UInt8(ascii: ":") }) else {
                        throw ParseError(line: lineNumber, message: "expected `name: type`")
                    }
                    var name = Self.trimmed(bytes, content.lowerBound..<colon)
                    var type = Self.trimmed(bytes, (colon + 1)..<content.upperBound)
                    let required = !name.isEmpty && bytes[name.upperBound - 1] == UInt8(ascii: "!")
                    if required { name = name.lowerBound..<(name.upperBound - 1) }
                    let deprecated = Self.has(bytes, type, suffix: " deprecated")
                    if deprecated { type = Self.trimmed(bytes, type.lowerBound..<(type.upperBound - 11)) }
                    // A comment after a field describes it.
                    let comment = hash.map { Self.trimmed(bytes, ($0 + 1)..<lineEnd) }
                    object!.fields.append(SchemaField(
                        name: Self.string(bytes, name), type: try Self.parseType(bytes, type, line: lineNumber),
                        required: required, deprecated: deprecated,
                        description: comment.flatMap { $0.isEmpty ? nil : Self.string(bytes, $0) }))
                }
            }
        }
        try finishObject()
        var resolvedFields: [String: [SchemaField]] = [:]
        func resolved(_ name: String, _ visiting: Set<String>) throws -> [SchemaField] {
            if let done = resolvedFields[name] { return done }
            guard let own = parsedFields[name] else { throw ParseError(line: 0, message: "unknown object \(name)") }
            var all: [SchemaField] = []
            for inc in includes[name] ?? [] {
                guard !visiting.contains(inc) else { throw ParseError(line: 0, message: "include cycle at \(inc)") }
                all += try resolved(inc, visiting.union([inc]))
            }
            all += own
            resolvedFields[name] = all
            return all
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

    /// `range` of `bytes` without the spaces and tabs at either end.
    private static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
        var start = range.lowerBound, end = range.upperBound
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        return start..<end
    }

    private static func has(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, prefix: StaticString) -> Bool {
        guard range.count >= prefix.utf8CodeUnitCount else { return false }
        return (0..<prefix.utf8CodeUnitCount).allSatisfy { bytes[range.lowerBound + $0] == prefix.utf8Start[$0] }
    }

    private static func has(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, suffix: StaticString) -> Bool {
        guard range.count >= suffix.utf8CodeUnitCount else { return false }
        let start = range.upperBound - suffix.utf8CodeUnitCount
        return (0..<suffix.utf8CodeUnitCount).allSatisfy { bytes[start + $0] == suffix.utf8Start[$0] }
    }

    private static func string(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    private static func parseType(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, line: Int) throws -> SchemaType {
        guard let first = range.first.map({ bytes[$0] }) else { throw ParseError(line: line, message: "unknown type ``") }
        let last = bytes[range.upperBound - 1]
        if first == UInt8(ascii: "["), last == UInt8(ascii: "]"), range.count >= 2 {
            return .array(try parseType(bytes, trimmed(bytes, (range.lowerBound + 1)..<(range.upperBound - 1)), line: line))
        }
        if first == UInt8(ascii: "{"), last == UInt8(ascii: "}"), range.count >= 2 {
            return .map(try parseType(bytes, trimmed(bytes, (range.lowerBound + 1)..<(range.upperBound - 1)), line: line))
        }
        if has(bytes, range, prefix: "enum ") {
            var values: [String] = []
            var start = range.lowerBound + 5
            for index in start...range.upperBound where index == range.upperBound || bytes[index] == 0x20 {
                if index > start { values.append(string(bytes, start..<index)) }
                start = index + 1
            }
            guard !values.isEmpty else { throw ParseError(line: line, message: "enum without values") }
            return .enumeration(values)
        }
        let text = string(bytes, range)
        switch text {
        case "string": return .string
        case "int": return .integer
        case "number": return .number
        case "bool": return .boolean
        case "any": return .any
        default: break
        }
        let isLetterOrDigit = { (byte: UInt8) in (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) }
        guard (0x41...0x5A).contains(first), range.allSatisfy({ isLetterOrDigit(bytes[$0]) }) else {
            throw ParseError(line: line, message: "unknown type `\(text)`")
        }
        return .object(text)
    }

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

}

