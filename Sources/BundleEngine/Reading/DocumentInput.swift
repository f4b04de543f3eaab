import Foundation

/// A JSON document named on a command line (`dabrepo apply edits.json`, `generate job --from-json -`):
/// its bytes, or an error that says what is wrong with the name or the file, not Foundation's words.
public enum DocumentInput {
    /// - Parameters:
    ///   - what: what the document should be, for the messages ("a JSON file of edits").
    ///   - standardInput: read when `path` is `-`.
    public static func read(_ path: String, what: String, standardInput: () -> Data) throws(EngineError) -> Data {
        let data: Data
        if path == "-" {
            data = standardInput()
        } else {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw EngineError(.notFound, "no file \(path); name \(what), or - for standard input")
            }
            guard !isDirectory.boolValue else { throw EngineError(.usage, "\(path) is a directory; name \(what), or - for standard input") }
            // (A device such as /dev/null or a named pipe is read as a stream.)
            guard let read = FileManager.default.contents(atPath: path) ?? FileHandle(forReadingAtPath: path)?.readDataToEndOfFile() else {
                throw EngineError(.refused, "cannot read \(path): permission denied")
            }
            data = read
        }
        let name = path == "-" ? "standard input" : path
        guard data.contains(where: { !Set(" \t\r\n".utf8).contains($0) }) else { throw EngineError(.usage, "\(name) is empty; it should hold \(what)") }
        return data
    }

    /// Why `data` is not the document type `T` decodes: where its JSON breaks, or which field is
    /// missing or of the wrong type.
    public static func problem(decoding data: Data, error: Error) -> String {
        let text = String(decoding: data, as: UTF8.self)
        if (try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])) == nil {
            return "it is not valid JSON (\(JSONSyntaxProblem.describe(text)))"
        }
        func place(_ path: [CodingKey]) -> String {
            path.isEmpty ? "the document" : path.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error as? DecodingError {
        case .keyNotFound(let key, let context)?:
            return "\(place(context.codingPath)) has no \"\(key.stringValue)\""
        case .typeMismatch(let type, let context)?:
            let kind: String
            switch type {
            case is String.Type: kind = "a string"
            case is Int.Type, is Double.Type: kind = "a number"
            case is Bool.Type: kind = "true or false"
            default:
                let name = "\(type)"
                kind = name.hasPrefix("Dictionary") ? "a JSON object ({…})" : name.hasPrefix("Array") ? "a JSON list ([…])" : "a \(name)"
            }
            return "\(place(context.codingPath)) should be \(kind)"
        case .valueNotFound(_, let context)?:
            return "\(place(context.codingPath)) is null"
        case .dataCorrupted(let context)?:
            return "\(place(context.codingPath)): \(context.debugDescription)"
        default:
            return "\(error)"
        }
    }
}
