import BundleModel
import BundleValidation
import Foundation

/// The pre-commit check: validates, for every target, each bundle in the git index as it is staged.
public struct StagedBundleCheck {
    public struct Result {
        /// Bundle directory (relative to the work tree) → its report.
        public var reports: [(directory: String, report: ValidationReport)]
        public var passed: Bool { reports.allSatisfy { $0.report.errors == 0 } }
    }

    public let repository: GitRepository

    public init(repository: GitRepository) {
        self.repository = repository
    }

    public func run() throws(RepositoryError) -> Result {
        let entries: [String: GitObjectID]
        do { entries = try repository.indexEntries() } catch { throw .git(error) }
        // Bundle roots: staged root files (the outermost wins where bundles nest).
        var roots = Set<String>()
        for path in entries.keys {
            let name = path.split(separator: "/").last.map(String.init) ?? path
            guard BundleLoader.rootFileNames.contains(name) else { continue }
            roots.insert(BundlePath.directory(of: path))
        }
        var reports: [(String, ValidationReport)] = []
        for directory in roots.sorted() {
            let source = GitIndexFileSource(repository: repository, indexEntries: entries, bundleDirectory: directory)
            do {
                reports.append((directory, try ValidationRequest(targets: .all).run(source: source)))
            } catch {
                reports.append((directory, ValidationReport(bundle: nil, targets: [], diagnostics: [
                    Diagnostic(.error, rule: ModelRuleID.yamlSyntax, summary: error.description),
                ], allTargets: true)))
            }
        }
        return Result(reports: reports)
    }
}
