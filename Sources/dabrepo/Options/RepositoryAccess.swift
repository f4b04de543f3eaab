import ArgumentParser
import BundleRepository
import Foundation

/// Opens the repository of the current directory, or fails with exit status 2.
enum RepositoryAccess {
    static func open(_ path: String = FileManager.default.currentDirectoryPath) throws -> GitRepository {
        do {
            return try GitRepository.open(containing: path)
        } catch {
            StandardStreams.error("Error: \(RepositoryError.notARepository(path).description)")
            throw ExitCode(2)
        }
    }

    /// Prints a refusal and exits: 1 when validation failed, 2 otherwise.
    static func fail(_ error: RepositoryError) -> ExitCode {
        StandardStreams.error("Error: \(error.description)")
        if case .validationFailed = error { return ExitCode(1) }
        return ExitCode(2)
    }
}
