import BundleDiff
import BundleModel
import Foundation

/// One file's change as git's external diff driver shows it: bundle YAML as a semantic diff (by
/// resource and field), anything else, or YAML that does not parse, as a unified diff.
public enum FileDiffReport {
    /// - Parameters:
    ///   - path: the file's path in the repository.
    ///   - old: its content before (nil: the file is new).
    ///   - new: its content after (nil: the file was removed).
    ///   - newPath: the file's new path when git reports a rename.
    public static func text(path: String, old: Data?, new: Data?, newPath: String? = nil) -> String {
        let renamed = newPath.flatMap { $0 != path ? $0 : nil }
        var out = "diff --dabrepo a/\(path) b/\(renamed ?? path)\n"
        if let renamed { out += "rename from \(path)\nrename to \(renamed)\n" }
        let isYAML = [".yml", ".yaml", ".json"].contains { path.hasSuffix($0) }
        let oldResult = old.map { YAMLComposer(file: path).compose($0) }, newResult = new.map { YAMLComposer(file: path).compose($0) }
        let parsed = (oldResult.map { !$0.hasFatalError } ?? true) && (newResult.map { !$0.hasFatalError } ?? true)
        // Only bundle configuration reads as one (a mapping of the bundle's sections, resources and targets
        // mappings): an app's app.yaml (`resources:` a list), a workflow or any other YAML is shown line by line,
        // where a semantic diff would show its changes as none.
        func isConfiguration(_ root: YAMLNode?) -> Bool {
            guard let root else { return true }
            guard let mapping = root.mapping else { return root.isNull }
            return mapping.entries.allSatisfy { entry in
                LoadedBundle.topLevelKeys.contains(entry.key)
                    && (!["resources", "targets", "variables", "environments"].contains(entry.key) || entry.value.mapping != nil || entry.value.isNull)
            }
        }
        let bundleFile = isConfiguration(oldResult?.root) && isConfiguration(newResult?.root) && (oldResult?.root ?? newResult?.root) != nil
        if isYAML && parsed && bundleFile {
            let groups = BundleComparison.groups(oldResult?.root?.mapping ?? YAMLMapping(), newResult?.root?.mapping ?? YAMLMapping())
            let result = BundleDiffResult(from: "a/\(path)", to: "b/\(renamed ?? path)", target: nil, groups: groups, files: [])
            out += result.isEmpty ? "(no change to the configuration; formatting or comments only)\n" : DiffTextFormatter(colored: false).render(result)
        } else {
            let oldText = old.map { String(decoding: $0, as: UTF8.self) } ?? "", newText = new.map { String(decoding: $0, as: UTF8.self) } ?? ""
            out += LineDiff(old: oldText, new: newText).unified(oldName: old == nil ? "/dev/null" : "a/\(path)", newName: new == nil ? "/dev/null" : "b/\(renamed ?? path)")
        }
        return out
    }
}
