import BundleModel
import BundleValidation
import Foundation

/// `dabrepo init`: a new bundle from a template, in a new git repository (or as a subdirectory of
/// the repository it is created in), with the hooks installed and a first commit.
public struct BundleInitializer {
    /// The new repository's .gitignore: local state, and what running the bundle's Python tests leaves.
    public static let gitignore = """
        # Local state of the Databricks CLI and of dabrepo.
        .databricks/
        .dabrepo/

        # Python caches (running the tests locally).
        __pycache__/
        *.pyc
        .pytest_cache/

        """

    public struct Result {
        public var directory: URL
        public var bundleName: String
        public var commit: GitObjectID
        public var createdRepository: Bool
        public var files: [String]
        public var hookStatus: HookInstaller.Status
        /// Whether git now uses dabrepo's diff driver; nil when it was not asked for.
        public var diffDriver: GitDiffDriver.Status?
    }

    public var directory: URL
    public var templateName: String
    public var bundleName: String?
    public var authorOverride: String?
    public var executablePath: String
    /// Also configure git's semantic diff of the bundle files (`.gitattributes` and `diff.dabrepo.command`).
    public var diffDriver: Bool

    public init(directory: URL, templateName: String = "default-python", bundleName: String? = nil,
                authorOverride: String? = nil, executablePath: String, diffDriver: Bool = false) {
        self.directory = directory.standardizedFileURL
        self.templateName = templateName
        self.bundleName = bundleName
        self.authorOverride = authorOverride
        self.executablePath = executablePath
        self.diffDriver = diffDriver
    }

    /// `my-project` → `my_project`; names must be usable as resource keys.
    public static func suggestedName(for text: String) -> String {
        // "ünï" → "uni": accents folded, and what is still no ASCII letter or digit becomes `_` (the
        // suggestion must itself be a valid name; it once was the same invalid one).
        let folded = text.folding(options: [.diacriticInsensitive, .widthInsensitive], locale: nil)
        var name = String(folded.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") ? $0 : "_" })
        while name.contains("__") { name = name.replacingOccurrences(of: "__", with: "_") }
        name = name.trimmingCharacters(in: CharacterSet(charactersIn: "_"))
        if name.isEmpty { return "my_bundle" }
        if let first = name.first, !first.isLetter { name = "bundle_" + name }
        return name
    }

    /// The longest bundle or folder name: a file name holds 255 bytes, and `resources/NAME.job.yml` and
    /// the hidden folder init builds in (`.NAME.dabrepo-init-PID`) add to the name.
    static let longestName = 200

    static func isValidName(_ name: String) -> Bool {
        guard let first = name.first, first.isASCII, first.isLetter else { return false }
        // (Hyphens too: the Databricks CLI and its templates' names take them, as in `my-bundle`.)
        return name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }
    }

