import ArgumentParser
import BundleRepository
import BundleValidation
import Foundation

/// The executable's own absolute path (the hook calls it when `dabrepo` is not on PATH).
enum Executable {
    static var path: String {
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return resolved }
        return URL(fileURLWithPath: CommandLine.arguments[0], relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL.path
    }
}

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

    /// A revision that could not be committed: the validation errors that stopped it (if any), then the
    /// refusal, as `fail` prints it.
    static func failRevision(_ error: RepositoryError) -> ExitCode {
        if case .validationFailed(let diagnostics) = error {
            StandardStreams.error(TextReportFormatter().render(ValidationReport(bundle: nil, targets: [], diagnostics: diagnostics.filter { $0.severity == .error })))
        }
        return fail(error)
    }
}
