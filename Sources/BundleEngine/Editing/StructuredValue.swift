import Foundation

/// A JSON value as a structured edit carries it (`"value": 1`, `{"num_workers": 2}`), with booleans,
/// integers and decimals kept apart.
public indirect enum StructuredValue: Codable, Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([StructuredValue])
    case object([String: StructuredValue])

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Int.self) { self = .int(value) }
        else if let value = try? container.decode(Double.self) { self = .double(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([StructuredValue].self) { self = .array(value) }
        else { self = .object(try container.decode([String: StructuredValue].self)) }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let v): try container.encode(v)
        case .int(let v): try container.encode(v)
        case .double(let v): try container.encode(v)
        case .string(let v): try container.encode(v)
        case .array(let v): try container.encode(v)
        case .object(let v): try container.encode(v)
        }
    }

    /// From the plain values JSONSerialization and tool arguments use (NSNull, Bool, Int, Double,
    /// String, [Any], [String: Any]); nil for anything else.
    public init?(plain value: Any) {
        switch value {
        case is NSNull: self = .null
        case let v as Bool: self = .bool(v)
        case let v as Int: self = .int(v)
        case let v as Double: self = v == v.rounded() && abs(v) < 1e15 ? .int(Int(v)) : .double(v)
        case let v as String: self = .string(v)
        case let v as [Any]:
            var items: [StructuredValue] = []
            for item in v {
                guard let converted = StructuredValue(plain: item) else { return nil }
                items.append(converted)
            }
            self = .array(items)
        case let v as [String: Any]:
            var fields: [String: StructuredValue] = [:]
            for (key, item) in v {
                guard let converted = StructuredValue(plain: item) else { return nil }
                fields[key] = converted
            }
            self = .object(fields)
        default: return nil
        }
    }
}