    /// The hidden folder a new repository for `directory` is built in: `.NAME.dabrepo-init-PID` beside
    /// it. Those of inits that were killed (their process is gone) are removed first.
    static func stagingDirectory(for directory: URL) -> URL {
        let parent = directory.deletingLastPathComponent()
        let prefix = ".\(directory.lastPathComponent).dabrepo-init-"
        for item in (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? [] where item.hasPrefix(prefix) {
            if let pid = Int32(item.dropFirst(prefix.count)), kill(pid, 0) != 0, errno == ESRCH {
                try? FileManager.default.removeItem(at: parent.appendingPathComponent(item))
            }
        }
        return parent.appendingPathComponent(prefix + String(getpid()))
    }

    /// `existing` with the lines of `bundle` it lacks appended (comments and blank lines only where
    /// something is added).
    static func gitignore(adding bundle: String, to existing: String) -> String {
        let have = Set(existing.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) })
        let missing = bundle.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") && !have.contains($0.trimmingCharacters(in: .whitespaces)) }
        guard !missing.isEmpty else { return existing }
        return existing + (existing.isEmpty || existing.hasSuffix("\n") ? "" : "\n") + "\n# Added by dabrepo init: local state and caches.\n" + missing.joined(separator: "\n") + "\n"
    }

    public func run() throws(RepositoryError) -> Result {
        guard let template = BundleTemplate.named(templateName) else {
            let names = BundleTemplate.all.map(\.name)
            throw .unknownTemplate(templateName, available: names, suggestion: Suggestion.closest(to: templateName, among: names))
        }
        // A folder name with a control character (a pasted newline, an escape) is a mistake, and breaks
        // every shell command that names it.
        if let bad = directory.path.unicodeScalars.first(where: { $0.properties.generalCategory == .control }) {
            throw .invalidDirectoryName(directory.path, character: String(format: "U+%04X", bad.value))
        }
        // Names longer than a file name holds fail later with the whole name echoed, several times over.
        guard directory.lastPathComponent.utf8.count <= Self.longestName else {
            throw .nameTooLong(what: "folder name", name: directory.lastPathComponent, limit: Self.longestName)
        }
        let name = bundleName ?? Self.suggestedName(for: directory.lastPathComponent)
        guard name.utf8.count <= Self.longestName else { throw .nameTooLong(what: "bundle name", name: name, limit: Self.longestName) }
        guard Self.isValidName(name) else { throw .invalidBundleName(name, suggestion: Self.suggestedName(for: name)) }
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        var files = template.render(bundleName: name)
        files[".gitignore"] = BundleInitializer.gitignore
        if diffDriver { files[".gitattributes"] = GitDiffDriver.attributes }
        // A folder that already holds something — a fresh clone (`.git` alone), a README and LICENSE as
        // GitHub makes a repository — takes the bundle beside it, as long as no file of the bundle is
        // there already: nothing is overwritten. A `.gitignore` there keeps its lines and gets the
        // bundle's missing ones.
        var kept: [String] = []
        if fm.fileExists(atPath: directory.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue, let items = try? fm.contentsOfDirectory(atPath: directory.path) else {
                throw .directoryNotEmpty(directory.path)
            }
            kept = items
            if !items.isEmpty {
                if let text = try? String(contentsOf: directory.appendingPathComponent(".gitignore"), encoding: .utf8) {
                    files[".gitignore"] = Self.gitignore(adding: BundleInitializer.gitignore, to: text)
                }
                if let bundle = items.first(where: { ["databricks.yml", "databricks.yaml"].contains($0) }) {
                    throw .filesInTheWay(directory.path, files: [bundle])
                }
                let clashing = files.keys.filter { $0 != ".gitignore" && fm.fileExists(atPath: directory.appendingPathComponent($0).path) }.sorted()
                    + files.keys.compactMap { path -> String? in
                        // A file where the bundle needs a folder (`resources` as a file).
                        guard let first = path.split(separator: "/").first, path.contains("/") else { return nil }
                        var folder: ObjCBool = false
                        return fm.fileExists(atPath: directory.appendingPathComponent(String(first)).path, isDirectory: &folder) && !folder.boolValue ? String(first) : nil
                    }
                if !clashing.isEmpty { throw .filesInTheWay(directory.path, files: Array(Set(clashing)).sorted()) }
            }
        }

        // The gate: the new bundle must validate before anything is written.
        let source = InMemoryFileSource(texts: files, rootDescription: directory.path)
        let report: ValidationReport
        do { report = try ValidationRequest(targets: .all).run(source: source) } catch { throw .io(error.description) }
        guard report.errors == 0 else { throw .validationFailed(report.diagnostics) }

        // The nearest existing directory above tells whether the bundle goes into a repository.
        var ancestor = fm.fileExists(atPath: directory.path) ? directory : directory.deletingLastPathComponent()
        while !fm.fileExists(atPath: ancestor.path), ancestor.path != "/" { ancestor.deleteLastPathComponent() }
        let existingRepository = GitRepository.exists(containing: ancestor.path)
        let createdDirectory = !fm.fileExists(atPath: directory.path)
        var firstCreated = directory
        while !fm.fileExists(atPath: firstCreated.deletingLastPathComponent().path) { firstCreated.deleteLastPathComponent() }
        // A new repository is built in a hidden folder beside the bundle's and renamed into place once
        // committed, so a killed init leaves no half-made bundle in the way of the next init.
        let keptGitignore = kept.contains(".gitignore") ? fm.contents(atPath: directory.appendingPathComponent(".gitignore").path) : nil
        let staging = existingRepository ? nil : Self.stagingDirectory(for: directory)
        let buildAt = staging ?? directory
        do {
            let repository: GitRepository
            if existingRepository {
                try fm.createDirectory(at: directory, withIntermediateDirectories: true)
                repository = try GitRepository.open(containing: directory.path)
            } else {
                try fm.createDirectory(at: buildAt.deletingLastPathComponent(), withIntermediateDirectories: true)
                repository = try GitRepository.create(at: buildAt.path, initialBranch: "main")
            }
            let identity = try CommitIdentity.resolve(authorOverride: authorOverride, repository: repository)
            for (path, text) in files { try AtomicFileWriter.write(Data(text.utf8), to: buildAt.appendingPathComponent(path)) }
            let prefix = RevisionCommitter.relativePrefix(of: buildAt, in: repository)
            let hooks = HookInstaller(repository: repository, executablePath: executablePath)
            let hookStatus = try hooks.install()
            let driver = GitDiffDriver(repository: repository, executablePath: executablePath)
            if diffDriver { try driver.configureCommand() }
            let commit = try repository.commit(paths: files.keys.sorted().map { prefix + $0 },
                                               message: "Initialize bundle \(name) from template \(template.name)\n",
                                               identity: identity)
            if let staging {
                if createdDirectory {
                    if rename(staging.path, directory.path) != 0 {
                        throw RepositoryError.io("cannot move the new bundle from \(staging.path) to \(directory.path): \(String(cString: strerror(errno)))")
                    }
                } else {
                    // An existing (empty) folder stays the same folder: renamed over, it would leave a shell
                    // that is in it ("mkdir x && cd x && dabrepo init .") in a deleted directory. Its new
                    // contents move in instead.
                    for item in try fm.contentsOfDirectory(atPath: staging.path) where rename(staging.appendingPathComponent(item).path, directory.appendingPathComponent(item).path) != 0 {
                        throw RepositoryError.io("cannot move \(item) of the new bundle from \(staging.path) to \(directory.path): \(String(cString: strerror(errno)))")
                    }
                    try? fm.removeItem(at: staging)
                }
            }
            return Result(directory: directory, bundleName: name, commit: commit, createdRepository: !existingRepository,
                          files: files.keys.sorted(), hookStatus: hookStatus, diffDriver: diffDriver ? driver.status : nil)
        } catch {
            // Leave nothing behind: the directory was new or empty.
            if let staging { try? fm.removeItem(at: staging) }
            if createdDirectory { try? fm.removeItem(at: firstCreated) } else if let items = try? fm.contentsOfDirectory(atPath: directory.path) {
                // Only what init wrote: what was there before stays, a `.gitignore` as it was.
                for item in items where !kept.contains(item) { try? fm.removeItem(at: directory.appendingPathComponent(item)) }
                if kept.contains(".gitignore"), let before = keptGitignore { try? before.write(to: directory.appendingPathComponent(".gitignore")) }
            }
            if let e = error as? RepositoryError { throw e }
            if let e = error as? GitError { throw .git(e) }
            throw .io(error.localizedDescription)
        }
    }
}
