import BundleModel
import Foundation

/// Where incremental validation keeps what it learned about a bundle between runs: one file per bundle,
/// source (working tree or git index) and request, under `<git-dir>/dabrepo/cache/`. Each configuration
/// file's findings are kept with the identity of its content (a git blob id, or its status on disk), so
/// an unchanged file is neither parsed nor checked again. A file that cannot be read, was written by
/// another build of dabrepo, or by another format is ignored and rewritten; a cache never changes a
/// result (`IncrementalValidationTests` compares cold and warm runs on every fixture and corpus bundle).
///
/// `DABREPO_CACHE=off` turns it off.
public struct FindingsCache: Sendable {
    public let file: URL

    public init(file: URL) {
        self.file = file
    }

    /// The cache for validating `source` with `request`'s options, in `directory` (usually
    /// `<git-dir>/dabrepo/cache`); nil when caching is turned off.
    public static func `in`(_ directory: URL, source: any BundleFileSource, request: ValidationRequest,
                            environment: [String: String] = ProcessInfo.processInfo.environment) -> FindingsCache? {
        if let setting = environment["DABREPO_CACHE"]?.lowercased(), ["off", "0", "false", "no"].contains(setting) { return nil }
        let name = String(describing: type(of: source)) + "\u{0}" + source.rootDescription + "\u{0}" + request.cacheDescription
        return FindingsCache(file: directory.appendingPathComponent("validate-" + ContentHashingFileSource.digest(Data(name.utf8))
            .replacingOccurrences(of: ":", with: "-") + ".json"))
    }

    /// The cache directory of the git repository that holds `directory`: `<git-dir>/dabrepo/cache`
    /// (a linked worktree's own git directory); nil outside a repository.
    public static func directory(forBundleAt directory: URL) -> URL? {
        var current = directory.standardizedFileURL
        while true {
            let dotGit = current.appendingPathComponent(".git")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: dotGit.path, isDirectory: &isDirectory) {
                if isDirectory.boolValue { return dotGit.appendingPathComponent("dabrepo/cache") }
                // A linked worktree or submodule: `gitdir: PATH`.
                guard let text = try? String(contentsOf: dotGit, encoding: .utf8), text.hasPrefix("gitdir:") else { return nil }
                let path = text.dropFirst("gitdir:".count).trimmingCharacters(in: .whitespacesAndNewlines)
                let gitDirectory = path.hasPrefix("/") ? URL(fileURLWithPath: path) : current.appendingPathComponent(path)
                return gitDirectory.standardizedFileURL.appendingPathComponent("dabrepo/cache")
            }
            let parent = current.deletingLastPathComponent()
            if parent.path == current.path { return nil }
            current = parent
        }
    }

    /// What is stored.
    struct Document: Codable {
        static let format = 1
        var format: Int
        /// The binary that wrote it: another build may check differently.
        var build: String
        /// Everything besides the cached files' own contents that their findings depend on.
        var context: String
        /// Questions about the file system asked while the kept findings were made, with their answers.
        var probes: [ProbeRecordingFileSource.Probe]
        var files: [String: Entry]
        /// How many files the run that wrote it did not read (their kept findings were used).
        var reused: Int

        struct Entry: Codable {
            var identity: String
            var summary: BundleFileSummary
            /// The findings located in this file.
            var findings: [Diagnostic]
        }
    }

    /// The stored document, or nil when there is none or it is not one this build wrote.
    func read() -> Document? {
        guard let data = try? Data(contentsOf: file),
              let document = try? JSONDecoder().decode(Document.self, from: data),
              document.format == Document.format, document.build == Self.build else { return nil }
        return document
    }

    /// Replaces the stored document (written beside it and renamed: readers see the old or the new one).
    func write(_ document: Document) {
        let directory = file.deletingLastPathComponent()
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        guard let data = try? JSONEncoder().encode(document) else { return }
        let temporary = directory.appendingPathComponent(".\(file.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: data) else { return }
        if rename(temporary.path, file.path) != 0 { unlink(temporary.path) }
    }

    /// The identity of the running binary: its device, inode, size and modification time.
    static let build: String = {
        var info = stat()
        guard stat("/proc/self/exe", &info) == 0 else { return DabrepoVersion.current }
        return "\(DabrepoVersion.current):\(info.st_dev):\(info.st_ino):\(info.st_size):\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
    }()
}
