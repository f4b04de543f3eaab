import BundleEditing
import BundleModel

/// Where the jobs and pipelines of a bundle install packages, as their definitions write them: each
/// task's `libraries`, each job environment's `spec.dependencies`, a pipeline's
/// `environment.dependencies`. Removing a library and changing its version walk the same lists.
struct InstalledLibraries {
    /// One list of installs.
    struct List {
        var file: String
        var path: EditPath
        var items: [YAMLNode]
        /// "task train of job ml", "environment default of job ml".
        var place: String
        /// A task library's entry is a mapping; a dependency a string.
        var isTaskLibrary: Bool
        /// The task whose libraries these are, or the environment whose dependencies.
        var taskKey: String? = nil
        var environmentKey: String? = nil

        /// Whether the list belongs to one of these tasks: its own libraries, or the environment it uses.
        func belongs(to tasks: [YAMLNode]) -> Bool {
            if let taskKey { return tasks.contains { $0["task_key"]?.string == taskKey } }
            if let environmentKey { return tasks.contains { $0["environment_key"]?.string == environmentKey } }
            return true
        }

        /// What an entry installs: the requirement, coordinates or file it names.
        func installed(_ item: YAMLNode) -> String? {
            guard isTaskLibrary else { return item.string }
            return item["pypi"]?["package"]?.string ?? item["maven"]?["coordinates"]?.string ?? item["whl"]?.string ?? item["jar"]?.string
        }

        /// Where an entry's requirement is written (a task library's `pypi.package`, a dependency itself).
        func requirementPath(_ index: Int) -> EditPath {
            isTaskLibrary ? path + [.index(index), .key("pypi"), .key("package")] : path + [.index(index)]
        }
    }

    /// The jobs and pipelines the request names (without the words in `ignoring`), else all of them;
    /// `named` says which it was.
    static func resources(_ context: PlanningContext, ignoring: [String]) -> (resources: [ResourceReference], named: Bool) {
        // `--resource`, or the resource a follow-up moved the change to ("same for the other job"): that one, whatever
        // job the replayed words name (it changed the first job again, "already what the bundle installs").
        if let option = context.resourceOption, let chosen = ResourceReference(parsing: option), ["jobs", "pipelines"].contains(chosen.type) {
            return ([chosen], true)
        }
        let mentions = context.catalog.mentions(in: context.ignoring(ignoring).request.original).filter { ["jobs", "pipelines"].contains($0.key.type) }
        guard let strongest = mentions.values.max() else {
            let all = context.catalog.references(ofType: "jobs") + context.catalog.references(ofType: "pipelines")
            // "… for the forecasting jobs": those whose names say so (cost_forecast_train, …), not all.
            let scoped = context.ignoring(ignoring)
            if !EveryResource.qualifiers(in: scoped.request).isEmpty, let qualified = try? EveryResource.qualified(all, scoped), qualified.count < all.count {
                return (qualified, true)
            }
            return (all, false)
        }
        return (mentions.filter { $0.value == strongest }.keys.sorted(), true)
    }

    /// The package a short name means: `name` where something installs it, else the one installed
    /// package whose name ends with it ("dqx" for databricks-labs-dqx); `name` when none or several do.
    static func installedName(_ name: String, _ context: PlanningContext, in resources: [ResourceReference]) -> String {
        var names = Set<String>()
        for resource in resources {
            for list in lists(context, of: resource) {
                for item in list.items {
                    guard !list.isTaskLibrary || item["pypi"] != nil, let installed = list.installed(item), !installed.hasSuffix(".whl"), !installed.hasPrefix("-") else { continue }
                    names.insert(LibraryRemovalIntent.packageName(installed))
                }
            }
        }
        let wanted = LibraryRemovalIntent.packageName(name)
        if names.contains(wanted) { return name }
        let longer = names.filter { $0.hasSuffix("-" + wanted) }
        return longer.count == 1 ? longer.first! : name
    }

    /// The lists of installs of `resource`, in its definition.
    static func lists(_ context: PlanningContext, of resource: ResourceReference, target: String? = nil) -> [List] {
        let location = context.location(of: resource, target: target)
        guard let raw = context.rawNode(file: location.file, path: location.base) else { return [] }
        let kind = ResourceVocabulary.singular(resource.type)
        if resource.type == "pipelines" {
            return [List(file: location.file, path: location.base + [.key("environment"), .key("dependencies")],
                         items: raw["environment"]?["dependencies"]?.sequence ?? [], place: "the environment of pipeline \(resource.key)", isTaskLibrary: false)]
        }
        var out: [List] = []
        for (i, task) in (raw["tasks"]?.sequence ?? []).enumerated() {
            out.append(List(file: location.file, path: location.base + [.key("tasks"), .index(i), .key("libraries")], items: task["libraries"]?.sequence ?? [],
                            place: "task \(task["task_key"]?.string ?? "\(i)") of job \(resource.key)", isTaskLibrary: true, taskKey: task["task_key"]?.string))
        }
        for (i, environment) in (raw["environments"]?.sequence ?? []).enumerated() {
            out.append(List(file: location.file, path: location.base + [.key("environments"), .index(i), .key("spec"), .key("dependencies")],
                            items: environment["spec"]?["dependencies"]?.sequence ?? [],
                            place: "environment \(environment["environment_key"]?.string ?? "\(i)") of \(kind) \(resource.key)", isTaskLibrary: false,
                            environmentKey: environment["environment_key"]?.string))
        }
        return out.filter { !$0.items.isEmpty }
    }

    /// `edits` with `operations` added to `file`'s.
    static func adding(_ operations: [EditOperation], to file: String, in edits: inout [(file: String, operations: [EditOperation])]) {
        guard !operations.isEmpty else { return }
        if let i = edits.firstIndex(where: { $0.file == file }) { edits[i].operations += operations } else { edits.append((file, operations)) }
    }

    /// Whether a job's or pipeline's definition (not a target's override) installs the package.
    static func installedInDefinitions(_ context: PlanningContext, package: String) -> Bool {
        context.catalog.entries.map(\.reference).filter { ["jobs", "pipelines"].contains($0.type) }.contains { resource in
            lists(context, of: resource).contains { list in
                list.items.contains { list.installed($0).map { LibraryRemovalIntent.packageName($0) == package } ?? false }
            }
        }
    }

    /// Where a version change or removal is made: nil, the definitions; a target, when the request names
    /// one and only that target's override installs the package (else refused: see refuseForTarget).
    static func scope(_ context: PlanningContext, package: String, doing: String) throws -> String? {
        try refuseForTarget(context, package: package, doing: doing)
        return try context.target()
    }

    /// A library change asked for one target ("downgrade pandas to 2.2.2 in prod"): refused, since a
    /// target's libraries and dependencies are added to the definition's when the CLI merges them (the
    /// lists are appended), so no target can hold another version of one, or go without it.
    static func refuseForTarget(_ context: PlanningContext, package: String, doing: String) throws {
        guard let target = try context.target() else { return }
        // Installed by the target's own override alone: changed there (refine's scope()).
        if !installedInDefinitions(context, package: package) { return }
        throw PlanningStop(outcome: .refused("a library cannot \(doing) in target \(target) alone: a target's libraries and dependencies are added to the job's when the bundle is deployed, never put in their place, so \(target) would install both; to let \(target) differ, write the version as a variable (\(package)==${var.\(package.replacingOccurrences(of: "-", with: "_"))_version}) and set it in \(target), or ask without the target to change it for every target"))
    }
}
