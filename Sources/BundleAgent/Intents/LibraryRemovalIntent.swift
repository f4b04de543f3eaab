import BundleEditing
import BundleModel
import Foundation

/// "remove the openai dependency", "drop pandas==2.2.2 from the job", "uninstall scikit-learn": the
/// package leaves every task library, job environment and pipeline environment that installs it (of
/// the job or pipeline named, else of the whole bundle), as written in their definitions.
public enum LibraryRemovalIntent: Intent {
    public static let id = "library-removal"
    public static let summary = "removing a library or dependency from tasks and environments"
    public static let examples = ["remove the openai dependency", "uninstall pandas from the sales sync"]

    static let verbs = ["remove", "drop", "delete", "uninstall", "unpin"]

    public static func score(_ text: RequestText) -> Int {
        guard text.hasAny(verbs) || text.contains("get rid of") || text.contains("no longer need") else { return 0 }
        if text.has("uninstall") { return 4 }
        let pinned = ["==", ">=", "~=", "<="].contains { text.original.contains($0) }
        if pinned { return 4 }
        // "remove the task dependency between extract and load": the order of tasks (TaskDependencyIntent).
        if text.hasAny(["task", "tasks", "step", "steps", "between", "depends", "depend", "upstream", "downstream", "after", "before"]) { return 0 }
        return text.hasAny(Array(LibraryIntent.nouns)) ? 4 : 0
    }

    /// "remove faker", "drop great_expectations from the bronze job": a removal whose word is a package
    /// some job or pipeline installs, though the request does not say "library" (the bundle tells).
    static func namesInstalledPackage(_ context: PlanningContext) -> Bool {
        guard context.request.hasAny(verbs), let asked = wanted(context.request) else { return false }
        let resources = context.catalog.references(ofType: "jobs") + context.catalog.references(ofType: "pipelines")
        let wanted = asked.contains(where: { "=<>~/:".contains($0) }) ? asked : InstalledLibraries.installedName(asked, context, in: resources)
        // (In a definition, or in a target's override of one.)
        return resources.contains { resource in
            ([nil] + context.bundle.targetNames.map { Optional($0) }).contains { target in
                InstalledLibraries.lists(context, of: resource, target: target).contains { list in
                    list.items.contains { item in list.installed(item).map { matches($0, wanted) } ?? false }
                }
            }
        }
    }

    /// The package's name as pip compares it: lower case, `_` and `.` as `-`, without its version or extras.
    static func packageName(_ requirement: String) -> String {
        let name = requirement.prefix { !"=<>~![; ".contains($0) }
        return name.lowercased().replacingOccurrences(of: "_", with: "-").replacingOccurrences(of: ".", with: "-")
    }

