import BundleEngine
import Foundation
import Workspace

/// Starts a run of a job (run-now) and, when asked, follows it until it ends, reporting each change
/// of its life-cycle state. Polling sleeps on the calling thread: call it off Swift's cooperative pool.
public struct JobRun: Sendable {
    public struct Request: Sendable {
        public var jobID: Int
        /// Job parameters, name → value.
        public var parameters: [String: String]
        /// Follow the run until it ends.
        public var wait: Bool
        /// Seconds between polls while following.
        public var pollInterval: TimeInterval

        public init(jobID: Int, parameters: [String: String] = [:], wait: Bool = false, pollInterval: TimeInterval = 5) {
            self.jobID = jobID
            self.parameters = parameters
            self.wait = wait
            self.pollInterval = pollInterval
        }
    }

    /// The run, and how it ended when it was followed.
    public struct Result: Sendable, Encodable {
        public var runID: Int
        public var jobID: Int
        /// Set when the run was followed to its end.
        public var lifeCycleState: String?
        public var resultState: String?
        public var runPageURL: String?
        /// Why it ended so, as the workspace says ("Task ingest failed with message: …").
        public var stateMessage: String?

        /// Started (not followed), or followed and ended with SUCCESS.
        public var succeeded: Bool { lifeCycleState == nil || resultState == "SUCCESS" }

        enum CodingKeys: String, CodingKey {
            case runID = "run_id", jobID = "job_id", lifeCycleState = "life_cycle_state", resultState = "result_state", runPageURL = "run_page_url",
                 stateMessage = "state_message"
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(runID, forKey: .runID)
            try container.encode(jobID, forKey: .jobID)
            guard let lifeCycleState else { return }
            try container.encode(lifeCycleState, forKey: .lifeCycleState)
            try container.encode(resultState, forKey: .resultState)
            try container.encode(runPageURL, forKey: .runPageURL)
            try container.encodeIfPresent(stateMessage, forKey: .stateMessage)
        }

        /// For people: the run started, or how it ended.
        public var message: String {
            guard lifeCycleState != nil else { return "Started run \(runID) of job \(jobID)" }
            let why = stateMessage.map { ": \($0)" } ?? ""
            return "Run \(runID) ended: \(resultState ?? "")\(why)\(runPageURL.map { " (\($0))" } ?? "")"
        }
    }

    /// The states in which a run has ended.
    static let finalStates: Set<String> = ["TERMINATED", "SKIPPED", "INTERNAL_ERROR"]

    public let connect: WorkspaceConnection.Connect

    public init(connect: @escaping WorkspaceConnection.Connect) {
        self.connect = connect
    }

    public func run(_ request: Request, progress: ProgressHandler? = nil) throws(EngineError) -> Result {
        let client = try connect()
        let runID = try WorkspaceCall.run { () throws(WorkspaceError) in try client.runJob(request.jobID, parameters: request.parameters) }
        var result = Result(runID: runID, jobID: request.jobID)
        guard request.wait else { return result }
        progress?(.runStarted(runID: runID, jobID: request.jobID))
        var last = ""
        while true {
            let run: [String: Any]
            do {
                run = try WorkspaceCall.run { () throws(WorkspaceError) in try client.run(runID) }
            } catch {
                // The run goes on without us: say which one, so that nobody starts it again.
                throw EngineError(error.kind, "\(error.message) (while following run \(runID) of job \(request.jobID), which was started and may still be running; look at it in the workspace's Job runs before starting another)")
            }
            let state = run["state"] as? [String: Any] ?? [:]
            let life = state["life_cycle_state"] as? String ?? "UNKNOWN"
            if life != last {
                progress?(.runState(runID: runID, jobID: request.jobID, state: life))
                last = life
            }
            if Self.finalStates.contains(life) {
                result.lifeCycleState = life
                result.resultState = state["result_state"] as? String ?? life
                result.runPageURL = run["run_page_url"].map { "\($0)" }
                result.stateMessage = (state["state_message"] as? String).flatMap { $0.isEmpty ? nil : $0 }
                return result
            }
            Thread.sleep(forTimeInterval: request.pollInterval)
        }
    }
}
