import BundleModel

/// Every scalar under a node with its path components (`resources`, `jobs`, `etl`, `tasks`, `[0]`, …), for rules
/// that look at the text of every value (`SchemaChecker.render` writes the path as a diagnostic's).
enum ScalarWalk {
    /// Visits the scalars under `node`; `components` starts as the node's own path.
    static func visit(_ node: YAMLNode, components start: [String], _ visit: (_ text: String, _ node: YAMLNode, _ components: [String]) -> Void) {
        var components = start
        func walk(_ node: YAMLNode) {
            switch node.kind {
            case .mapping(let m):
                for e in m.entries {
                    components.append(e.key)
                    walk(e.value)
                    components.removeLast()
                }
            case .sequence(let items):
                for (i, item) in items.enumerated() {
                    components.append("[\(i)]")
                    walk(item)
                    components.removeLast()
                }
            case .scalar(let scalar):
                visit(scalar.text, node, components)
            }
        }
        walk(node)
    }
}
