import BundleModel
import Foundation

/// The bundle's files while edits are applied in memory: their text as edited so far and its YAML,
/// in load order (the root file first, new files last).
struct EditedFiles {
    let rootFile: String
    private(set) var order: [String]
    private var original: [String: String] = [:]
    /// The bytes each file had when read (for `Revision.base`: a revision refuses when they changed meanwhile).
    private var read: [String: Data] = [:]
    private var texts: [String: String] = [:]
    private var trees: [String: YAMLNode?] = [:]

    init(_ bundle: LoadedBundle) throws(EngineError) {
        rootFile = bundle.rootFile
        order = bundle.files.map(\.path)
        for file in bundle.files {
            let data: Data?
            do { data = try bundle.source.read(file.path) } catch {
                throw EngineError(.refused, "cannot read \(file.path): \(error.localizedDescription)")
            }
            let text = String(decoding: data ?? Data(), as: UTF8.self)
            if let data { read[file.path] = data }
            original[file.path] = text
            texts[file.path] = text
            trees[file.path] = file.root
        }
    }

    func contains(_ file: String) -> Bool { texts[file] != nil }

    func text(_ file: String) -> String? { texts[file] }

    func tree(_ file: String) -> YAMLNode? { trees[file] ?? nil }

    /// Takes in a file that exists but is not part of the bundle yet (no include covers it).
    mutating func adopt(_ file: String, _ text: String) {
        guard texts[file] == nil else { return }
        original[file] = text
        read[file] = Data(text.utf8)
        update(file, text)
    }

    /// Sets a file's text (adding the file when new) and reads its YAML again.
    mutating func update(_ file: String, _ text: String) {
        if texts[file] == nil { order.append(file) }
        texts[file] = text
        trees[file] = YAMLComposer(file: file).compose(text).root
    }

    /// The files whose text differs from what they were (new files included), sorted.
    var changed: [String: String] {
        texts.filter { original[$0.key] != $0.value }
    }

    /// What the changed files held when read (nil: the file did not exist).
    var changedBase: [String: Data?] {
        Dictionary(uniqueKeysWithValues: changed.keys.map { ($0, read[$0]) })
    }
}
