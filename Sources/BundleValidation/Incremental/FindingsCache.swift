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
                            environment: [String: String]? = nil) -> FindingsCache? {
        let setting = environment.map { $0["DABREPO_CACHE"] } ?? EnvironmentSetting.value("DABREPO_CACHE")
        if let setting = setting?.lowercased(), ["off", "0", "false", "no"].contains(setting) { return nil }
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

    /// What is stored. Written as lines of tab-separated fields (a JSON document of 2,000 files took
    /// longer to read and write than validating the one file that changed).
    struct Document: Equatable {
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

        struct Entry: Equatable {
            var identity: String
            var summary: BundleFileSummary
            /// The findings located in this file.
            var findings: [Diagnostic]
        }
    }

    /// The stored document, or nil when there is none or it is not one this build wrote.
    func read() -> Document? {
        guard let data = try? Data(contentsOf: file), let document = Document(text: data),
              document.format == Document.format, document.build == Self.build else { return nil }
        return document
    }

    /// Replaces the stored document (written beside it and renamed: readers see the old or the new one).
    func write(_ document: Document) {
        let directory = file.deletingLastPathComponent()
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let temporary = directory.appendingPathComponent(".\(file.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: document.text) else { return }
        if rename(temporary.path, file.path) != 0 { unlink(temporary.path) }
    }

    /// The identity of the running binary: its device, inode, size and modification time.
    static let build: String = {
        var info = stat()
        guard stat("/proc/self/exe", &info) == 0 else { return DabrepoVersion.current }
        return "\(DabrepoVersion.current):\(info.st_dev):\(info.st_ino):\(info.st_size):\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
    }()
}

extension FindingsCache.Document {
    static let magic = "dabrepo findings cache"

    /// `\\`, tab, line feed, carriage return and the list separator escaped.
    static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == 0x1F }) else { return text }
        var out = ""
        for c in text.unicodeScalars {
            switch c {
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\u{1F}": out += "\\u"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    static func unescape(_ text: Substring) -> String {
        guard text.utf8.contains(0x5C) else { return String(text) }
        var out = ""
        var escaped = false
        for c in text.unicodeScalars {
            if escaped {
                switch c {
                case "t": out += "\t"
                case "n": out += "\n"
                case "r": out += "\r"
                case "u": out += "\u{1F}"
                default: out.unicodeScalars.append(c)
                }
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else {
                out.unicodeScalars.append(c)
            }
        }
        return out
    }

    static func list(_ items: [String]) -> String { items.map(escape).joined(separator: "\u{1F}") }

    static func list(_ field: Substring) -> [String] {
        field.isEmpty ? [] : field.utf8.split(separator: 0x1F, omittingEmptySubsequences: false).map { unescape(Substring($0)) }
    }

    var text: Data {
        var out = "\(Self.magic) \(format)\nbuild\t\(Self.escape(build))\ncontext\t\(Self.escape(context))\nreused\t\(reused)\n"
        for probe in probes {
            out += "probe\t\(probe.kind.rawValue)\t\(Self.escape(probe.path))\t\(Self.escape(probe.answer))\n"
        }
        let encoder = JSONEncoder()
        for (path, entry) in files.sorted(by: { $0.key < $1.key }) {
            let s = entry.summary
            let flags = (s.onlyResources ? "o" : "") + (s.unreadable ? "u" : "")
            var findings = ""
            if !entry.findings.isEmpty, let data = try? encoder.encode(entry.findings) { findings = String(decoding: data, as: UTF8.self) }
            out += "file\t\(Self.escape(path))\t\(Self.escape(entry.identity))\t\(flags)\t\(Self.list(s.resources))\t"
                + "\(Self.list(s.overrides))\t\(Self.list(s.references))\t\(Self.escape(findings))\n"
        }
        return Data(out.utf8)
    }

    /// Reads what `text` wrote; nil when anything is not as written. Lines and fields are split on bytes
    /// (tab and line feed never occur inside a field).
    init?(text data: Data) {
        guard let text = String(validating: data, as: UTF8.self) else { return nil }
        let bytes = Substring(text).utf8
        guard bytes.last == 0x0A else { return nil }
        let lines = bytes.dropLast().split(separator: 0x0A, omittingEmptySubsequences: false).map { Substring($0) }
        guard lines.count >= 4, lines[0].hasPrefix(Self.magic + " "), let format = Int(lines[0].dropFirst(Self.magic.count + 1)) else { return nil }
        var build: String?, context: String?, reused: Int?
        var probes: [ProbeRecordingFileSource.Probe] = []
        var files: [String: Entry] = [:]
        files.reserveCapacity(lines.count)
        let decoder = JSONDecoder()
        for line in lines.dropFirst() {
            let fields = line.utf8.split(separator: 0x09, omittingEmptySubsequences: false).map { Substring($0) }
            switch fields.first {
            case "build" where fields.count == 2: build = Self.unescape(fields[1])
            case "context" where fields.count == 2: context = Self.unescape(fields[1])
            case "reused" where fields.count == 2: reused = Int(fields[1])
            case "probe" where fields.count == 4:
                guard let kind = ProbeRecordingFileSource.Probe.Kind(rawValue: String(fields[1])) else { return nil }
                probes.append(.init(kind: kind, path: Self.unescape(fields[2]), answer: Self.unescape(fields[3])))
            case "file" where fields.count == 8:
                var summary = BundleFileSummary()
                summary.onlyResources = fields[3].utf8.contains(UInt8(ascii: "o"))
                summary.unreadable = fields[3].utf8.contains(UInt8(ascii: "u"))
                summary.resources = Self.list(fields[4])
                summary.overrides = Self.list(fields[5])
                summary.references = Self.list(fields[6])
                var findings: [Diagnostic] = []
                if !fields[7].isEmpty {
                    guard let decoded = try? decoder.decode([Diagnostic].self, from: Data(Self.unescape(fields[7]).utf8)) else { return nil }
                    findings = decoded
                }
                files[Self.unescape(fields[1])] = Entry(identity: Self.unescape(fields[2]), summary: summary, findings: findings)
            default:
                return nil
            }
        }
        guard let build, let context, let reused else { return nil }
        self.init(format: format, build: build, context: context, probes: probes, files: files, reused: reused)
    }
}
