import BundleEditing
import BundleModel

/// Configuration (a composed YAML tree, such as a target's effective configuration) written back as
/// YAML text, keys in their order, secrets redacted.
enum ConfigurationText {
    static func yaml(_ node: YAMLNode) -> String {
        SecretRedaction.redact(YAMLWriter.document(value(node)))
    }

    static func value(_ node: YAMLNode) -> EditValue {
        switch node.kind {
        case .mapping(let mapping): return .mapping(mapping.entries.map { ($0.key, value($0.value)) })
        case .sequence(let items): return .sequence(items.map(value))
        case .scalar(let scalar):
            switch scalar.value {
            case .null: return .null
            case .bool(let b): return .bool(b)
            case .int(let i): return .int(i)
            case .float(let d): return .number(d)
            case .string(let s): return .string(s)
            }
        }
    }
}
