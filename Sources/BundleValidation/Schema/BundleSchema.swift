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
import Synchronization

public struct BundleSchema: Sendable {
    public static let rootName = "Root"
    private let store: Store

    /// The built-in model. Its objects are parsed when first looked up, so a small bundle pays for the
    /// few types it uses (~0.3 ms for a one-job bundle, against ~2 ms for all ~180); a test parses all
    /// of it with `init(parsing:)`, which checks every definition.
    public static let shared: BundleSchema = {
        do {
            return BundleSchema(store: try Store(indexing: SchemaDefinitions.all))
        } catch {
            fatalError("dabrepo's built-in schema does not parse: \(error)")
        }
    }()

    /// Indexes the shared model on another thread, for a process about to validate: its other start-up
    /// work (arguments, loading files) runs meanwhile.
    public static func prepareInBackground() {
        DispatchQueue.global(qos: .userInitiated).async { _ = shared }
    }

    private init(store: Store) { self.store = store }

    /// The model of `texts` in the notation above, every object parsed and checked now: an error names
    /// the line of the definition.
    public init(parsing texts: [String]) throws {
        let store = try Store(indexing: texts)
        for name in store.names { _ = try store.object(name) }
        guard store.definitions[Self.rootName] != nil else { throw ParseError(line: 0, message: "no object \(Self.rootName)") }
        self.store = store
    }

    /// Every object type, by name.
    public var objects: [String: ObjectSchema] {
        Dictionary(uniqueKeysWithValues: store.names.compactMap { name in self[name].map { (name, $0) } })
    }

    public var root: ObjectSchema { self[Self.rootName]! }

    public subscript(name: String) -> ObjectSchema? {
        do {
            return try store.object(name)
        } catch {
            fatalError("dabrepo's built-in schema does not parse: \(error)")
        }
    }

    /// The object type of resources of a kind (`jobs` → `Job`), if modelled.
    public func resourceType(_ plural: String) -> SchemaType? {
        self["Resources"]?.fieldsByName[plural].flatMap { field in
            if case .map(let t) = field.type { return t }
            return nil
        }
    }

