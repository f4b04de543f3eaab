import BundleEngine
import Foundation

/// JSON read with booleans and numbers kept apart (JSONSerialization on Linux cannot tell `true` from
/// `1`): the engine's `StructuredValue`, the value type of structured edits.
public typealias JSONValue = StructuredValue

extension StructuredValue {
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
            throw ToolCallError("the arguments are not valid JSON (\(JSONSyntaxProblem.describe(text))); pass an object such as {\"job_id\": 123}")
        }
    }
}
