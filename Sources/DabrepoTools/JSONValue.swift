import Foundation

/// JSON read with booleans and numbers kept apart (JSONSerialization on Linux cannot tell `true` from `1`).
public enum JSONValue: Decodable, Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    indirect case array([JSONValue])
    indirect case object([String: JSONValue])

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Int.self) { self = .int(value) }
        else if let value = try? container.decode(Double.self) { self = .double(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([JSONValue].self) { self = .array(value) }
        else { self = .object(try container.decode([String: JSONValue].self)) }
    }

    /// Plain Swift values: NSNull, Bool, Int, Double, String, [Any], [String: Any].
    public var plain: Any {
        switch self {
        case .null: return NSNull()
        case .bool(let v): return v
        case .int(let v): return v
        case .double(let v): return v
        case .string(let v): return v
        case .array(let v): return v.map(\.plain)
        case .object(let v): return v.mapValues(\.plain)
        }
    }

    /// Tool arguments from JSON text: an object, or nothing at all for none.
    public static func arguments(_ text: String) throws(ToolCallError) -> [String: Any] {
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return [:] }
        do {
            guard case .object(let object) = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) else {
                throw ToolCallError("the arguments must be a JSON object, such as {\"job_id\": 123}")
            }
            return object.mapValues(\.plain)
        } catch let error as ToolCallError {
            throw error
        } catch {
            throw ToolCallError("the arguments are not valid JSON (\(error.localizedDescription)); pass an object such as {\"job_id\": 123}")
        }
    }
}
