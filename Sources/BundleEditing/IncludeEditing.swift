import BundleModel
import Foundation

/// Making sure a new resource file is part of the bundle: the root file's `include` gains
/// `resources/*.yml` when none of its globs covers the file.
public enum IncludeEditing {
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    /// The root file's new text, or nil when an include already covers `file` (relative to the root).
    public static func rootFileIncluding(_ file: String, in bundle: LoadedBundle) throws(Failure) -> (path: String, text: String)? {
        let text = String(decoding: ((try? bundle.source.read(bundle.rootFile)) ?? nil) ?? Data(), as: UTF8.self)
        return try rootText(text, including: file, rootFile: bundle.rootFile).map { (bundle.rootFile, $0) }
    }

    /// The include entry that covers a new file: its folder's `*.yml` glob, or the file itself when the
    /// bundle lists its files one by one (a glob would bring in files it leaves out).
    public static func entry(for file: String, listed includes: [String]) -> String {
        if !includes.isEmpty, includes.allSatisfy({ !$0.contains(where: { "*?[".contains($0) }) }) { return file }
        let folder = (file as NSString).deletingLastPathComponent
        // (A `.yaml` file is matched by `*.yaml`: `*.yml` left resources/demo_job.job.yaml out.)
        let glob = file.hasSuffix(".yaml") ? "*.yaml" : "*.yml"
        return folder.isEmpty ? glob : folder + "/" + glob
    }

    /// The root file's text `text` with an include that covers `file`, or nil when one already does.
    public static func rootText(_ text: String, including file: String, rootFile: String) throws(Failure) -> String? {
        let root = YAMLComposer(file: rootFile).compose(text).root
        let includes = root?["include"]?.sequence?.compactMap(\.string) ?? []
        if includes.contains(where: { IncludeGlob($0, extended: false).matches(file) || BundlePath.normalize($0) == file }) { return nil }
        let glob = entry(for: file, listed: includes)
        var editor = YAMLEditor(text: text)
        do {
            try editor.append(.string(glob), to: [.key("include")])
        } catch {
            throw Failure(description: "cannot add \(glob) to the include of \(rootFile): \(error)")
        }
        return editor.text
    }
}
