import BundleModel
import BundleValidation
import Foundation

/// The pre-commit check: validates, for every target, each bundle in the git index as it is staged
/// (or, given files, only the bundles whose directories contain them: a monorepo's commit is checked
/// against the bundles it touches).
///
/// When the staged changes cannot alter any diagnostic (only existing files that are neither
/// configuration nor sources validation reads changed their content, nothing was added or removed),
/// validation is skipped: HEAD passed it, and the result depends only on configuration contents
/// and on which files exist. Bundles named through files are always validated (`pre-commit run
/// --all-files` checks every bundle that way).
public struct StagedBundleCheck {
    public struct Result {
        /// Bundle directory (relative to the work tree) → its report.
        public var reports: [(directory: String, report: ValidationReport)]
        /// Bundles whose validation was skipped because no staged change could affect it.
        public var skipped: [String] = []
        /// Bundle directory → how many of its errors HEAD already had (said: the commit did not make them;
        /// they block it all the same, as `pre-commit run --all-files` and CI fail on them).
        public var preexisting: [String: Int] = [:]
        public var passed: Bool { reports.allSatisfy { $0.report.errors == 0 } }
    }

    /// Files whose content alone changes findings: configuration; and the sources validation reads — a
    /// notebook's header or JSON (a merge conflict left in an .ipynb), a token written in a script
    /// (a commit of a notebook alone with a secret in it passed the hook unchecked).
    static let configurationExtensions = [".yml", ".yaml", ".json", ".py", ".sql", ".scala", ".r", ".R", ".ipynb", ".sh", ".ps1", ".ts", ".js", ".java"]

    /// Whether a staged change can change the diagnostics of some bundle.
    static func changesCanMatter(index: [String: GitObjectID], head: [String: GitObjectID]) -> Bool {
        guard index.count == head.count else { return true }
        for (path, id) in index where head[path] != id {
            guard head[path] != nil else { return true }
            if configurationExtensions.contains(where: { path.hasSuffix($0) }) { return true }
        }
        return false
    }

    /// libgit2's repository, or the direct reader (which the hook uses: it spares loading libgit2).
    public let repository: any GitSnapshotReading
    /// The index file to check instead of the repository's index (git's GIT_INDEX_FILE, relative to the
    /// current directory or absolute), or nil.
    public let indexFile: String?

