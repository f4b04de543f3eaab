import BundleEditing
import BundleModel
import Foundation

/// "include the resources folder", "include resources/*.yml": resource files the root file's
/// `include` does not bring in yet (a bundle without `include:` deploys none of them).
public enum IncludeIntent: Intent {
    public static let id = "include"
    public static let summary = "resource files brought into the bundle (include)"
    public static let examples = ["include the resources folder", "include resources/*.yml in the bundle"]

    public static func score(_ text: RequestText) -> Int {
        guard text.hasAny(["include", "includes", "included", "load"]) else { return 0 }
        // "include every python file under pipelines/ in the customer pipeline": a pipeline's sources, not
        // configuration files (it wrote `include: pipelines/*.yml` into databricks.yml).
        let yaml = text.original.contains(".yml") || text.original.contains(".yaml") || text.hasAny(["yaml", "yml", "configuration", "config"])
        if !yaml, text.hasAny(["python", "py", "sql", "notebook", "notebooks", "source", "sources", "code", "libraries", "library"]) { return 0 }
        if pattern(text) != nil { return 5 }
        return text.hasAny(["folder", "directory", "files", "file", "yaml", "yml"]) ? 4 : 0
    }

    /// A path or glob the words give ("resources/*.yml", "jobs/etl.yml"), as written.
    static func pattern(_ text: RequestText) -> String? {
        text.original.split(whereSeparator: \.isWhitespace).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ",;\"'`()")) }
            .first { $0.hasSuffix(".yml") || $0.hasSuffix(".yaml") || $0.hasSuffix("/*") || $0.hasSuffix("/") && $0.count > 1 }
            .map { $0.hasSuffix("/") ? $0 + "*.yml" : $0.hasSuffix("/*") ? $0 + ".yml" : $0 }
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        let text = context.request
        let root = context.bundle.rootFile
        var entry = pattern(text)
        if entry == nil {
            // "the resources folder", "the jobs directory": that folder's files.
            // (The folder as written: "the resources/jobs folder" is resources/jobs, not jobs.)
            let tokens = text.original.split(whereSeparator: \.isWhitespace).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ",;\"'`()")) }
            if let t = tokens.firstIndex(where: { ["folder", "directory", "dir"].contains($0.lowercased()) }), t > 0, tokens[t - 1].lowercased() != "the" {
                let folder = tokens[t - 1].trimmingCharacters(in: CharacterSet(charactersIn: "/")).replacingOccurrences(of: "./", with: "")
                entry = folder + "/*.yml"
                // Its files that the include leaves out (`*.yaml` ones beside `resources/*.yml`; a folder
                // holding only `jobs.yaml` got `Resources/*.yml`, which matches nothing).
                let patterns = context.bundle.configuration["include"]?.sequence?.compactMap(\.string) ?? []
                let loaded = Set(context.bundle.files.map(\.path))
                let yamlFiles = context.bundle.source.contents(ofDirectory: folder).sorted().filter { $0.hasSuffix(".yml") || $0.hasSuffix(".yaml") }.map { folder + "/" + $0 }
                let left = yamlFiles.filter { !loaded.contains($0) }
                if !left.isEmpty, !left.contains(where: { $0.hasSuffix(".yml") }) || patterns.contains(entry!) {
                    entry = IncludeEditing.entry(for: left[0], listed: patterns)
                }
            } else {
                let missing = context.notIncludedFiles
                guard let first = missing.first else {
                    throw PlanningStop(outcome: .refused("every resource file of the bundle's folders is included already; name a file or glob (\"include jobs/*.yml\")"))
                }
                entry = IncludeEditing.entry(for: first, listed: [])
            }
        }
        guard let entry else { throw PlanningStop(outcome: .refused("which files? name a file or glob (\"include resources/*.yml\")")) }
        let patterns = context.bundle.configuration["include"]?.sequence?.compactMap(\.string) ?? []
        if patterns.contains(entry) { throw PlanningStop(outcome: .refused("\(root) already includes \(entry)")) }
        // "include resources/app.yml" where `resources/*.yml` brings it in (it was added again, "matching no file yet").
        let path = BundlePath.normalize(entry)
        if context.bundle.files.contains(where: { $0.path == path }) {
            let by = patterns.first { IncludeGlob($0, extended: false).matches(path) || BundlePath.normalize($0) == path }
            throw PlanningStop(outcome: .refused("nothing to change: \(path) is included already\(by.map { " (by \($0) in \(root))" } ?? "")"))
        }
        let glob = IncludeGlob(entry, extended: false)
        // (The files of the glob's folder, whatever it is called: "it matches no file yet" was said of
        // Resources/*.yaml beside Resources/jobs.yaml.)
        let loaded = Set(context.bundle.files.map(\.path))
        let globFolder = BundlePath.directory(of: entry)
        let candidates = context.notIncludedFiles + (globFolder.contains("*") ? [] : context.bundle.source.contents(ofDirectory: globFolder).map { globFolder.isEmpty ? $0 : globFolder + "/" + $0 })
        let brought = Array(Set(candidates.filter { glob.matches($0) && !loaded.contains($0) })).sorted()
        let written = context.rawNode(file: root, path: [.key("include")])
        let operation: EditOperation = written?.sequence != nil ? .append([.key("include")], .string(entry)) : .set([.key("include")], .sequence([.string(entry)]))
        let what = brought.isEmpty ? " (it matches no file yet)" : ": it brings in \(brought.joined(separator: ", "))"
        return Plan(subject: "Include \(entry) in the bundle", summary: "Added \(entry) to the include of \(root)\(what).", edits: [(root, [operation])])
    }
}
