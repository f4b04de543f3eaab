import BundleEditing
import BundleModel
import Foundation

/// "upgrade mlflow to 3.10.0", "pin pandas to 2.2.2 in the sales sync", "bump openai to >=1.50": the
/// version of a package the bundle installs already, wherever it is installed (task libraries, job and
/// pipeline environments), in the job or pipeline named or every one.
public enum LibraryVersionIntent: Intent {
    public static let id = "library-version"
    public static let summary = "the version of an installed library"
    public static let examples = ["upgrade mlflow to 3.10.0", "pin pandas to 2.2.2 in the sales sync"]

    public static func score(_ text: RequestText) -> Int {
        guard text.hasAny(["upgrade", "downgrade", "bump", "pin", "update"]), version(text) != nil else { return 0 }
        // "upgrade the cluster to 16.4", "update the runtime": Databricks Runtime versions (SparkVersionIntent).
        // ("pin openai to 1.55.0 in the gold environment": a package of that environment, not the environment's version.)
        if text.original.range(of: #"(?i)\b(?:pin|upgrade|downgrade|bump|update)\s+(?!the\b|its\b|environment\b|env\b|python\b|client\b)[\w.\[\]-]+\s+to\s+\S+\s+(?:in|for)\s+.*\b(?:environment|env)\b"#,
                               options: .regularExpression) != nil { return 5 }
        if text.hasAny(["spark", "runtime", "dbr", "lts", "cluster", "clusters", "compute", "python", "environment", "cli", "databricks"]) { return 0 }
        return 5
    }

