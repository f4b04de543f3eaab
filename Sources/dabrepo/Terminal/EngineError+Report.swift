import ArgumentParser
import BundleEngine
import BundleModel

extension EngineError {
    /// Says what failed, on standard error, and with `--output json` also as the engine's JSON on
    /// standard output (`{"kind", "message"}`, as the tools return it); the exit status for its kind.
    func report(_ output: TextOrJSON, status: Int32? = nil) -> ExitCode {
        if output == .json { StandardStreams.out(EngineJSON.text(self)) }
        StandardStreams.error("Error: \(SecretRedaction.redact(message))")
        return ExitCode(status ?? exitStatus)
    }

    /// The exit status of an operation that talks to a workspace: 1 when the workspace refused or
    /// failed a call (as the change's own refusals), 2 when the request or the environment was unusable.
    var workspaceExitStatus: Int32 {
        switch kind {
        case .refused, .invalid, .notFound, .unauthenticated, .transport: return 1
        case .usage, .conflict, .internal: return 2
        }
    }
}
