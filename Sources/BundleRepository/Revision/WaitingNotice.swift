import Foundation

/// What a revision says, once, when it starts waiting for a lock (another dabrepo revision's, or a git
/// command of the user's holding `.git/index.lock`): to the front end that runs the operation when it
/// set one for the task (`listener`: an MCP client's progress notifications, the tool runner's steps),
/// otherwise `fallback` (standard error; the CLI sets structured progress lines when a tool runner
/// runs it as a child process).
public enum WaitingNotice {
    /// The front end's listener for the current task (and the blocking work it hands to other threads,
    /// which carry it over).
    @TaskLocal public static var listener: Listener?

    /// A front end's listener. (A class: a task-local optional closure crashes optimised Swift 6.3
    /// builds in swift_task_localValuePush.)
    public final class Listener: Sendable {
        let hear: @Sendable (String) -> Void
        public init(_ hear: @escaping @Sendable (String) -> Void) { self.hear = hear }
    }

    /// Where notices go when no task set a handler.
    nonisolated(unsafe) public static var fallback: @Sendable (String) -> Void = { message in
        FileHandle.standardError.write(Data("dabrepo: \(message)\n".utf8))
    }

    /// Says `message` (such as "waiting for another git command to release its lock…").
    static func say(_ message: String) {
        if let listener { listener.hear(message) } else { fallback(message) }
    }
}
