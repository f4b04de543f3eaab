import BundleModel

public struct TargetDefaultUniqueRule: ValidationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "target-default-unique", name: "One default target", severity: .error, scope: .bundle,
        summary: "At most one target is marked `default: true`.",
        documentation: """
        The default target is the one `databricks bundle deploy`, `validate` and `run` use when no
        `-t/--target` is given. With several targets marked `default: true` the Databricks CLI refuses to
        choose ("multiple targets are marked as default", bundle/config/mutator/select_default_target.go),
        so every command without `-t` fails. Keep `default: true` on one target (usually dev) and remove it
        from the others. Each `default: true` is reported. When you name a target yourself
        (`dabrepo validate --target prod`) or validate every target (`--all-targets`, each one named) the CLI
        does not look at the defaults, and this is information (it fails no `--strict` run the CLI passes).
        """,
        triggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            targets:
              dev:
                mode: development
                ↓default: true
              prod:
                mode: production
                default: true
                workspace:
                  root_path: /Workspace/Shared/.bundle/demo
            """),
        ],
        nonTriggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            targets:
              dev:
                mode: development
                default: true
              prod:
                mode: production
                default: false
                workspace:
                  root_path: /Workspace/Shared/.bundle/demo
            """),
        ])

    public func validate(_ context: ValidationContext) -> [Diagnostic] {
        let marked = (context.bundle.targetsMapping?.entries ?? []).compactMap { target -> (name: String, at: SourceLocation)? in
            guard let flag = target.value.mapping?.entry("default"), flag.value.scalar?.value == .bool(true) else { return nil }
            return (target.key, flag.keyLocation)
        }
        guard marked.count > 1 else { return [] }
        let names = marked.map(\.name).joined(separator: ", ")
        return marked.map { target in
            var d = diagnostic("target \(target.name) is one of several targets marked `default: true` (\(names))",
                               detail: "Keep `default: true` on exactly one target; commands run without --target cannot choose otherwise.",
                               path: "targets.\(target.name).default", at: target.at)
            if context.explicitTarget { d.severity = .info }
            return d
        }
    }
}
