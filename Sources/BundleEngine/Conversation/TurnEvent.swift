import BundleAgent
import BundleDiff
import BundleModel

/// What happens during a conversation turn, in order, for a front end to render: the CLI as text, MCP
/// as progress notifications, the web page as server-sent events.
public enum TurnEvent: Sendable {
    /// What the agent does on the way (streamed text, tool calls, usage).
    case agent(AgentEvent)
    /// The planned change, before anything is written: what it does and what each resource gets.
    case preview(TurnPreview)
    /// The change would break the bundle: the errors, nothing written.
    case findings([Diagnostic])
}

/// A planned change as the user sees it before it is committed.
public struct TurnPreview: Sendable {
    public var subject: String
    public var summary: String
    /// The target the change is for (nil: the shared definition); the comparison shows what it gets.
    public var target: String?
    public var comparison: BundleDiffResult
    /// The change in the words of the commit message's `Changes:` lines.
    public var changes: [String]
    /// Planned again: another writer's revision landed while this one waited, and an earlier preview of
    /// this turn is stale (front ends say so before this one).
    public var replanned = false
}