    public init(repository: any GitSnapshotReading, indexFile: String? = nil) {
        self.repository = repository
        self.indexFile = indexFile.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The check as git runs a hook: the repository found from `directory` (or from git's GIT_DIR and
    /// GIT_WORK_TREE, which git sets for the hooks of a linked worktree), read directly where it can
    /// (DirectGitReader, sparing libgit2's start-up) and through libgit2 otherwise, and the index git
    /// names in GIT_INDEX_FILE (`git commit -a` and `git commit <paths>` stage into another index file).
    public static func forGitHook(in directory: String) throws(RepositoryError) -> StagedBundleCheck {
        let indexFile = EnvironmentSetting.value("GIT_INDEX_FILE")
        if let reader = DirectGitReader.open(containing: directory, gitDirectory: EnvironmentSetting.value("GIT_DIR"),
                                             workTree: EnvironmentSetting.value("GIT_WORK_TREE")) {
            return StagedBundleCheck(repository: reader, indexFile: indexFile)
        }
        do {
            return StagedBundleCheck(repository: try GitRepository.open(containing: directory), indexFile: indexFile)
        } catch {
            throw .notARepository(directory)
        }
    }

    /// The bundle directories (relative to the work tree, "" for the top) that contain one of the paths.
    static func bundles(_ roots: Set<String>, containing paths: [String]) -> Set<String> {
        roots.filter { root in paths.contains { root.isEmpty || $0 == root || $0.hasPrefix(root + "/") } }
    }

    /// A file's path relative to the work tree, or nil when it is outside it.
    func workTreePath(of file: URL) -> String? {
        let work = URL(fileURLWithPath: repository.workTree).resolvingSymlinksInPath().path
        let directory = file.standardizedFileURL.deletingLastPathComponent().resolvingSymlinksInPath().path
        let path = directory + "/" + file.standardizedFileURL.lastPathComponent
        return path.hasPrefix(work + "/") ? String(path.dropFirst(work.count + 1)) : nil
    }

    /// - Parameter files: when given, only the bundles containing one of them are validated.
    /// - Parameter onlyTouched: only the bundles that contain a file the staged change adds, changes or
    ///   deletes (the installed git hook: a monorepo's commit was blocked by a bundle it did not touch).
    public func run(onlyBundlesContaining files: [URL]? = nil, onlyTouched: Bool = false) throws(RepositoryError) -> Result {
        let entries: [String: GitObjectID]
        do { entries = try repository.indexEntries(indexFile: indexFile) } catch { throw .git(error) }
        // Bundle roots: staged root files (the outermost wins where bundles nest).
        var roots = Set<String>()
        for path in entries.keys {
            let name = path.utf8.lastIndex(of: UInt8(ascii: "/")).map { path[path.utf8.index(after: $0)...] } ?? path[...]
            guard BundleLoader.rootFileNames.contains(where: { $0 == name }) else { continue }
            roots.insert(BundlePath.directory(of: path))
        }
        if let files { roots = Self.bundles(roots, containing: files.compactMap(workTreePath(of:))) }
        // HEAD's tree, read once and only when wanted (given files and no error, the hook reads no more).
        var headRead = false
        var headEntries: [String: GitObjectID]?
        func head() throws(RepositoryError) -> [String: GitObjectID]? {
            if headRead { return headEntries }
            headRead = true
            do {
                if let commit = try repository.headCommitID() { headEntries = try repository.treeEntries(of: commit) }
            } catch {
                throw .git(error)
            }
            return headEntries
        }
        if files == nil, let head = try head() {
            if !Self.changesCanMatter(index: entries, head: head) { return Result(reports: [], skipped: roots.sorted()) }
            // The bundles the commit touches (a file of another bundle, or of none, is no reason to check
            // them: a monorepo's commit was blocked by a bundle it did not touch).
            let changed = onlyTouched ? entries.filter { head[$0.key] != $0.value }.map(\.key) + head.keys.filter { entries[$0] == nil } : []
            let touched = Self.bundles(roots, containing: changed)
            if onlyTouched, touched.count < roots.count {
                let skipped = roots.subtracting(touched)
                roots = touched
                if roots.isEmpty { return Result(reports: [], skipped: skipped.sorted()) }
            }
        }
        var reports: [(String, ValidationReport)] = []
        var preexisting: [String: Int] = [:]
        for directory in roots.sorted() {
            let staged = GitSnapshotFileSource(repository: repository, indexEntries: entries, bundleDirectory: directory)
            let source = withLocalVariableValues(staged, bundleDirectory: directory)
            do {
                var request = ValidationRequest(targets: .all, overrides: .processEnvironment)
                request.findingsCache = FindingsCache.in(URL(fileURLWithPath: repository.gitDirectory).appendingPathComponent("dabrepo/cache"),
                                                         source: source, request: request)
                var report = try request.run(source: source)
                report.diagnostics = report.diagnostics.map { unstagedHint($0, bundleDirectory: directory, staged: entries) }
                reports.append((directory, report))
                // Errors HEAD had too (same rule and words): the commit did not make them.
                if report.errors > 0, let head = (try? head()) ?? nil, head.keys.contains(where: { BundlePath.directory(of: $0) == directory && BundleLoader.rootFileNames.contains(($0 as NSString).lastPathComponent) }) {
                    let before = GitSnapshotFileSource(repository: repository, indexEntries: head, bundleDirectory: directory)
                    if let old = try? ValidationRequest(targets: .all, overrides: .processEnvironment).run(source: withLocalVariableValues(before, bundleDirectory: directory)) {
                        var known = Dictionary(grouping: old.diagnostics.filter { $0.severity == .error }, by: Self.sameness).mapValues(\.count)
                        var count = 0
                        for diagnostic in report.diagnostics where diagnostic.severity == .error {
                            let key = Self.sameness(diagnostic)
                            if let left = known[key], left > 0 { known[key] = left - 1; count += 1 }
                        }
                        if count > 0 { preexisting[directory] = count }
                    }
                }
            } catch {
                reports.append((directory, .setupFailure(error, allTargets: true)))
            }
        }
        return Result(reports: reports, skipped: [], preexisting: preexisting)
    }

    /// A file the commit names that is on disk but not staged ("notebook ../src/x.py does not exist" while
    /// x.py waits to be added): said, with the command that stages it.
    func unstagedHint(_ diagnostic: Diagnostic, bundleDirectory: String, staged: [String: GitObjectID]) -> Diagnostic {
        guard diagnostic.severity == .error, diagnostic.summary.hasSuffix(" does not exist"), let file = diagnostic.location?.file,
              let value = diagnostic.summary.dropLast(" does not exist".count).split(separator: " ").last.map(String.init) else { return diagnostic }
        let yamlDirectory = ((bundleDirectory.isEmpty ? file : bundleDirectory + "/" + file) as NSString).deletingLastPathComponent
        var parts: [Substring] = []
        for part in (yamlDirectory.isEmpty ? value : yamlDirectory + "/" + value).split(separator: "/") where part != "." {
            if part == ".." {
                guard !parts.isEmpty else { return diagnostic }
                parts.removeLast()
            } else {
                parts.append(part)
            }
        }
        let relative = parts.joined(separator: "/")
        guard !value.hasPrefix("/"), !relative.isEmpty, staged[relative] == nil,
              FileManager.default.fileExists(atPath: repository.workTree + "/" + relative) else { return diagnostic }
        var hinted = diagnostic
        hinted.detail = "It is in the working tree but not staged, so this commit would not hold it: `git add \(relative)`."
            + (diagnostic.detail.map { " " + $0 } ?? "")
        return hinted
    }

    /// What makes two findings the same one before and after a change: the rule and its words (lines move).
    static func sameness(_ diagnostic: Diagnostic) -> String {
        diagnostic.rule + "\u{0}" + diagnostic.summary + "\u{0}" + (diagnostic.fingerprint ?? "")
    }

    /// The staged files, with the values of variables the Databricks CLI keeps beside the bundle
    /// (`.databricks/bundle/<target>/variable-overrides.json`, local state that is not committed) read
    /// from the work tree, as `databricks bundle validate` reads them.
    func withLocalVariableValues(_ staged: GitSnapshotFileSource, bundleDirectory: String) -> any BundleFileSource {
        let state = URL(fileURLWithPath: repository.workTree).appendingPathComponent(bundleDirectory)
            .appendingPathComponent(".databricks/bundle")
        var local: [String: Data?] = [:]
        for target in (try? FileManager.default.contentsOfDirectory(atPath: state.path)) ?? [] {
            let path = ".databricks/bundle/\(target)/variable-overrides.json"
            guard !staged.fileExists(path),
                  let data = FileManager.default.contents(atPath: state.appendingPathComponent("\(target)/variable-overrides.json").path) else { continue }
            local[path] = data
        }
        return local.isEmpty ? staged : OverlayFileSource(base: staged, overrides: local)
    }
}
