import Foundation

/// How an operation failed, in terms every front end maps on its own: the CLI to an exit status, MCP to
/// an error result, the web page to an HTTP status. Messages say what to do next without naming a
/// front end's flags.
public struct EngineError: Error, Sendable, Codable, CustomStringConvertible {
    public enum Kind: String, Sendable, Codable {
        /// The request itself is malformed (unknown target, bad arguments).
        case usage
        /// Understood, but it cannot be done (nothing to undo, uncommitted edits in the way).
        case refused
        /// The change would break the bundle: validation found errors.
        case invalid
        /// What was named does not exist (a revision, a job, a file).
        case notFound = "not-found"
        /// No credentials, or the workspace or model service refused them.
        case unauthenticated
        /// The network or a service failed (time-outs, 5xx, truncated answers).
        case transport
        /// Another writer holds the repository, or uncommitted edits are in the way.
        case conflict
        /// A defect of dabrepo.
        case `internal`
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }

    /// The CLI's exit status for this kind (2: unusable input or environment, 1: refused or invalid).
    public var exitStatus: Int32 {
        switch kind {
        case .refused, .invalid: return 1
        case .usage, .notFound, .unauthenticated, .transport, .conflict, .internal: return 2
        }
    }
}
