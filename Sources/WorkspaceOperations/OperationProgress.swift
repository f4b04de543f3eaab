/// A step of a long workspace operation, reported as it happens; each front end shows it in its own
/// way (a bar on a terminal, lines in a CI log, MCP progress notifications).
public enum OperationProgress: Sendable, Equatable {
    /// One of several transfers finished: the activity ("Downloading notebooks"), how many are done
    /// of how many, and the path just transferred.
    case transfer(activity: String, done: Int, total: Int, item: String)
    /// A job run started (before it is followed).
    case runStarted(runID: Int, jobID: Int)
    /// A followed job run changed its life-cycle state (PENDING, RUNNING, TERMINATED, ...).
    case runState(runID: Int, jobID: Int, state: String)

    /// The step in one line.
    public var message: String {
        switch self {
        case .transfer(let activity, let done, let total, let item): return "\(activity) \(done)/\(total): \(item)"
        case .runStarted(let run, let job): return "Started run \(run) of job \(job)"
        case .runState(let run, let job, let state): return "Run \(run) of job \(job): \(state)"
        }
    }
}

/// Hears of each step of an operation (from any thread, one call at a time).
public typealias ProgressHandler = @Sendable (OperationProgress) -> Void

extension Optional where Wrapped == ProgressHandler {
    /// The per-item callback of a batch of `total` transfers (nil when there is at most one).
    func transfers(_ activity: String, total: Int, item: @escaping @Sendable (String) -> String = { $0 }) -> (@Sendable (Int, String) -> Void)? {
        guard let report = self, total > 1 else { return nil }
        return { done, path in report(.transfer(activity: activity, done: done, total: total, item: item(path))) }
    }
}
