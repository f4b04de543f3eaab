import BundleAgent
import BundleModel
import Foundation

/// What the model is told: its job and rules, and the bundle (its YAML as written, within a budget;
/// beyond it an outline the model reads further with read_bundle). Secrets are redacted; files that
/// `.dabrepoignore` names are left out, with the resources they define.
enum ModelInstructions {
    static func system(for context: PlanningContext, budget: Int, ignore: DabrepoIgnore = DabrepoIgnore(text: ""), workspace: Bool = false) -> String {
        let bundle = context.bundle
        let targets = bundle.targetNames
        let defaultTarget = (try? TargetSelection.choose(nil, in: bundle)) ?? nil
        var text = """
        You change a Databricks Asset Bundle (databricks.yml and the files it includes) in a git repository, on the user's request, \
        the way a careful data platform engineer would.

        Rules:
        - Change files only with edit_bundle: one call with every edit the request needs. Keep edits minimal; never rewrite what the request does not touch.
        - A request for one target ("in dev", "for prod") changes that target only: edit under targets.<target>.resources.… (the override block). \
        Otherwise change the shared definition under resources.…
        - Never guess a key: use describe_fields for the fields a path allows. Use the paths read_bundle and `dabrepo diff` use \
        (resources.jobs.<key>.tasks[task_key=<task>].…).
        - Never write a secret (token, password, key) into the bundle: use a secret scope reference such as {{secrets/scope/key}} or a variable.
        - If the request does not say which resource or target it means, or needs a value you cannot infer, call ask_user instead of guessing.
        - If the bundle already is as asked, or the request cannot be done, say so in one or two sentences without editing.
        - After a successful edit_bundle, reply with one short sentence saying what changed.
        \(workspace ? "- Workspace tools (get_job, list_jobs, list_notebooks, export_notebook, analyze_notebook) only read. generate_bundle_from_job adds a job to this change; adjust what it generated with edit_bundle afterwards: everything is committed together as one revision.\n" : "")

        The bundle: \(bundle.bundleName ?? "(unnamed)"), root file \(bundle.rootFile).
        Targets: \(targets.isEmpty ? "none" : targets.joined(separator: ", "))\(defaultTarget.map { " (default: \($0))" } ?? "").
        Resources:

        """
        // Resources defined in a file the model may not see are left out, names and all.
        let catalog = context.resourceList.filter { entry in
            let reference = entry.split(separator: " ").first.map(String.init) ?? entry
            let parts = reference.split(separator: ".", maxSplits: 1).map(String.init)
            guard parts.count == 2, let file = bundle.configuration["resources"]?[parts[0]]?[parts[1]]?.location.file else { return true }
            return !ignore.ignores(file)
        }
        text += catalog.isEmpty ? "(none)\n" : catalog.map { "- \($0)" }.joined(separator: "\n") + "\n"
        let hidden = bundle.files.filter { ignore.ignores($0.path) }
        if !hidden.isEmpty {
            text += "\n\(hidden.count) file\(hidden.count == 1 ? " is" : "s are") kept from you by the user's .dabrepoignore: do not ask for \(hidden.count == 1 ? "it" : "them"), and do not edit what they define.\n"
        }
        var files = ""
        for file in bundle.files where !ignore.ignores(file.path) {
            guard let data = try? bundle.source.read(file.path) else { continue }
            files += "\n--- \(file.path)\n" + String(decoding: data, as: UTF8.self)
        }
        if files.count <= budget {
            text += "\nThe files as written:\n" + files
        } else {
            text += "\nThe files (too large to show here; read them with read_bundle): " + bundle.files.map(\.path).filter { !ignore.ignores($0) }.joined(separator: ", ") + "\n"
        }
        return SecretRedaction.redact(text)
    }

    /// The user's request, with what the front end was told (`--target`, `--resource`).
    static func request(_ context: PlanningContext) -> String {
        var text = context.request.original
        if let target = context.targetOption { text += "\n(The user chose the target \(target).)" }
        if let resource = context.resourceOption { text += "\n(The user chose the resource \(resource).)" }
        return SecretRedaction.redact(text)
    }
}
