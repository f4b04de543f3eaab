import BundleEditing
import BundleGeneration
import BundleModel
import BundleRepository
import Foundation

/// Scaffolds the bundle's pytest tests (`TestScaffold`) and commits them as one revision through the
/// engine's write path: a test file per Python notebook or file, the helpers, and a test job for the
/// development target. Existing files are kept, so running it again adds tests for new notebooks only.
public struct TestsCreation: Sendable {
    public struct Request: Sendable {
        public var root: URL
        /// The target that gets the test job (nil: the one with `mode: development`, else one named dev).
        public var target: String?
        public var author: String?

        public init(root: URL, target: String? = nil, author: String? = nil) {
            self.root = root
            self.target = target
            self.author = author
        }
    }

    /// What was created (and committed), or that every notebook already has its tests.
    public struct Result: Sendable, Encodable {
        public enum Status: String, Sendable, Encodable { case committed, unchanged }
        public var status: Status
        public var created: [String]
        public var kept: [String]
        /// The test job's key and the target that gets it.
        public var job: String
        public var target: String
        /// The commit id (all 40 characters, as the other operations give it); nil when nothing was committed.
        @EncodedAsNull public var commit: String?
        /// For people: what happened and what to run next.
        public var message: String

        enum CodingKeys: String, CodingKey { case status, created, kept, job, target, commit }
    }

    public init() {}

    public func run(_ request: Request) throws(EngineError) -> Result {
        let root = request.root
        let source = DiskFileSource(root: root)
        let bundle: LoadedBundle
        do { bundle = try BundleLoader(source: source).load() } catch { throw EngineError(.usage, error.description) }
        let names = bundle.targetNames
        let development = names.filter { bundle.targetsMapping?[$0]?["mode"]?.string == "development" }
        guard let chosen = request.target ?? (development.count == 1 ? development[0] : names.contains("dev") ? "dev" : nil) else {
            throw EngineError(.usage, names.isEmpty
                ? "this bundle defines no targets; add a development target (`mode: development`) or name the target for the test job"
                : "no single development target among \(names.joined(separator: ", ")); name the target for the test job")
        }
        guard names.contains(chosen) else {
            throw EngineError(.usage, TargetSelection.Failure.noSuchTarget(name: chosen, available: names, suggestion: Suggestion.closest(to: chosen, among: names)).description)
        }
        let scaffold = TestScaffold(bundleName: bundle.bundleName ?? root.lastPathComponent, target: chosen)
        if bundle.configuration["resources"]?["jobs"]?[scaffold.jobKey] != nil
            || names.contains(where: { bundle.targetsMapping?[$0]?["resources"]?["jobs"]?[scaffold.jobKey] != nil }),
           !source.fileExists(scaffold.jobFile) {
            throw EngineError(.usage, "the bundle already has a job \(scaffold.jobKey) outside \(scaffold.jobFile); rename it, then create the tests again")
        }

        let repository = try? GitRepository.open(containing: root.path)
        let sources = BundleWorkTree.files(in: root, repository: repository).filter(TestScaffold.testable).compactMap { path -> TestScaffold.Source? in
            guard let data = try? source.read(path) else { return nil }
            return TestScaffold.Source(path: path, text: String(decoding: data, as: UTF8.self))
        }
        guard !sources.isEmpty else { throw EngineError(.refused, "the bundle has no Python notebooks or files to test") }
        let (created, kept) = scaffold.files(sources: sources, exists: { source.fileExists($0) })
        let nothingToDo = Result(status: .unchanged, created: [], kept: kept, job: scaffold.jobKey, target: chosen, commit: nil,
                                 message: "Every Python notebook and file already has its tests (\(kept.count) files kept); nothing to do.")
        guard !created.isEmpty else { return nothingToDo }
        var files: [String: Data?] = created.mapValues { Data($0.utf8) }
        // Running the tests leaves Python caches: git should not see them (nor upload send them).
        if let repository, !repository.isIgnored(BundleWorkTree.prefix(of: root, in: repository) + "tests/__pycache__/") {
            let existing = ((try? source.read(".gitignore")) ?? nil).map { String(decoding: $0, as: UTF8.self) } ?? ""
            let separator = existing.isEmpty || existing.hasSuffix("\n\n") ? "" : existing.hasSuffix("\n") ? "\n" : "\n\n"
            files[".gitignore"] = Data((existing + separator + "# Python caches (running the tests locally).\n__pycache__/\n*.pyc\n.pytest_cache/\n").utf8)
        }
        // The job's file must be included.
        if files[scaffold.jobFile] != nil {
            do {
                if let root = try IncludeEditing.rootFileIncluding(scaffold.jobFile, in: bundle) { files[root.path] = Data(root.text.utf8) }
            } catch {
                throw EngineError(.refused, error.description)
            }
        }
        let tests = created.keys.filter { $0.hasPrefix("tests/test_") }.count
        let summary = "Created \(tests) test file\(tests == 1 ? "" : "s") for the bundle's Python notebooks and files"
            + (files[scaffold.jobFile] != nil ? " and the \(scaffold.jobKey) job for target \(chosen)" : "") + "."
        let revision = Revision(subject: "Create tests for \(tests) notebook\(tests == 1 ? "" : "s") and file\(tests == 1 ? "" : "s")",
                                transcript: [.init(speaker: "user", text: "tests create" + (request.target.map { " --target \($0)" } ?? "")),
                                             .init(speaker: "dabrepo", text: summary)],
                                agent: "tests", files: files)
        guard let committed = try RevisionWrite(root: root, author: request.author).commit(revision) else { return nothingToDo }
        return Result(status: .committed, created: files.keys.sorted(), kept: kept, job: scaffold.jobKey, target: chosen, commit: committed.commit,
                      message: "\(summary)\nCommitted \(committed.shortCommit) \"\(committed.subject)\" (\(committed.validation))")
    }
}
