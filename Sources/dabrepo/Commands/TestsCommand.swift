import ArgumentParser
import BundleEditing
import BundleGeneration
import BundleModel
import BundleRepository
import Foundation

/// `dabrepo tests ...`: the bundle's own tests.
struct TestsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tests",
        abstract: "Create pytest tests for the bundle's Python notebooks and files.",
        subcommands: [CreateTestsCommand.self]
    )
}

struct CreateTestsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Scaffold tests/ with pytest tests and a job that runs them on the development target.",
        discussion: """
        Writes tests/conftest.py (helpers and a `spark` fixture), one tests/test_<name>.py per Python \
        notebook or file of the bundle (every Python cell compiles, the widgets jobs pass parameters \
        through are still declared, modules compile and import), tests/run_tests.py (a notebook that \
        runs pytest on the workspace) and resources/<bundle>_tests.job.yml, a job defined for the \
        development target only. Existing files are kept, never overwritten, so running it again adds \
        tests for new notebooks. The result is validated and committed as a revision.

        The development target is --target, else the one with `mode: development`, else one named dev.

        Examples:
          dabrepo tests create
          python -m pytest tests
          dabrepo bundle run demo_tests
        """
    )

    @Option(name: [.short, .long], help: "The target that gets the test job (default: the development target).")
    var target: String?
    @Option(help: .author)
    var author: String?
    @Option(name: [.short, .long], help: "Output format: text or json.") var output: TextOrJSON = .text

    func run() throws {
        let root = try BundleOptions.currentRoot()
        let source = DiskFileSource(root: root)
        let bundle: LoadedBundle
        do { bundle = try BundleLoader(source: source).load() } catch {
            StandardStreams.error("Error: \(error.description)")
            throw ExitCode(2)
        }
        let names = bundle.targetNames
        let development = names.filter { bundle.targetsMapping?[$0]?["mode"]?.string == "development" }
        guard let chosen = target ?? (development.count == 1 ? development[0] : names.contains("dev") ? "dev" : nil) else {
            StandardStreams.error(names.isEmpty
                ? "Error: this bundle defines no targets; add a development target (`mode: development`) or pass --target NAME"
                : "Error: no single development target among \(names.joined(separator: ", ")); pass --target NAME")
            throw ExitCode(2)
        }
        guard names.contains(chosen) else {
            StandardStreams.error("Error: \(TargetSelection.Failure.noSuchTarget(name: chosen, available: names, suggestion: Suggestion.closest(to: chosen, among: names)))")
            throw ExitCode(2)
        }
        let scaffold = TestScaffold(bundleName: bundle.bundleName ?? root.lastPathComponent, target: chosen)
        if bundle.configuration["resources"]?["jobs"]?[scaffold.jobKey] != nil
            || names.contains(where: { bundle.targetsMapping?[$0]?["resources"]?["jobs"]?[scaffold.jobKey] != nil }),
           !source.fileExists(scaffold.jobFile) {
            StandardStreams.error("Error: the bundle already has a job \(scaffold.jobKey) outside \(scaffold.jobFile); rename it, then run tests create again")
            throw ExitCode(2)
        }

        let repository = try? GitRepository.open(containing: root.path)
        let sources = BundleWorkTree.files(in: root, repository: repository).filter(TestScaffold.testable).compactMap { path -> TestScaffold.Source? in
            guard let data = try? source.read(path) else { return nil }
            return TestScaffold.Source(path: path, text: String(decoding: data, as: UTF8.self))
        }
        let (created, kept) = scaffold.files(sources: sources, exists: { source.fileExists($0) })
        var files: [String: Data?] = created.mapValues { Data($0.utf8) }
        // Running the tests leaves Python caches: git should not see them (nor upload send them).
        if !created.isEmpty, let repository, !repository.isIgnored(BundleWorkTree.prefix(of: root, in: repository) + "tests/__pycache__/") {
            let existing = ((try? source.read(".gitignore")) ?? nil).map { String(decoding: $0, as: UTF8.self) } ?? ""
            let separator = existing.isEmpty || existing.hasSuffix("\n\n") ? "" : existing.hasSuffix("\n") ? "\n" : "\n\n"
            files[".gitignore"] = Data((existing + separator + "# Python caches (running the tests locally).\n__pycache__/\n*.pyc\n.pytest_cache/\n").utf8)
        }
        let tests = created.keys.filter { $0.hasPrefix("tests/test_") }.count
        if sources.isEmpty {
            StandardStreams.error("Error: the bundle has no Python notebooks or files to test")
            throw ExitCode(1)
        }
        if created.isEmpty {
            report(created: [], kept: kept, key: scaffold.jobKey, target: chosen, commit: nil,
                   message: "Every Python notebook and file already has its tests (\(kept.count) files kept); nothing to do.")
            return
        }
        // The job's file must be included.
        if files[scaffold.jobFile] != nil {
            do {
                if let root = try IncludeEditing.rootFileIncluding(scaffold.jobFile, in: bundle) { files[root.path] = Data(root.text.utf8) }
            } catch {
                StandardStreams.error("Error: \(error.description)")
                throw ExitCode(1)
            }
        }
        let summary = "Created \(tests) test file\(tests == 1 ? "" : "s") for the bundle's Python notebooks and files"
            + (files[scaffold.jobFile] != nil ? " and the \(scaffold.jobKey) job for target \(chosen)" : "") + "."
        let revision = Revision(subject: "Create tests for \(tests) notebook\(tests == 1 ? "" : "s") and file\(tests == 1 ? "" : "s")",
                                transcript: [.init(speaker: "user", text: "tests create" + (target.map { " --target \($0)" } ?? "")),
                                             .init(speaker: "dabrepo", text: summary)],
                                agent: "tests", files: files)
        do {
            guard case .committed(let result) = try RevisionCommitter(bundleRoot: root, authorOverride: author).commit(revision) else {
                return report(created: [], kept: kept, key: scaffold.jobKey, target: chosen, commit: nil,
                              message: "Every Python notebook and file already has its tests (\(kept.count) files kept); nothing to do.")
            }
            report(created: files.keys.sorted(), kept: kept, key: scaffold.jobKey, target: chosen, commit: result.commit.short,
                   message: "\(summary)\nCommitted \(result.commit.short) \"\(revision.subject)\" (\(result.report.summaryLine))\n"
                       + "Run them: python -m pytest tests   ·   on the workspace: dabrepo bundle run --target \(chosen) \(scaffold.jobKey)")
        } catch {
            throw RepositoryAccess.failRevision(error)
        }
    }

    private func report(created: [String], kept: [String], key: String, target: String, commit: String?, message: String) {
        if output == .json {
            let object: [String: Any] = ["created": created, "kept": kept, "job": key, "target": target, "commit": commit as Any? ?? NSNull(),
                                         "status": commit == nil ? "unchanged" : "committed"]
            JSONOutput.print(object)
        } else {
            StandardStreams.out(message + "\n")
        }
    }
}
