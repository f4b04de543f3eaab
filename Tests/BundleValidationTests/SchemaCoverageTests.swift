import BundleValidation
import Foundation
import TestSupport
import XCTest

/// Compares dabrepo's hand-written model of bundle configuration with the upstream JSON schema
/// (../shared/corpus/bundle-schema/jsonschema.json, used here as a reference only, never shipped) to
/// find fields the model missed, fields it invented, and enum values that differ.
///
/// Deliberate differences are listed, each with its reason, in Fixtures/schema-coverage-exceptions.txt.
final class SchemaCoverageTests: XCTestCase {
    func testModelCoversUpstreamSchema() throws {
        let (shared, message) = TestPaths.sharedOrSkipMessage()
        guard let shared else { throw XCTSkip(message) }
        let data = try Data(contentsOf: shared.appendingPathComponent("corpus/bundle-schema/jsonschema.json"))
        let upstream = try UpstreamSchema(data: data)
        var comparison = SchemaComparison(model: BundleSchema.shared, upstream: upstream)
        comparison.compare(model: BundleSchema.rootName, upstream: upstream.root, path: "")
        let exceptions = try Self.exceptions()
        let unexpected = comparison.findings.filter { finding in
            !exceptions.contains { finding.hasPrefix($0) }
        }
        XCTAssertTrue(unexpected.isEmpty, "the model differs from the upstream schema:\n" + unexpected.joined(separator: "\n"))
        XCTAssertGreaterThan(comparison.comparedFields, 900, "the comparison walked too little of the model")
    }

    static func exceptions() throws -> [String] {
        let text = try String(contentsOf: TestPaths.fixture("BundleValidationTests", "schema-coverage-exceptions.txt"), encoding: .utf8)
        return text.split(separator: "\n").compactMap { line in
            let entry = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0].trimmingCharacters(in: .whitespaces)
            return entry.isEmpty ? nil : entry
        }
    }
}

/// The upstream JSON schema, navigated by `$ref`.
struct UpstreamSchema {
    let document: [String: Any]

    init(data: Data) throws {
        document = try JSONSerialization.jsonObject(with: data) as! [String: Any]
    }

    var root: [String: Any] { document }

    func resolve(_ ref: String) -> [String: Any]? {
        guard ref.hasPrefix("#/$defs/") else { return nil }
        var current: Any? = document["$defs"]
        for part in ref.dropFirst("#/$defs/".count).split(separator: "/") {
            current = (current as? [String: Any])?[String(part)]
        }
        return current as? [String: Any]
    }

    enum Shape {
        case object([String: Any], required: Set<String>)
        case array([String: Any])
        case map([String: Any])
        case enumeration([String])
        case scalar(String)
        case any
    }

    /// The meaningful shape of a schema node: `$ref`s followed, the `${...}` string alternative dropped.
    func shape(_ node: [String: Any]) -> Shape {
        if let ref = node["$ref"] as? String, let target = resolve(ref) { return shape(target) }
        if let options = (node["oneOf"] ?? node["anyOf"]) as? [[String: Any]] {
            for o in options where !(o["type"] as? String == "string" && o["pattern"] != nil) {
                return shape(o)
            }
        }
        if let values = node["enum"] as? [Any] { return .enumeration(values.compactMap { $0 as? String }) }
        switch node["type"] as? String {
        case "object":
            if let properties = node["properties"] as? [String: Any] {
                return .object(properties, required: Set(node["required"] as? [String] ?? []))
            }
            if let additional = node["additionalProperties"] as? [String: Any] { return .map(additional) }
            return .any
        case "array":
            return .array(node["items"] as? [String: Any] ?? [:])
        case let t?:
            return .scalar(t)
        default:
            return .any
        }
    }
}

struct SchemaComparison {
    let model: BundleSchema
    let upstream: UpstreamSchema
    var findings: [String] = []
    var comparedFields = 0
    var visited = Set<String>()

    init(model: BundleSchema, upstream: UpstreamSchema) {
        self.model = model
        self.upstream = upstream
    }

    mutating func compare(model name: String, upstream node: [String: Any], path: String) {
        guard visited.insert(name).inserted, let object = model[name] else { return }
        guard case .object(let properties, let required) = upstream.shape(node) else {
            findings.append("\(name): upstream is not an object")
            return
        }
        for (field, schema) in properties.sorted(by: { $0.key < $1.key }) {
            let fieldPath = "\(name).\(field)"
            let schemaObject = schema as? [String: Any] ?? [:]
            let upstreamDeprecated = schemaObject["deprecated"] as? Bool == true || schemaObject["deprecationMessage"] != nil
            guard let mine = object.fieldsByName[field] else {
                findings.append("\(fieldPath): missing" + (upstreamDeprecated ? " (deprecated upstream)" : ""))
                continue
            }
            comparedFields += 1
            if required.contains(field) != mine.required {
                findings.append("\(fieldPath): required is \(mine.required) in the model, \(required.contains(field)) upstream")
            }
            compare(type: mine.type, upstream: schemaObject, path: fieldPath)
        }
        for field in object.fields where properties[field.name] == nil {
            findings.append("\(name).\(field.name): not upstream")
        }
    }

    mutating func compare(type: SchemaType, upstream node: [String: Any], path: String) {
        let shape = upstream.shape(node)
        switch (type, shape) {
        case (.any, _):
            return
        case (.object(let name), .object):
            compare(model: name, upstream: node, path: path)
        case (.array(let inner), .array(let items)):
            compare(type: inner, upstream: items, path: path + "[]")
        case (.map(let inner), .map(let values)):
            compare(type: inner, upstream: values, path: path + "{}")
        case (.enumeration(let mine), .enumeration(let theirs)):
            let missing = Set(theirs).subtracting(mine), extra = Set(mine).subtracting(theirs)
            if !missing.isEmpty { findings.append("\(path): enum lacks \(missing.sorted().joined(separator: " "))") }
            if !extra.isEmpty { findings.append("\(path): enum has \(extra.sorted().joined(separator: " ")) not upstream") }
        case (.string, .scalar("string")), (.integer, .scalar("integer")), (.number, .scalar("number")),
             (.boolean, .scalar("boolean")), (.string, .enumeration), (.string, .any):
            return
        default:
            findings.append("\(path): model has \(type), upstream has \(Self.describe(shape))")
        }
    }

    static func describe(_ shape: UpstreamSchema.Shape) -> String {
        switch shape {
        case .object: return "an object"
        case .array: return "an array"
        case .map: return "a map"
        case .enumeration(let v): return "enum " + v.joined(separator: " ")
        case .scalar(let t): return t
        case .any: return "any"
        }
    }
}
