import BundleModel

public struct PythonConfigurationRule: ValidationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "python-configuration", name: "Python support settings", severity: .error, scope: .target,
        summary: "`experimental.pydabs` is gone, and `experimental.python` and `python` are not both set differently.",
        documentation: """
        As the Databricks CLI decides it before it loads resources from Python code (getOpts in
        bundle/config/mutator/python/python_mutator.go), both errors that stop every command:

        - `experimental.pydabs` with `enabled: true`: "experimental/pydabs is deprecated, use python
          instead". Move `venv_path` and the modules to the top-level `python` section
          (https://docs.databricks.com/dev-tools/bundles/python).
        - `experimental.python` and `python` both set, to different settings: "'experimental/python' and
          'python' configuration properties are mutually exclusive, use only 'python'". The same settings in
          both are accepted. Remove `experimental.python`.

        Checked on each target's merged settings.
        """,
        triggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            experimental:
              ↓pydabs:
                enabled: true
            """),
            RuleExample("""
            bundle:
              name: demo
            experimental:
              ↓python:
                venv_path: .venv
                resources: ["resources:load_resources"]
            python:
              venv_path: .venv2
              resources: ["resources:load_resources"]
            """, files: ["resources/__init__.py": "def load_resources(bundle):\n    pass\n"]),
        ],
        nonTriggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            python:
              venv_path: .venv
              resources: ["resources:load_resources"]
            """, files: ["resources/__init__.py": "def load_resources(bundle):\n    pass\n"]),
            RuleExample("""
            bundle:
              name: demo
            experimental:
              python:
                venv_path: .venv
                resources: ["resources:load_resources"]
            python:
              venv_path: .venv
              resources: ["resources:load_resources"]
            """, files: ["resources/__init__.py": "def load_resources(bundle):\n    pass\n"]),
        ])

    /// The words the CLI's normalization reads as true.
    static let trueWords: Set<String> = ["true", "True", "TRUE", "y", "Y", "yes", "Yes", "YES", "on", "On", "ON"]

    public func validate(_ context: ValidationContext) -> [Diagnostic] {
        let configuration = context.effective.configuration
        guard let experimental = configuration["experimental"]?.mapping else { return [] }
        // PyDABs has only `enabled`: any other key is dropped, and the section counts when it is true.
        if let pydabs = experimental.entry("pydabs"), let enabled = pydabs.value["enabled"]?.string, Self.trueWords.contains(enabled) {
            return [diagnostic("experimental/pydabs is deprecated, use python instead (https://docs.databricks.com/dev-tools/bundles/python)",
                               detail: "Move venv_path and the modules to load to the top-level python section (python.venv_path, python.resources).",
                               path: "experimental.pydabs", at: pydabs.keyLocation)]
        }
        if let old = experimental.entry("python"), let new = configuration["python"] {
            let (before, after) = (Self.settings(old.value), Self.settings(new))
            if !before.isEmpty, !after.isEmpty, before != after {
                return [diagnostic("'experimental/python' and 'python' configuration properties are mutually exclusive, use only 'python'",
                                   detail: "Keep the settings in python alone and remove experimental.python.",
                                   path: "experimental.python", at: old.keyLocation)]
            }
        }
        return []
    }

    /// The fields of a python section (config.Python: venv_path, resources, mutators) that are set, for
    /// comparing two sections as the CLI does (reflect.DeepEqual); empty when none is.
    static func settings(_ node: YAMLNode) -> [String: [String]] {
        var out: [String: [String]] = [:]
        if let venv = node["venv_path"]?.string, !venv.isEmpty { out["venv_path"] = [venv] }
        for key in ["resources", "mutators"] {
            if let items = node[key]?.sequence, !items.isEmpty { out[key] = items.map { $0.string ?? "" } }
        }
        return out
    }
}
