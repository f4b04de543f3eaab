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
        let includes = bundle.configuration["include"]?.sequence?.compactMap(\.string) ?? []
        if includes.contains(where: { IncludeGlob($0).matches(file) }) { return nil }
        let glob = (file as NSString).deletingLastPathComponent.isEmpty ? "*.yml" : (file as NSString).deletingLastPathComponent + "/*.yml"
        let text = String(decoding: ((try? bundle.source.read(bundle.rootFile)) ?? nil) ?? Data(), as: UTF8.self)
        var editor = YAMLEditor(text: text)
        do {
            try editor.append(.string(glob), to: [.key("include")])
        } catch {
            throw Failure(description: "cannot add \(glob) to the include of \(bundle.rootFile): \(error)")
        }
        return (bundle.rootFile, editor.text)
    }
}
