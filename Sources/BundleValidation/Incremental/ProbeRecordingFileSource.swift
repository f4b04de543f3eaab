import BundleModel
import Foundation

/// A file source that remembers what was asked of it besides file contents: which paths exist and
/// what directories hold (`local-path-exists` asks). Findings kept by incremental validation stay valid
/// only while every such answer is still the same.
final class ProbeRecordingFileSource: BundleFileSource, @unchecked Sendable {
    /// One question and its answer.
    struct Probe: Hashable, Sendable {
        enum Kind: String, Sendable { case file, directory, contents, entries, firstLine, data }
        var kind: Kind
        var path: String
        var answer: String

        /// Whether `source` still gives the same answer.
        func holds(in source: any BundleFileSource) -> Bool {
            Probe.answer(kind, path, source) == answer
        }

        static func answer(_ kind: Kind, _ path: String, _ source: any BundleFileSource) -> String {
            switch kind {
            case .file: return source.fileExists(path) ? "1" : "0"
            case .directory: return source.directoryExists(path) ? "1" : "0"
            case .contents: return source.contents(ofDirectory: path).sorted().joined(separator: "\n")
            case .entries: return entriesAnswer(source.entries(ofDirectory: path))
            case .firstLine: return firstLineAnswer(path, source)
            case .data: return dataAnswer(path, source)
            }
        }

        /// A file's first line, as one answer: its content identity where the source keeps a stable one (a
        /// git blob id: the pre-commit hook asks again about every notebook without reading any), else the
        /// line itself.
        static func firstLineAnswer(_ path: String, _ source: any BundleFileSource) -> String {
            if let identity = source.contentIdentity(path), source.contentIdentityIsStable(path) { return "#" + identity }
            return source.firstLine(path).map { "=" + $0 } ?? "none"
        }

        /// A file's bytes, as one answer: its stable content identity, else a digest of the bytes.
        static func dataAnswer(_ path: String, _ source: any BundleFileSource) -> String {
            if let identity = source.contentIdentity(path), source.contentIdentityIsStable(path) { return "#" + identity }
            return source.readReferencedFile(path).map { "=" + ContentHashingFileSource.digest($0) } ?? "none"
        }

        /// A directory's files and directories, as one answer (`sync-pattern-matches` walks the tree).
        static func entriesAnswer(_ entries: DirectoryEntries) -> String {
            (entries.files.sorted().map { "f " + $0 } + entries.directories.sorted().map { "d " + $0 }).joined(separator: "\n")
        }
    }

    let base: any BundleFileSource
    private var recorded = Set<Probe>()
    private let lock = NSLock()

    init(_ base: any BundleFileSource) {
        self.base = base
    }

    var probes: Set<Probe> {
        lock.lock()
        defer { lock.unlock() }
        return recorded
    }

    private func record(_ kind: Probe.Kind, _ path: String, _ answer: String) {
        lock.lock()
        recorded.insert(Probe(kind: kind, path: path, answer: answer))
        lock.unlock()
    }

    var rootDescription: String { base.rootDescription }
    var rootFolderNames: [String] { base.rootFolderNames }
    func read(_ path: String) throws -> Data? { try base.read(path) }
    func contentIdentity(_ path: String) -> String? { base.contentIdentity(path) }
    func directoryIdentity(_ path: String) -> String? { base.directoryIdentity(path) }
    var mayLink: Bool { base.mayLink }
    var holdsUntrackedFiles: Bool { base.holdsUntrackedFiles }
    func contentIdentityIsStable(_ path: String) -> Bool { base.contentIdentityIsStable(path) }

    func fileExists(_ path: String) -> Bool {
        let exists = base.fileExists(path)
        record(.file, path, exists ? "1" : "0")
        return exists
    }

    func directoryExists(_ path: String) -> Bool {
        let exists = base.directoryExists(path)
        record(.directory, path, exists ? "1" : "0")
        return exists
    }

    func entries(ofDirectory path: String) -> DirectoryEntries {
        let entries = base.entries(ofDirectory: path)
        record(.entries, path, Probe.entriesAnswer(entries))
        return entries
    }

    func firstLine(_ path: String) -> String? {
        let line = base.firstLine(path)
        record(.firstLine, path, Probe.firstLineAnswer(path, base))
        return line
    }

    func readReferencedFile(_ path: String) -> Data? {
        let data = base.readReferencedFile(path)
        record(.data, path, Probe.dataAnswer(path, base))
        return data
    }

    func contents(ofDirectory path: String) -> [String] {
        let names = base.contents(ofDirectory: path)
        record(.contents, path, names.sorted().joined(separator: "\n"))
        return names
    }
}
