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
    public static func text(path: String, old: Data?, new: Data?) -> String {
        var out = "diff --dabrepo a/\(path) b/\(path)\n"
        let isYAML = [".yml", ".yaml", ".json"].contains { path.hasSuffix($0) }
        let oldResult = old.map { YAMLComposer(file: path).compose($0) }, newResult = new.map { YAMLComposer(file: path).compose($0) }
        let parsed = (oldResult.map { !$0.hasFatalError } ?? true) && (newResult.map { !$0.hasFatalError } ?? true)
        if isYAML && parsed {
            let groups = BundleComparison.groups(oldResult?.root?.mapping ?? YAMLMapping(), newResult?.root?.mapping ?? YAMLMapping())
            let result = BundleDiffResult(from: "a/\(path)", to: "b/\(path)", target: nil, groups: groups, files: [])
            out += result.isEmpty ? "(no change to the configuration; formatting or comments only)\n" : DiffTextFormatter(colored: false).render(result)
        } else {
            let oldText = old.map { String(decoding: $0, as: UTF8.self) } ?? "", newText = new.map { String(decoding: $0, as: UTF8.self) } ?? ""
            out += LineDiff(old: oldText, new: newText).unified(oldName: old == nil ? "/dev/null" : "a/\(path)", newName: new == nil ? "/dev/null" : "b/\(path)")
        }
        return out
    }
}