    /// The version asked for: "3.10.0", ">=1.50", "==2.2.2".
    static func version(_ text: RequestText) -> String? {
        text.original.split(separator: " ").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ",;\"'`")) }.first { word in
            let bare = word.drop { "=<>~!".contains($0) }
            // (A calendar version is one number: pdfminer.six 20250327.)
            if bare.count >= 6, bare.allSatisfy(\.isNumber) { return true }
            return bare.split(separator: ".").count >= 2 && bare.split(separator: ".").allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) }
        }.map { $0.hasSuffix(".") ? String($0.dropLast()) : $0 }
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        let text = context.request
        guard let version = version(text) else { throw PlanningStop(outcome: .clarify(question: "Which version?", choices: examples)) }
        let words = text.original.split(separator: " ").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ",;\"'`")) }
        // ("and lightgbm to 4.5.0" after "pin xgboost to 2.1.3": the package after "and".)
        guard let verb = words.firstIndex(where: { ["upgrade", "downgrade", "bump", "pin", "update"].contains($0.lowercased()) })
                ?? (["and", "also", "plus"].contains(words.first?.lowercased() ?? "") ? 0 : nil),
              let package = words[(verb + 1)...].first(where: { !["the", "a", "library", "package", "dependency", "pypi"].contains($0.lowercased()) }) else {
            throw PlanningStop(outcome: .clarify(question: "Which library?", choices: examples))
        }
        let scope = try InstalledLibraries.scope(context, package: LibraryRemovalIntent.packageName(package), doing: "change its version")
        var (resources, named) = InstalledLibraries.resources(context, ignoring: [package, version])
        // "and pin requests to 2.32.3" in a conversation about the ingest job: that job, where it installs it.
        if !named, let current = context.defaultResource, resources.contains(current),
           InstalledLibraries.lists(context, of: current).contains(where: { list in
               list.items.contains { list.installed($0).map { LibraryRemovalIntent.packageName($0) == LibraryRemovalIntent.packageName(InstalledLibraries.installedName(package, context, in: [current])) } ?? false }
           }) {
            (resources, named) = ([current], true)
        }
        let name = LibraryRemovalIntent.packageName(InstalledLibraries.installedName(package, context, in: resources))
        let requirement = version.first.map { "=<>~!".contains($0) } == true ? "\(name)\(version)" : "\(name)==\(version)"
        var edits: [(file: String, operations: [EditOperation])] = []
        var places: [String] = [], was: Set<String> = [], writtenRequirements: Set<String> = []
        var already = false
        for resource in resources {
            // "in the transform_to_silver task": that task's libraries and environment only.
            let namedTasks = resource.type == "jobs" ? context.ignoring([package, version]).namedParts(.task, of: resource) : []
            let location = context.location(of: resource, target: nil)
            let tasks = (context.rawNode(file: location.file, path: location.base)?["tasks"]?.sequence ?? []).filter { namedTasks.contains($0["task_key"]?.string ?? "") }
            // "in gold_environment", "in the gold environment": that environment's dependencies only (both were changed).
            let lists = InstalledLibraries.lists(context, of: resource, target: scope)
            let namedEnvironments = Set(lists.compactMap(\.environmentKey).filter { key in
                ResourceCatalog.writesToken(key, in: text.original) || {
                    let words = key.replacingOccurrences(of: #"(?i)[_-]?(environment|env)$"#, with: "", options: .regularExpression)
                        .split(whereSeparator: { $0 == "_" || $0 == "-" }).map { NSRegularExpression.escapedPattern(for: String($0)) }
                    return !words.isEmpty && text.original.range(of: #"(?i)\b"# + words.joined(separator: #"[\s_-]+"#) + #"\s+(?:environment|env)\b"#, options: .regularExpression) != nil
                }()
            })
            for list in lists where (namedTasks.isEmpty || list.belongs(to: tasks))
                && (namedEnvironments.isEmpty || namedEnvironments.contains(list.environmentKey ?? "")) {
                var operations: [EditOperation] = []
                for (i, item) in list.items.enumerated() {
                    // A PyPI requirement of that package (not a wheel, a Maven coordinate or a pip option).
                    guard !list.isTaskLibrary || item["pypi"] != nil, let installed = list.installed(item), !installed.hasSuffix(".whl"), !installed.hasPrefix("-"),
                          LibraryRemovalIntent.packageName(installed) == name else { continue }
                    // The name as the request writes it ("pdfminer.six", not pip's pdfminer-six), else as the
                    // bundle does (databricks-labs-dqx for "dqx").
                    let requested = String(package.prefix { !"=<>~!;@ ".contains($0) })
                    var writtenName = LibraryRemovalIntent.packageName(requested) == name ? requested : String(installed.prefix { !"=<>~!;@ ".contains($0) })
                    // Its extras stay: "mlflow[databricks]>=3.1.0" upgraded is "mlflow[databricks]==3.4.0" (the extra was dropped).
                    if !writtenName.contains("["), let open = installed.firstIndex(of: "["), let close = installed[open...].firstIndex(of: "]"),
                       !installed[..<open].contains(where: { "=<>~!;@ ".contains($0) }) {
                        writtenName += installed[open...close]
                    }
                    let own = version.first.map { "=<>~!".contains($0) } == true ? "\(writtenName)\(version)" : "\(writtenName)==\(version)"
                    if installed == own || installed == requirement { already = true; continue }
                    operations.append(.set(list.requirementPath(i), .string(own)))
                    writtenRequirements.insert(own)
                    was.insert(installed)
                }
                if !operations.isEmpty { places.append(list.place) }
                InstalledLibraries.adding(operations, to: list.file, in: &edits)
            }
        }
        guard !edits.isEmpty else {
            if already { throw PlanningStop(outcome: .refused("\(requirement) is already what the bundle installs")) }
            throw PlanningStop(outcome: .refused("\(named ? resources.map(\.spoken).joined(separator: ", ") : "no job or pipeline of this bundle") installs \(name) other than as \(requirement); to add it, ask \"add the PyPI library \(requirement)\""))
        }
        let shown = writtenRequirements.count == 1 ? writtenRequirements.first! : requirement
        var plan = Plan(subject: "Use \(shown)\(resources.count == 1 ? " in \(resources[0].key)" : "")\(scope.map { " in \($0)" } ?? "")",
                        summary: "Set \(shown) (was \(was.sorted().joined(separator: ", "))) in \(places.joined(separator: ", "))\(context.forTarget(scope)).",
                        target: scope, resource: resources.count == 1 ? resources[0] : nil, edits: edits)
        if resources.count != 1 { plan.job = nil }
        return plan
    }
}
