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

    /// The root file's text `text` with an include that covers `file`, or nil when one already does.
    public static func rootText(_ text: String, including file: String, rootFile: String) throws(Failure) -> String? {
        let root = YAMLComposer(file: rootFile).compose(text).root
        let includes = root?["include"]?.sequence?.compactMap(\.string) ?? []
        if includes.contains(where: { IncludeGlob($0).matches(file) }) { return nil }
        let glob = (file as NSString).deletingLastPathComponent.isEmpty ? "*.yml" : (file as NSString).deletingLastPathComponent + "/*.yml"
        var editor = YAMLEditor(text: text)
        do {
            try editor.append(.string(glob), to: [.key("include")])
        } catch {
            throw Failure(description: "cannot add \(glob) to the include of \(rootFile): \(error)")
        }
        return editor.text
    }
}
