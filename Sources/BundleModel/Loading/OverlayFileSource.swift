import Foundation

/// A file source with some files replaced or removed: how a revision's result looks before it is
/// written, so that it can be validated first.
public struct OverlayFileSource: BundleFileSource {
    public var base: any BundleFileSource
    /// Path → new content; nil removes the file.
    public var overrides: [String: Data?]

    public init(base: any BundleFileSource, overrides: [String: Data?]) {
        self.base = base
        var normalized: [String: Data?] = [:]
        for (k, v) in overrides { normalized[BundlePath.normalize(k)] = v }
        self.overrides = normalized
    }

    public var rootDescription: String { base.rootDescription }
    public var rootFolderNames: [String] { base.rootFolderNames }

    public func read(_ path: String) throws -> Data? {
        let p = BundlePath.normalize(path)
        if let override = overrides[p] { return override }
        return try base.read(p)
    }

    public func fileExists(_ path: String) -> Bool {
        let p = BundlePath.normalize(path)
        if let override = overrides[p] { return override != nil }
        return base.fileExists(p)
    }

    public func directoryExists(_ path: String) -> Bool {
        let p = BundlePath.normalize(path)
        return base.directoryExists(p) || overrides.contains { $0.value != nil && $0.key.hasPrefix(p.isEmpty ? "" : p + "/") }
    }

    /// The base's entries with the overrides in the directory applied.
    public func entries(ofDirectory path: String) -> DirectoryEntries {
        let p = BundlePath.normalize(path)
        let prefix = p.isEmpty ? "" : p + "/"
        var entries = base.entries(ofDirectory: p)
        for (key, value) in overrides where key.hasPrefix(prefix) && key.count > prefix.count {
            let rest = key.dropFirst(prefix.count)
            if let slash = rest.firstIndex(of: "/") {
                let name = String(rest[..<slash])
                if value != nil, !entries.directories.contains(name), !entries.files.contains(name) { entries.directories.append(name) }
            } else {
                let name = String(rest)
                entries.files.removeAll { $0 == name }
                if value != nil {
                    entries.directories.removeAll { $0 == name }
                    entries.files.append(name)
                }
            }
        }
        return entries
    }

    public func contents(ofDirectory path: String) -> [String] {
        let p = BundlePath.normalize(path)
        let prefix = p.isEmpty ? "" : p + "/"
        var names = Set(base.contents(ofDirectory: p))
        for (key, value) in overrides where key.hasPrefix(prefix) {
            let rest = key.dropFirst(prefix.count)
            guard let first = rest.split(separator: "/").first else { continue }
            if value != nil {
                names.insert(String(first))
            } else if !rest.contains("/") {
                names.remove(String(first))
            }
        }
        return names.sorted()
    }

    public func directoryIdentity(_ path: String) -> String? { base.directoryIdentity(path) }
    public var mayLink: Bool { base.mayLink }
    public var holdsUntrackedFiles: Bool { base.holdsUntrackedFiles }

    /// New contents' identities hold within this process only.
    public func contentIdentityIsStable(_ path: String) -> Bool {
        overrides[BundlePath.normalize(path)] == nil && base.contentIdentityIsStable(path)
    }

    /// Unchanged files keep the base's identity; new contents get one from their bytes (valid within
    /// this process, which is as long as a parse cache lives).
    public func contentIdentity(_ path: String) -> String? {
        switch overrides[BundlePath.normalize(path)] {
        case .none: return base.contentIdentity(path)
        case .some(.none): return nil
        case .some(.some(let data)): return "overlay:\(data.count):\(data.hashValue)"
        }
    }
}
