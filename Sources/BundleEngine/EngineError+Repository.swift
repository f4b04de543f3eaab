import BundleModel
import BundleRepository

extension EngineError {
    /// A repository's refusal in the engine's terms, the one translation every operation uses. A
    /// refused validation names where each error is.
    public init(_ error: RepositoryError) {
        switch error {
        case .validationFailed(let diagnostics):
            let located = diagnostics.filter { $0.severity == .error }.map(\.locatedLine)
            self.init(.invalid, ([error.description] + located).joined(separator: "\n"))
        case .dependsOnUncommittedEdits(_, let diagnostics):
            let located = diagnostics.filter { $0.severity == .error }.map(\.locatedLine)
            self.init(.conflict, ([error.description] + located).joined(separator: "\n"))
        case .notARepository: self.init(.notFound, error.description)
        // Another writer, or the user's uncommitted edits, are in the way: sorted out first, then again.
        case .locked, .changedMeanwhile, .dirtyFiles, .undoBlockedByEdits, .operationInProgress: self.init(.conflict, error.description)
        case .nothingToUndo, .cancelled, .hookRefused, .hookChangedFiles: self.init(.refused, error.description)
        case .unknownIdentity, .invalidDate, .invalidAuthor, .unknownTemplate, .invalidBundleName, .nameTooLong, .invalidDirectoryName, .directoryNotEmpty, .filesInTheWay, .outsideBundle:
            self.init(.usage, error.description)
        // A revision that does not resolve ("HEAD~5" in a history of three commits) is not found.
        case .git(let git) where git.operation.hasPrefix("resolving revision "):
            let revision = git.operation.dropFirst("resolving revision ".count)
            self.init(.notFound, "no revision \(revision) in this repository (\(git.message)); `git log --oneline` lists the revisions")
        case .git, .io: self.init(.internal, error.description)
        }
    }
}
