/// An optional result field that is written as `null` when it has no value (Swift's synthesized
/// encoding leaves such keys out), so that a JSON reader always finds the key.
@propertyWrapper
public struct EncodedAsNull<Value: Encodable & Sendable>: Encodable, Sendable {
    public var wrappedValue: Value?

    public init(wrappedValue: Value?) {
        self.wrappedValue = wrappedValue
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(wrappedValue)
    }
}
