import BundleRepository

extension EngineError {
    /// A repository's refusal in the engine's terms, the one translation every operation uses.
    public init(_ error: RepositoryError) {
        switch error {
        case .validationFailed: self.init(.invalid, error.description)
        case .notARepository: self.init(.notFound, error.description)
        // Another writer, or the user's uncommitted edits, are in the way: sorted out first, then again.
        case .locked, .changedMeanwhile, .dirtyFiles, .undoBlockedByEdits: self.init(.conflict, error.description)
        case .nothingToUndo: self.init(.refused, error.description)
        case .unknownIdentity, .invalidDate, .invalidAuthor, .unknownTemplate, .invalidBundleName, .invalidDirectoryName, .directoryNotEmpty:
            self.init(.usage, error.description)
        case .git, .io: self.init(.internal, error.description)
        }
    }
}
