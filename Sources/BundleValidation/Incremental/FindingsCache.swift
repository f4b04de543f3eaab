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
        // `_typeName`, not String(describing:): that looks for a description among all conformances first.
        let name = _typeName(type(of: source), qualified: false) + "\u{0}" + source.rootDescription + "\u{0}" + request.cacheDescription
        let digest = String(decoding: ContentHashingFileSource.digest(Data(name.utf8)).utf8.map { $0 == UInt8(ascii: ":") ? UInt8(ascii: "-") : $0 },
                            as: UTF8.self)
        return FindingsCache(file: directory.appendingPathComponent("validate-" + digest + ".json"))
    }

    /// The cache directory of the git repository that holds `directory`: `<git-dir>/dabrepo/cache`
    /// (a linked worktree's own git directory); nil outside a repository.
    public static func directory(forBundleAt directory: URL) -> URL? {
        // Paths as strings: URL's path operations cost ~0.2 ms on the way up from a bundle outside git.
        var current = directory.standardizedFileURL.path
        while true {
            let dotGit = current.hasSuffix("/") ? current + ".git" : current + "/.git"
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: dotGit, isDirectory: &isDirectory) {
                if isDirectory.boolValue { return URL(fileURLWithPath: dotGit).appendingPathComponent("dabrepo/cache") }
                // A linked worktree or submodule: `gitdir: PATH`.
                guard let text = try? String(contentsOfFile: dotGit, encoding: .utf8), text.hasPrefix("gitdir:") else { return nil }
                let path = text.dropFirst("gitdir:".count).trimmingCharacters(in: .whitespacesAndNewlines)
                let gitDirectory = path.hasPrefix("/") ? URL(fileURLWithPath: path) : URL(fileURLWithPath: current).appendingPathComponent(path)
                return gitDirectory.standardizedFileURL.appendingPathComponent("dabrepo/cache")
            }
            guard current != "/", let slash = current.lastIndex(of: "/") else { return nil }
            current = slash == current.startIndex ? "/" : String(current[..<slash])
        }
    }

    /// What is stored. Written as lines of tab-separated fields (a JSON document of 2,000 files took
    /// longer to read and write than validating the one file that changed).
    struct Document: Equatable {
        static let format = 2
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
        // A secret in a file's name ("add a schema called dapi…", refused) is not written down in the cache;
        // nor is anything of that run (the next one is cold).
        let text = document.text
        if text.withUnsafeBytes({ SecretRedaction.mayHoldSecret($0.bindMemory(to: UInt8.self)) }),
           SecretRedaction.firstSecret(in: String(decoding: text, as: UTF8.self)) != nil {
            try? FileManager.default.removeItem(at: file)
            return
        }
        let directory = file.deletingLastPathComponent()
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let temporary = directory.appendingPathComponent(".\(file.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: text) else { return }
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

    var text: Data {
        // Bytes appended to one buffer: this is written on every run that learned something, for every
        // file of the bundle.
        var out: [UInt8] = []
        out.reserveCapacity(256 + files.count * 120)
        func put(_ text: String) { out.append(contentsOf: text.utf8) }
        func field(_ text: String) { put(Self.escape(text)) }
        put("\(Self.magic) \(format)\nbuild\t"); field(build)
        put("\ncontext\t"); field(context)
        put("\nreused\t\(reused)\n")
        for probe in probes {
            put("probe\t" + probe.kind.rawValue + "\t"); field(probe.path); put("\t"); field(probe.answer); put("\n")
        }
        let encoder = JSONEncoder()
        for (path, entry) in files.sorted(by: { $0.key < $1.key }) {
            let s = entry.summary
            put("file\t"); field(path); put("\t"); field(entry.identity); put("\t")
            if s.onlyResources { put("o") }
            if s.unreadable { put("u") }
            for list in [s.resources, s.overrides, s.references, s.resourceDigests] {
                put("\t")
                for (i, item) in list.enumerated() {
                    if i > 0 { out.append(0x1F) }
                    field(item)
                }
            }
            put("\t")
            if !entry.findings.isEmpty, let data = try? encoder.encode(entry.findings) { field(String(decoding: data, as: UTF8.self)) }
            put("\n")
        }
        return Data(out)
    }

    /// Reads what `text` wrote; nil when anything is not as written. Lines and fields are found by
    /// their bytes (tab and line feed never occur inside a field), strings made only for field values.
    init?(text data: Data) {
        guard var text = String(validating: data, as: UTF8.self) else { return nil }
        var document: Self?
        text.withUTF8 { document = Self.parse($0) }
        guard let document else { return nil }
        self = document
    }

    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Self? {
        guard bytes.last == 0x0A else { return nil }
        func string(_ range: Range<Int>) -> String {
            let raw = UnsafeBufferPointer(rebasing: bytes[range])
            let text = String(decoding: raw, as: UTF8.self)
            return raw.contains(0x5C) ? unescape(Substring(text)) : text
        }
        func list(_ range: Range<Int>) -> [String] {
            guard !range.isEmpty else { return [] }
            var items: [String] = [], start = range.lowerBound
            for i in range.lowerBound...range.upperBound where i == range.upperBound || bytes[i] == 0x1F {
                items.append(string(start..<i))
                start = i + 1
            }
            return items
        }
        func equals(_ range: Range<Int>, _ word: StaticString) -> Bool {
            range.count == word.utf8CodeUnitCount && (0..<range.count).allSatisfy { bytes[range.lowerBound + $0] == word.utf8Start[$0] }
        }
        var format: Int?, build: String?, context: String?, reused: Int?
        var probes: [ProbeRecordingFileSource.Probe] = []
        var files: [String: Entry] = [:]
        let decoder = JSONDecoder()
        var fields: [Range<Int>] = []
        fields.reserveCapacity(8)
        var lineStart = 0, lineCount = 0
        while lineStart < bytes.count {
            var lineEnd = lineStart
            while bytes[lineEnd] != 0x0A { lineEnd += 1 }
            defer { lineStart = lineEnd + 1; lineCount += 1 }
            if lineCount == 0 {
                let magic = Array(Self.magic.utf8) + [0x20]
                guard lineEnd - lineStart > magic.count, Array(bytes[lineStart..<(lineStart + magic.count)]) == magic,
                      let number = Int(string((lineStart + magic.count)..<lineEnd)) else { return nil }
                format = number
                continue
            }
            fields.removeAll(keepingCapacity: true)
            var fieldStart = lineStart
            for i in lineStart...lineEnd where i == lineEnd || bytes[i] == 0x09 {
                fields.append(fieldStart..<i)
                fieldStart = i + 1
            }
            let kind = fields[0]
            if equals(kind, "build"), fields.count == 2 {
                build = string(fields[1])
            } else if equals(kind, "context"), fields.count == 2 {
                context = string(fields[1])
            } else if equals(kind, "reused"), fields.count == 2 {
                reused = Int(string(fields[1]))
            } else if equals(kind, "probe"), fields.count == 4 {
                guard let probeKind = ProbeRecordingFileSource.Probe.Kind(rawValue: string(fields[1])) else { return nil }
                probes.append(.init(kind: probeKind, path: string(fields[2]), answer: string(fields[3])))
            } else if equals(kind, "file"), fields.count == 9 {
                var summary = BundleFileSummary()
                let flags = UnsafeBufferPointer(rebasing: bytes[fields[3]])
                summary.onlyResources = flags.contains(UInt8(ascii: "o"))
                summary.unreadable = flags.contains(UInt8(ascii: "u"))
                summary.resources = list(fields[4])
                summary.overrides = list(fields[5])
                summary.references = list(fields[6])
                summary.resourceDigests = list(fields[7])
                var findings: [Diagnostic] = []
                if !fields[8].isEmpty {
                    guard let decoded = try? decoder.decode([Diagnostic].self, from: Data(string(fields[8]).utf8)) else { return nil }
                    findings = decoded
                }
                files[string(fields[1])] = Entry(identity: string(fields[2]), summary: summary, findings: findings)
            } else {
                return nil
            }
        }
        guard lineCount >= 4, let format, let build, let context, let reused else { return nil }
        return Self(format: format, build: build, context: context, probes: probes, files: files, reused: reused)
    }
}