    public struct ParseError: Error, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "schema line \(line): \(message)" }
    }

    /// The definition texts, where each object is defined in them, and the objects parsed so far.
    /// Parsing reads bytes, with no Character-level work: this runs in every command that validates (the
    /// pre-commit hook among them), and String's Unicode-aware trimming, prefix checks and character
    /// classes made it ~4 ms of each run.
    private final class Store: Sendable {
        struct Definition {
            let text: Int
            /// The lines after `object NAME`, up to the next object.
            let body: Range<Int>
            /// The number of the line after `object NAME`.
            let bodyLine: Int
        }

        let texts: [[UInt8]]
        /// In the order of the texts.
        let names: [String]
        let definitions: [String: Definition]
        private let parsed = Mutex<[String: ObjectSchema]>([:])

        /// Finds every `object NAME` line; a field outside an object or an object defined twice is an error.
        init(indexing texts: [String]) throws {
            self.texts = texts.map { Array($0.utf8) }
            var names: [String] = []
            var definitions: [String: Definition] = [:]
            var textLine = 1  // the number of each text's first line: the texts are numbered as one
            for (index, text) in self.texts.enumerated() {
                try text.withUnsafeBufferPointer { bytes throws in
                    var current: (name: String, bodyStart: Int, bodyLine: Int, firstLine: Int?)?
                    func finish(at end: Int) throws {
                        guard let object = current else { return }
                        guard definitions[object.name] == nil else {
                            throw ParseError(line: object.firstLine ?? 0, message: "object \(object.name) defined twice")
                        }
                        names.append(object.name)
                        definitions[object.name] = Definition(text: index, body: object.bodyStart..<end, bodyLine: object.bodyLine)
                    }
                    try Store.forEachLine(bytes, 0..<bytes.count, firstLine: textLine) { line, content, _, number in
                        if bytes[line.lowerBound] == UInt8(ascii: "o"), BundleSchema.has(bytes, content, prefix: "object ") {
                            try finish(at: line.lowerBound)
                            let name = BundleSchema.string(bytes, BundleSchema.trimmed(bytes, (content.lowerBound + 7)..<content.upperBound))
                            current = (name, min(line.upperBound + 1, bytes.count), number + 1, nil)
                        } else if current == nil {
                            throw ParseError(line: number, message: "field outside an object")
                        } else if current!.firstLine == nil {
                            current!.firstLine = number
                        }
                    }
                    try finish(at: bytes.count)
                }
                textLine += text.count(where: { $0 == UInt8(ascii: "\n") }) + 1
            }
            (self.names, self.definitions) = (names, definitions)
        }

        /// The object `name` with the fields it includes, parsed now unless it was before; nil when no
        /// object has that name.
        func object(_ name: String) throws -> ObjectSchema? {
            guard definitions[name] != nil else { return nil }
            return try object(name, visiting: [name])
        }

        /// The object, from the cache or built and kept (an included object is kept too, so the common
        /// ones such as TaskCommon are parsed once); `visiting` holds the objects including it.
        private func object(_ name: String, visiting: Set<String>) throws -> ObjectSchema {
            if let done = parsed.withLock({ $0[name] }) { return done }
            let object = try build(name, visiting: visiting)
            return parsed.withLock { cache in
                if let earlier = cache[name] { return earlier }
                cache[name] = object
                return object
            }
        }

        private func build(_ name: String, visiting: Set<String>) throws -> ObjectSchema {
            let (own, includes) = try parseBody(of: name)
            var fields: [SchemaField] = []
            for include in includes {
                guard !visiting.contains(include) else { throw ParseError(line: 0, message: "include cycle at \(include)") }
                guard definitions[include] != nil else { throw ParseError(line: 0, message: "unknown object \(include)") }
                fields += try object(include, visiting: visiting.union([include])).fields
            }
            for field in own {
                try checkReferences(field.type, context: "\(name).\(field.name)")
            }
            return ObjectSchema(name: name, fields: fields + own)
        }

        /// An object's own fields and the names it includes (`...Name`), in order.
        private func parseBody(of name: String) throws -> (fields: [SchemaField], includes: [String]) {
            let definition = definitions[name]!
            var fields: [SchemaField] = []
            var includes: [String] = []
            try texts[definition.text].withUnsafeBufferPointer { bytes throws in
                try Store.forEachLine(bytes, definition.body, firstLine: definition.bodyLine) { _, content, comment, number in
                    if BundleSchema.has(bytes, content, prefix: "...") {
                        includes.append(BundleSchema.string(bytes, (content.lowerBound + 3)..<content.upperBound))
                        return
                    }
                    guard let colon = content.first(where: { bytes[$0] == UInt8(ascii: ":") }) else {
                        throw ParseError(line: number, message: "expected `name: type`")
                    }
                    var fieldName = BundleSchema.trimmed(bytes, content.lowerBound..<colon)
                    var type = BundleSchema.trimmed(bytes, (colon + 1)..<content.upperBound)
                    let required = !fieldName.isEmpty && bytes[fieldName.upperBound - 1] == UInt8(ascii: "!")
                    if required { fieldName = fieldName.lowerBound..<(fieldName.upperBound - 1) }
                    let deprecated = BundleSchema.has(bytes, type, suffix: " deprecated")
                    if deprecated { type = BundleSchema.trimmed(bytes, type.lowerBound..<(type.upperBound - 11)) }
                    fields.append(SchemaField(
                        name: BundleSchema.string(bytes, fieldName), type: try BundleSchema.parseType(bytes, type, line: number),
                        required: required, deprecated: deprecated,
                        // A comment after a field describes it.
                        description: comment.flatMap { $0.isEmpty ? nil : BundleSchema.string(bytes, $0) }))
                }
            }
            return (fields, includes)
        }

        private func checkReferences(_ type: SchemaType, context: String) throws {
            switch type {
            case .object(let name):
                if definitions[name] == nil { throw ParseError(line: 0, message: "\(context) refers to undefined object \(name)") }
            case .array(let t), .map(let t):
                try checkReferences(t, context: context)
            default:
                break
            }
        }

        /// Calls `body` with each line of `range` that has content: the line, its content (without the
        /// comment, trimmed), the comment after `#` (trimmed) and the line's number.
        static func forEachLine(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, firstLine: Int,
                                _ body: (Range<Int>, Range<Int>, Range<Int>?, Int) throws -> Void) rethrows {
            var lineStart = range.lowerBound
            var number = firstLine
            while lineStart < range.upperBound {
                var lineEnd = lineStart
                while lineEnd < range.upperBound, bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
                defer { (lineStart, number) = (lineEnd + 1, number + 1) }
                var hash: Int?
                for index in lineStart..<lineEnd where bytes[index] == UInt8(ascii: "#") {
                    hash = index
                    break
                }
                let content = BundleSchema.trimmed(bytes, lineStart..<(hash ?? lineEnd))
                if content.isEmpty { continue }
                try body(lineStart..<lineEnd, content, hash.map { BundleSchema.trimmed(bytes, ($0 + 1)..<lineEnd) }, number)
            }
        }
    }

    /// `range` of `bytes` without the spaces and tabs at either end.
    fileprivate static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
        var start = range.lowerBound, end = range.upperBound
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        return start..<end
    }

    fileprivate static func has(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, prefix: StaticString) -> Bool {
        guard range.count >= prefix.utf8CodeUnitCount else { return false }
        return (0..<prefix.utf8CodeUnitCount).allSatisfy { bytes[range.lowerBound + $0] == prefix.utf8Start[$0] }
    }

    fileprivate static func has(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, suffix: StaticString) -> Bool {
        guard range.count >= suffix.utf8CodeUnitCount else { return false }
        let start = range.upperBound - suffix.utf8CodeUnitCount
        return (0..<suffix.utf8CodeUnitCount).allSatisfy { bytes[start + $0] == suffix.utf8Start[$0] }
    }

    fileprivate static func string(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    fileprivate static func parseType(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, line: Int) throws -> SchemaType {
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

}

