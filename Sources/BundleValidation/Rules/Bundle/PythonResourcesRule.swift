import BundleModel

/// Resources and mutators written in Python (`python.resources`, `python.mutators`): dabrepo runs no
/// Python, so what they make is not checked offline; said once, so that "Validation OK!" does not claim it.
public struct PythonResourcesRule: ValidationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "python-resources-unchecked", name: "Resources made in Python are not checked offline", severity: .info, scope: .bundle,
        summary: "`python.resources` and `python.mutators` run Python, which `dabrepo validate` does not: what they add or change is not checked.",
        documentation: """
        The Databricks CLI runs the functions that `python.resources` and `python.mutators` name (in the
        virtual environment of `python.venv_path`) and validates the resources they return. dabrepo reads
        YAML alone: the resources the functions make, and the changes the mutators make, are not checked
        (nor the notebooks they name). Run `databricks bundle validate` for them.
        """,
        triggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            python:
              venv_path: .venv
              ↓resources: ["resources:load_resources"]
            """, files: ["resources/__init__.py": "def load_resources(bundle):\n    pass\n"]),
        ],
        nonTriggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            python:
              venv_path: .venv
            """),
        ])

    public func validate(_ context: ValidationContext) -> [Diagnostic] {
        for (prefix, section) in [("python.", context.bundle.configuration["python"]), ("experimental.python.", context.bundle.configuration["experimental"]?["python"])] {
            guard let mapping = section?.mapping else { continue }
            let said = ["resources", "mutators"].compactMap { key in mapping.entry(key).flatMap { ($0.value.sequence?.isEmpty ?? true) ? nil : $0 } }
            guard let first = said.first else { continue }
            let functions = said.flatMap { $0.value.sequence ?? [] }.compactMap(\.string)
            return [diagnostic("\(said.map(\.key).joined(separator: " and ")) in Python (\(functions.prefix(3).joined(separator: ", "))) are not run: what they make is not checked",
                               detail: "dabrepo reads the YAML alone; `databricks bundle validate` runs the Python in \(mapping["venv_path"]?.string ?? "its environment") and checks the resources it returns.",
                               path: prefix + first.key, at: first.keyLocation)]
        }
        return []
    }
}
