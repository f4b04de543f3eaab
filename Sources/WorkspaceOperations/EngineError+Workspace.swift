import BundleEngine
import Workspace

extension EngineError {
    /// A failed workspace call in the engine's terms.
    public init(_ error: WorkspaceError) {
        switch error {
        case .notFound: self.init(.notFound, error.description)
        case .unauthenticated: self.init(.unauthenticated, error.description)
        case .permissionDenied, .badRequest: self.init(.refused, error.description)
        case .server, .transport, .invalidResponse, .gaveUp: self.init(.transport, error.description)
        }
    }

    /// A workspace configuration that cannot be used (no host, no credentials, an unknown profile): the
    /// environment must change before anything can run.
    public init(_ error: WorkspaceConfig.ResolutionError) {
        self.init(.usage, error.description)
    }
}

/// Runs workspace calls, their failures as engine errors.
enum WorkspaceCall {
    static func run<T>(_ body: () throws(WorkspaceError) -> T) throws(EngineError) -> T {
        do { return try body() } catch { throw EngineError(error) }
    }
}
