import Foundation

/// A tool offered to the model: its name, what it does, and the JSON schema of its arguments.
public struct ChatTool: Sendable, Equatable {
    public var name: String
    public var description: String
    /// The JSON schema of the arguments (an object schema), as JSON text.
    public var inputSchema: String

    public init(name: String, description: String, inputSchema: String) {
        self.name = name
        self.description = description
        self.inputSchema = inputSchema
    }

    /// A tool whose schema is given as a JSON object (such as the tool registry's).
    public init(name: String, description: String, schema: [String: Any]) {
        let data = (try? JSONSerialization.data(withJSONObject: schema, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        self.init(name: name, description: description, inputSchema: String(decoding: data, as: UTF8.self))
    }

    /// The schema as a JSON object, for a request body.
    var schemaObject: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(inputSchema.utf8))) as? [String: Any] ?? ["type": "object"]
    }
}
