import BundleModel

/// `/Workspace/${workspace.root_path}/files`: the workspace paths already start with /Workspace.
public struct WorkspacePrefixRule: ValidationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "workspace-prefix", name: "No /Workspace before a workspace path", severity: .warning, scope: .target,
        summary: "A string does not put `/Workspace` before `${workspace.root_path}`, `file_path`, `artifact_path`, `state_path` or `resource_path`.",
        documentation: """
        The workspace paths of a bundle already begin with /Workspace (the CLI prefixes them), so
        "/Workspace/${workspace.root_path}/files" would name /Workspace/Workspace/…. The Databricks CLI
        removes the prefix and warns of every such string (bundle/config/mutator/rewrite_workspace_prefix.go:
        'substring "/Workspace/${workspace.root_path}" found in "…". Please update this to "…".'). Write
        the reference alone: "${workspace.root_path}/files".
        """,
        triggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            resources:
              pipelines:
                etl:
                  name: etl
                  configuration:
                    bundle.sourcePath: ↓/Workspace/${workspace.root_path}/files
            """),
            RuleExample("""
            bundle:
              name: demo
            resources:
              jobs:
                etl:
                  name: etl
                  parameters:
                    - name: base
                      default: ↓/Workspace${workspace.file_path}/src
            """),
        ],
        nonTriggeringExamples: [
            // (Another target's settings, and a block of anchors no resource uses: the CLI never sees them for dev.)
            RuleExample("""
            bundle:
              name: demo
            x-defaults: &params
              cfg: /Workspace/${workspace.file_path}/conf.yml
            variables:
              cfg_dir:
                default: ${workspace.file_path}/conf
            targets:
              dev:
                default: true
              prod:
                variables:
                  cfg_dir: /Workspace/${workspace.file_path}/conf
            """, target: "dev"),
            RuleExample("""
            bundle:
              name: demo
            resources:
              pipelines:
                etl:
                  name: etl
                  configuration:
                    bundle.sourcePath: ${workspace.file_path}/src
                    shared: /Workspace/Shared/libs
            """),
        ])

    /// The patterns and their replacements, in the CLI's order (a string with several gets a warning for each).
    static let rewrites: [(pattern: String, replacement: String)] = ["root_path", "file_path", "artifact_path", "state_path", "resource_path"].flatMap { name in
        [("/Workspace/${workspace.\(name)}", "${workspace.\(name)}"), ("/Workspace${workspace.\(name)}", "${workspace.\(name)}")]
    }

    public func validate(_ context: ValidationContext) -> [Diagnostic] {
        var out: [Diagnostic] = []
        func check(_ text: String, at node: YAMLNode, _ components: [String]) {
            var rewritten = text
            for rewrite in Self.rewrites where rewritten.contains(rewrite.pattern) {
                rewritten = rewritten.replacingOccurrences(of: rewrite.pattern, with: rewrite.replacement)
                out.append(diagnostic("substring \"\(rewrite.pattern)\" found in \"\(text)\". Please update this to \"\(rewritten)\".",
                                      detail: "Workspace paths already begin with /Workspace. For more information, please refer to: https://docs.databricks.com/en/release-notes/dev-tools/bundles.html#workspace-paths",
                                      path: components.joined(separator: ".").replacingOccurrences(of: ".[", with: "["), at: node.location))
            }
        }
        func walk(_ node: YAMLNode, _ start: [String]) {
            ScalarWalk.visit(node, components: start) { text, node, components in
                if text.contains("/Workspace"), text.contains("${workspace.") { check(text, at: node, components) }
            }
        }
        // As the CLI sees the configuration of the target validated (rewrite_workspace_prefix.go runs after the
        // target is selected, on what Normalize kept): the sections it knows, and of `targets` that target's own.
        let target = context.effective.target
        for file in context.bundle.files {
            for entry in file.root?.mapping?.entries ?? [] where LoadedBundle.topLevelKeys.contains(entry.key) {
                if entry.key == "targets" || entry.key == "environments" {
                    guard let target, let own = entry.value[target] else { continue }
                    walk(own, [entry.key, target])
                } else {
                    walk(entry.value, [entry.key])
                }
            }
        }
        return out
    }
}