    /// What the request names: a requirement (`openai>=1.40.0`), a wheel or JAR, or the word after the verb.
    static func wanted(_ text: RequestText) -> String? {
        let tokens = text.original.split(separator: " ").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ",;\"'`")) }
        if let marked = tokens.first(where: { t in ["==", ">=", "<=", "~=", "!="].contains { t.contains($0) } || t.hasSuffix(".whl") || t.hasSuffix(".jar") }) {
            return marked
        }
        let skipped: Set<String> = ["the", "a", "an", "python", "pypi", "pip", "maven", "library", "libraries", "package", "packages",
                                    "dependency", "dependencies", "wheel", "jar", "module", "of", "rid", "get", "need", "longer", "no", "we", "i"]
        guard let verb = tokens.firstIndex(where: { verbs.contains($0.lowercased()) || ["rid", "need"].contains($0.lowercased()) }) else { return nil }
        for token in tokens[(verb + 1)...] {
            let lowered = token.lowercased()
            if skipped.contains(lowered) { continue }
            if ["from", "to", "in", "for", "on"].contains(lowered) { return nil }
            return token.allSatisfy { $0.isLetter || $0.isNumber || "-_.[]".contains($0) } ? token : nil
        }
        return nil
    }

    /// Whether an installed library or dependency is the one asked for.
    static func matches(_ installed: String, _ wanted: String) -> Bool {
        if wanted.hasSuffix(".whl") || wanted.hasSuffix(".jar") || wanted.contains("/") { return installed == wanted }
        // A Maven coordinate matches on its group and artifact.
        if wanted.split(separator: ":").count >= 2 { return installed.split(separator: ":").prefix(2) == wanted.split(separator: ":").prefix(2) }
        let file = installed.split(separator: "/").last.map(String.init) ?? installed
        if file.hasSuffix(".whl") { return packageName(String(file.prefix { $0 != "-" })) == packageName(wanted) }
        return packageName(installed) == packageName(wanted)
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        // "remove the library src/a.py", "remove a.py from the pipeline libraries": a pipeline's source.
        if LibraryIntent.pipelineHasSource(context), let source = PipelineSource(context.request) {
            return try LibraryIntent.removingPipelineSource(context, source.settled(by: context.bundle.source))
        }
        guard let asked = wanted(context.request) else {
            throw PlanningStop(outcome: .clarify(question: "Which library should go? Name it as it is installed.", choices: ["remove the pandas dependency"]))
        }
        let scope = try InstalledLibraries.scope(context, package: packageName(asked), doing: "be removed")
        // The resource named, else every job and pipeline of the bundle.
        var (resources, named) = InstalledLibraries.resources(context, ignoring: [asked])
        // "from the analytics job", words no one job has alone: that job, or which one (it removed it everywhere).
        let every = context.request.hasAny(["jobs", "pipelines", "both", "all", "every", "each", "everywhere", "bundle"])
        if !named, !every, context.request.hasAny(["job", "pipeline", "workflow"]) {
            resources = [try context.ignoring([asked]).resource(["jobs", "pipelines"])]
            named = true
        }
        // "from the analytics job" where two jobs have the word: which one (it removed it from both).
        if named, resources.count > 1, !every {
            throw context.question(resources, kinds: Set(resources.map(\.type)).count == 1 && resources[0].type == "jobs" ? "job" : "job or pipeline")
        }
        // "remove dqx": databricks-labs-dqx, where that is the one package of that name.
        let wanted = asked.contains(where: { "=<>~/:".contains($0) }) ? asked : InstalledLibraries.installedName(asked, context, in: resources)
        var edits: [(file: String, operations: [EditOperation])] = []
        var places: [String] = []
        for resource in resources {
            // "from the transform_to_silver task": that task's libraries and environment only.
            let namedTasks = resource.type == "jobs" ? context.ignoring([asked]).namedParts(.task, of: resource) : []
            let tasks = (context.rawNode(file: context.location(of: resource, target: nil).file, path: context.location(of: resource, target: nil).base)?["tasks"]?.sequence ?? [])
                .filter { namedTasks.contains($0["task_key"]?.string ?? "") }
            for list in InstalledLibraries.lists(context, of: resource, target: scope) where namedTasks.isEmpty || list.belongs(to: tasks) {
                let hits = list.items.indices.filter { list.installed(list.items[$0]).map { matches($0, wanted) } ?? false }
                guard !hits.isEmpty else { continue }
                // The whole list goes when nothing else is in it; a pipeline's environment with it, when the
                // list is all it holds (never an `environment: {}` left behind).
                let parent = Array(list.path.dropLast())
                let whole: EditPath = resource.type == "pipelines" && context.rawNode(file: list.file, path: parent)?.mapping?.entries.count == 1 ? parent : list.path
                InstalledLibraries.adding(hits.count == list.items.count ? [.delete(whole)] : hits.reversed().map { .delete(list.path + [.index($0)]) },
                                          to: list.file, in: &edits)
                places.append(list.place)
            }
        }
        guard !edits.isEmpty else {
            let scope = named ? resources.map(\.spoken).joined(separator: ", ") : "no job or pipeline of this bundle"
            throw PlanningStop(outcome: .refused("\(scope) installs \(wanted) in its definition (task libraries, environments)"))
        }
        var plan = Plan(subject: "Remove \(wanted) from \(resources.count == 1 ? resources[0].key : "the bundle")\(scope.map { " in \($0)" } ?? "")",
                        summary: "Removed \(wanted) from \(places.joined(separator: ", "))\(context.forTarget(scope)).",
                        target: scope, resource: resources.count == 1 ? resources[0] : nil, edits: edits)
        if resources.count != 1 { plan.job = nil }
        return plan
    }
}
