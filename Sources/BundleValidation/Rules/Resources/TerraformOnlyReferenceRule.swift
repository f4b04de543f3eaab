import BundleModel
import Foundation

/// `${resources.jobs.foo.url}`: a reference to a field only the Terraform provider has.
public struct TerraformOnlyReferenceRule: ValidationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "terraform-only-reference", name: "References to Terraform-only fields", severity: .error, scope: .target,
        summary: "A `${resources.…}` reference names a field the direct deployment engine cannot resolve (`url`, `always_running`, …).",
        documentation: """
        As the Databricks CLI checks it (bundle/config/validate/tf_only_references.go): fields that exist
        in the Terraform provider's schema but have no bundle equivalent (a job's `url` or
        `always_running`, a cluster's `url`, a pipeline's `url`, …) cannot be referenced with the direct
        engine, the default: an error. With `bundle.engine: terraform` (or DATABRICKS_BUNDLE_ENGINE=terraform)
        the reference works but breaks on the move to the direct engine: a warning. Reference a field the
        resource defines instead (`${resources.jobs.foo.id}`).
        """,
        triggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            resources:
              jobs:
                foo:
                  name: foo
                bar:
                  name: bar
                  description: ↓${resources.jobs.foo.url}
            """),
        ],
        nonTriggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            resources:
              jobs:
                foo:
                  name: foo
                bar:
                  name: bar
                  description: ${resources.jobs.foo.id} and ${resources.jobs.foo.name}
            """),
        ])

    /// Resource type → a tree of field names; an empty node covers everything below it.
    final class Node: @unchecked Sendable {
        var children: [String: Node] = [:]
    }

    static let fields: [String: Node] = {
        var roots: [String: Node] = [:]
        for path in TerraformOnlyFields.paths {
            let parts = path.split(separator: ".").map(String.init)
            var node = roots[parts[0]] ?? Node()
            roots[parts[0]] = node
            for part in parts.dropFirst() {
                let next = node.children[part] ?? Node()
                node.children[part] = next
                node = next
            }
        }
        return roots
    }()

    /// Whether `field` (the path after `resources.<type>.<key>.`, indexes dropped) is Terraform-only.
    static func isTerraformOnly(type: String, field: [String]) -> Bool {
        guard var node = fields[type], !field.isEmpty else { return false }
        for key in field {
            guard let child = node.children[key] ?? node.children["*"] else { return false }
            if child.children.isEmpty { return true }
            node = child
        }
        return false
    }

    public func validate(_ context: ValidationContext) -> [Diagnostic] {
        let engine = context.effective.configuration["bundle"]?["engine"]?.string.flatMap { $0.isEmpty ? nil : $0 }
            ?? ProcessInfo.processInfo.environment["DATABRICKS_BUNDLE_ENGINE"].flatMap { $0.isEmpty ? nil : $0 } ?? "direct"
        let direct = engine != "terraform"
        var out: [Diagnostic] = []
        func check(_ text: String, at node: YAMLNode, _ components: [String]) {
            for match in text.matches(of: /\$\{(resources\.[A-Za-z0-9_.\[\]-]+)\}/) {
                let reference = String(match.1)
                let parts = reference.replacingOccurrences(of: "[", with: ".[").split(separator: ".").map(String.init).filter { !$0.hasPrefix("[") }
                guard parts.count >= 4, Self.isTerraformOnly(type: parts[1], field: Array(parts[3...])) else { continue }
                let path = SchemaChecker.render(components)
                var d = direct
                    ? diagnostic("\"\(reference)\": Terraform-only field; cross-resource references to Terraform-only fields are not supported by the direct engine",
                                 detail: "Reference a field the resource defines (such as ${resources.\(parts[1]).\(parts[2]).id}).", path: path, at: node.location)
                    : diagnostic("\"\(reference)\": Terraform-only field; this reference will not work with the direct engine",
                                 detail: "It works with the terraform engine, which is deprecated; reference a field the resource defines before moving to the direct engine.",
                                 path: path, at: node.location)
                if !direct { d.severity = .warning }
                out.append(d)
            }
        }
        // (A reference starts "${resources."; a byte scan finds the few values that hold one.)
        let marker = Array("${resources.".utf8)
        func mayRefer(_ text: String) -> Bool {
            var utf8 = text.utf8.makeIterator()
            var matched = 0
            while let byte = utf8.next() {
                matched = byte == marker[matched] ? matched + 1 : (byte == marker[0] ? 1 : 0)
                if matched == marker.count { return true }
            }
            return false
        }
        for e in context.effective.configuration.entries {
            ScalarWalk.visit(e.value, components: [e.key]) { text, node, components in
                if mayRefer(text) { check(text, at: node, components) }
            }
        }
        return out
    }
}
