import BundleModel
import Foundation

extension BundleSnapshot {
    /// Two snapshots to compare, read so that a file both sides hold unchanged is not parsed when it
    /// cannot make a difference: diff, show and the revision message then pay for the change, not for
    /// the bundle (10 changed jobs among 2,000 parse ~10 files instead of ~2,000).
    ///
    /// A file is left unparsed on both sides only when all of this holds, and otherwise everything is
    /// read as `BundleSnapshot(label:source:cache:)` reads it:
    /// - both sides know content identities (git blob ids, overlays of an edit) and every file whose
    ///   identity differs (or that one side lacks) is parsed and holds nothing but `resources` whose
    ///   types are mappings: targets, variables, includes and every other section are unchanged;
    /// - the file's text shows it is resource-only (`ResourceOnlyText`): it adds resources and nothing
    ///   else, and no target override, variable or `${...}` reference lives in it;
    /// - its text does not hold the key of any resource the changed files define on either side, so
    ///   no resource it defines merges with one that changed.
    /// Its resources are then the same on both sides, in the bundle and in every target, and add no
    /// change; the order of resource types it would have set is kept (`resourceTypeOrder`).
    public static func pair(old: (label: String, source: (any BundleFileSource)?), new: (label: String, source: (any BundleFileSource)?),
                            cache: ParseCache? = nil) -> (old: BundleSnapshot, new: BundleSnapshot) {
        let full = { (BundleSnapshot(label: old.label, source: old.source, cache: cache), BundleSnapshot(label: new.label, source: new.source, cache: cache)) }
        guard let oldSource = old.source, let newSource = new.source else { return full() }
        let changed: @Sendable (String) -> Bool = { path in
            guard let a = oldSource.contentIdentity(path), let b = newSource.contentIdentity(path) else { return true }
            return a != b
        }
        let timing = PhaseTiming()
        // First reading: the root and the changed files only (the others listed, not parsed).
        guard let oldFirst = try? BundleLoader(source: oldSource, cache: cache, shouldRead: { changed($0) }).load(),
              let newFirst = try? BundleLoader(source: newSource, cache: cache, shouldRead: { changed($0) }).load() else { return full() }
        let unchanged = Set((oldFirst.files + newFirst.files).filter(\.isSkipped).map(\.path))
        if unchanged.isEmpty {
            // Every file was read: these are the whole bundles.
            return (BundleSnapshot(label: old.label, source: oldSource, bundle: oldFirst), BundleSnapshot(label: new.label, source: newSource, bundle: newFirst))
        }
        guard let changedKeys = resourceKeysIfOnlyResourcesChanged(oldFirst, newFirst, changed: changed) else { return full() }
        timing.mark("read \(oldFirst.files.count + newFirst.files.count - 2 * unchanged.count) changed files of \(oldFirst.files.count + newFirst.files.count)")
        // Unchanged files that must be read after all: not plainly resource-only, or naming a changed key.
        let paths = unchanged.sorted()
        let results = ScanResults(count: paths.count)
        DispatchQueue.concurrentPerform(iterations: paths.count) { i in
            guard let data = try? newSource.read(paths[i]), let scan = ResourceOnlyText.scan(data),
                  !scan.hasEscapes, !changedKeys.contains(where: { ResourceOnlyText.contains(word: $0, in: data) }) else { return }
            results.set(i, scan)
        }
        var scans: [String: ResourceOnlyText] = [:]
        var mustRead = Set<String>()
        for (i, path) in paths.enumerated() {
            if let scan = results.values[i] { scans[path] = scan } else { mustRead.insert(path) }
        }
        timing.mark("scan \(unchanged.count) unchanged files, \(mustRead.count) to read")
        let read = mustRead
        let loads = [oldSource, newSource].map { source in
            read.isEmpty ? nil : try? BundleLoader(source: source, cache: cache, shouldRead: { changed($0) || read.contains($0) }).load()
        }
        let oldBundle = mustRead.isEmpty ? oldFirst : loads[0], newBundle = mustRead.isEmpty ? newFirst : loads[1]
        guard let oldBundle, let newBundle else { return full() }
        timing.mark("read \(mustRead.count) unchanged files")
        return (BundleSnapshot(label: old.label, source: oldSource, bundle: oldBundle, resourceTypeOrder: typeOrder(oldBundle, scans)),
                BundleSnapshot(label: new.label, source: newSource, bundle: newBundle, resourceTypeOrder: typeOrder(newBundle, scans)))
    }

    /// The keys of the resources the parsed, changed files define on either side, when those files hold
    /// only `resources` (types mapping to resources) and each key is a plain word; nil otherwise.
    static func resourceKeysIfOnlyResourcesChanged(_ old: LoadedBundle, _ new: LoadedBundle, changed: @Sendable (String) -> Bool) -> Set<String>? {
        var keys = Set<String>()
        for file in old.files + new.files where !file.isSkipped && changed(file.path) {
            guard let root = file.root, !root.isNull else { continue }
            guard let mapping = root.mapping, mapping.keys.allSatisfy({ $0 == "resources" }) else { return nil }
            guard let resources = mapping["resources"], !resources.isNull else { continue }
            guard let types = resources.mapping else { return nil }
            for type in types.entries where !type.value.isNull {
                guard let byKey = type.value.mapping else { return nil }
                for key in byKey.keys {
                    guard !key.isEmpty, key.utf8.allSatisfy(ResourceOnlyText.isKeyByte) else { return nil }
                    keys.insert(key)
                }
            }
        }
        return keys
    }

    /// The resource types in the order the whole bundle would list them: file by file, from the tree of
    /// each file read and from the text of each file left unread.
    static func typeOrder(_ bundle: LoadedBundle, _ scans: [String: ResourceOnlyText]) -> [String] {
        var seen = Set<String>(), order: [String] = []
        for file in bundle.files {
            let types = file.isSkipped ? scans[file.path]?.types ?? [] : file.root?.mapping?["resources"]?.mapping?.keys ?? []
            for type in types where seen.insert(type).inserted { order.append(type) }
        }
        return order
    }
}

/// The scans of files read in parallel, one slot each.
private final class ScanResults: @unchecked Sendable {
    private(set) var values: [ResourceOnlyText?]
    private let lock = NSLock()

    init(count: Int) { values = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: ResourceOnlyText) {
        lock.lock()
        values[index] = value
        lock.unlock()
    }
}
