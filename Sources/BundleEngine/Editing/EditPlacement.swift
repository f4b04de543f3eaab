import BundleEditing
import BundleModel

/// Where an edit goes: the file, and how much of its path that file already has.
///
/// Without `file`, an edit goes to the file that already defines the path, or else its nearest
/// existing parent (the deepest match; among equals the first file in load order, the root file
/// first); `targets.<t>.…` so goes to the file that defines that target, or the one holding
/// `targets`. A resource the bundle does not have yet goes to a new `resources/<key>.<type>.yml`.
struct EditPlacement {
    var file: String
    var located: LocatedPath
    /// The file does not exist yet.
    var isNew: Bool

    /// The part of a configuration path that a file's YAML has.
    struct LocatedPath {
        /// The matched part, in the file's own terms (keys with dots joined, entries as positions).
        var editPath: EditPath
        /// How many components of the configuration path it covers.
        var matched: Int
        /// The node at the matched part.
        var node: YAMLNode?

        /// Follows `path` into `root` as far as it exists. A key with dots (`a.b`) is found from the
        /// components `a`, `b` too, as `dabrepo diff` prints it.
        init(_ path: ConfigurationPath, in root: YAMLNode?) {
            editPath = []
            matched = 0
            node = root
            let components = path.components
            walk: while matched < components.count, let current = node {
                switch components[matched] {
                case .key(let key):
                    guard let mapping = current.mapping else { break walk }
                    if let value = mapping[key] {
                        editPath.append(.key(key))
                        node = value
                        matched += 1
                        continue
                    }
                    var joined = key
                    var next = matched + 1
                    while next < components.count, case .key(let more) = components[next] {
                        joined += "." + more
                        next += 1
                        if let value = mapping[joined] {
                            editPath.append(.key(joined))
                            node = value
                            matched = next
                            continue walk
                        }
                    }
                    break walk
                case .index(let n):
                    guard let items = current.sequence, items.indices.contains(n) else { break walk }
                    editPath.append(.index(n))
                    node = items[n]
                    matched += 1
                case .identity(let field, let value):
                    guard let items = current.sequence,
                          let n = items.firstIndex(where: { $0[field]?.string == value }) else { break walk }
                    editPath.append(.index(n))
                    node = items[n]
                    matched += 1
                }
            }
        }

        var isComplete: Bool { node != nil }
    }

    /// The file for an edit of `path`, among `files` (in load order, the root file first).
    static func choose(for path: ConfigurationPath, operation: StructuredEdit.Operation, explicitFile: String?,
                       in files: EditedFiles) -> EditPlacement {
        if let explicitFile {
            let file = BundlePath.normalize(explicitFile)
            return EditPlacement(file: file, located: LocatedPath(path, in: files.tree(file)), isNew: !files.contains(file))
        }
        var best: (file: String, located: LocatedPath)?
        for file in files.order {
            let located = LocatedPath(path, in: files.tree(file))
            if best == nil || located.matched > best!.located.matched { best = (file, located) }
        }
        let root = files.rootFile
        guard var best, best.located.matched > 0 else {
            return EditPlacement(file: root, located: LocatedPath(path, in: files.tree(root)), isNew: false)
        }
        // A new resource: a file of its own.
        if path.key(at: 0) == "resources", let type = path.key(at: 1), let key = path.key(at: 2),
           best.located.matched < 3, operation == .set || operation == .append {
            let file = "resources/\(key).\(resourceFileKind(type)).yml"
            best = (file, LocatedPath(path, in: files.tree(file)))
            return EditPlacement(file: file, located: best.located, isNew: !files.contains(file))
        }
        return EditPlacement(file: best.file, located: best.located, isNew: false)
    }

    /// `jobs` → `job`, `schemas` → `schema`: the middle part of a resource file's name.
    static func resourceFileKind(_ type: String) -> String {
        type.hasSuffix("s") ? String(type.dropLast()) : type
    }
}
