import BundleModel

/// The commit message of a revision: a short subject, then the conversation, the changes, the
/// validation result and trailers that mark it as dabrepo's.
///
/// ```
/// Make the dev cluster of nightly_etl smaller
///
/// Transcript:
/// user: make the dev cluster smaller
/// dabrepo: Set 1 worker (was 4) on job cluster etl_cluster of job nightly_etl for target dev.
///
/// Changes:
/// ~ targets.dev.resources.jobs.nightly_etl.job_clusters[etl_cluster].new_cluster.num_workers: 4 → 1
///
/// Validation: OK (targets dev, prod)
///
/// Dabrepo-Session: 3f2a91
/// Dabrepo-Requests: 1
/// Dabrepo-Agent: offline-planner
/// ```
///
/// The transcript is the conversation so far; `Dabrepo-Requests` says how many of its last requests
/// this revision answers (those after the session's previous revision: a question and its answer make
/// two).
public struct RevisionMessage: Sendable, Equatable {
    public struct Turn: Sendable, Equatable {
        /// `user` or `dabrepo`.
        public var speaker: String
        public var text: String

        public init(speaker: String, text: String) {
            self.speaker = speaker
            self.text = text
        }
    }

    public var subject: String
    public var transcript: [Turn]
    public var changes: [String]
    public var validation: String
    public var session: String
    public var agent: String
    /// The language model that planned it, when one did (`Dabrepo-Model:`).
    public var model: String?
    /// The tokens its model calls used (`Dabrepo-Tokens: 1200 input, 80 output`).
    public var tokens: String?
    /// What they cost, when the model's price is configured (`Dabrepo-Cost: $0.0093`).
    public var cost: String?
    /// How many of the transcript's last requests this revision answers (`Dabrepo-Requests:`); nil for
    /// messages written before it was kept: all of them.
    public var ownRequests: Int?

    public init(subject: String, transcript: [Turn], changes: [String], validation: String, session: String, agent: String,
                model: String? = nil, tokens: String? = nil, cost: String? = nil, ownRequests: Int? = nil) {
        self.subject = subject
        self.transcript = transcript
        self.changes = changes
        self.validation = validation
        self.session = session
        self.agent = agent
        self.model = model
        self.tokens = tokens
        self.cost = cost
        self.ownRequests = ownRequests
    }

    static let sessionTrailer = "Dabrepo-Session: "
    static let agentTrailer = "Dabrepo-Agent: "
    static let modelTrailer = "Dabrepo-Model: "
    static let tokensTrailer = "Dabrepo-Tokens: "
    static let costTrailer = "Dabrepo-Cost: "
    static let requestsTrailer = "Dabrepo-Requests: "

    /// The message text, with every secret redacted.
    public var text: String {
        var lines = [oneLine(subject), ""]
        if !transcript.isEmpty {
            lines.append("Transcript:")
            for turn in transcript { lines.append("\(turn.speaker): \(oneLine(turn.text))") }
            lines.append("")
        }
        if !changes.isEmpty {
            lines.append("Changes:")
            lines += changes.map(oneLine)
            lines.append("")
        }
        lines.append("Validation: \(validation)")
        lines.append("")
        lines.append(Self.sessionTrailer + session)
        if let ownRequests { lines.append(Self.requestsTrailer + String(ownRequests)) }
        lines.append(Self.agentTrailer + agent)
        if let model { lines.append(Self.modelTrailer + model) }
        if let tokens { lines.append(Self.tokensTrailer + tokens) }
        if let cost { lines.append(Self.costTrailer + cost) }
        return SecretRedaction.redact(lines.joined(separator: "\n") + "\n")
    }

    func oneLine(_ s: String) -> String {
        s.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    /// `said` (what a commit-msg hook left of `message`) with the `Dabrepo-` trailers of `message` it dropped put back
    /// in its last paragraph: without them the revision was no dabrepo revision, and `undo` refused it.
    static func keepingTrailers(of message: String, in said: String) -> String {
        let missing = message.split(separator: "\n").map(String.init).filter { $0.hasPrefix("Dabrepo-") && !said.contains($0) }
        guard !missing.isEmpty else { return said }
        var text = said
        while text.hasSuffix("\n") { text.removeLast() }
        let last = text.components(separatedBy: "\n\n").last ?? ""
        let trailers = !last.isEmpty && last.split(separator: "\n").allSatisfy { $0.range(of: #"^[A-Za-z0-9-]+: "#, options: .regularExpression) != nil }
        return text + (trailers ? "\n" : "\n\n") + missing.joined(separator: "\n") + "\n"
    }

    /// Reads a revision message back; nil when the commit is not dabrepo's.
    public init?(parsing message: String) {
        let lines = message.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let agentLine = lines.last(where: { $0.hasPrefix(Self.agentTrailer) }) else { return nil }
        agent = String(agentLine.dropFirst(Self.agentTrailer.count))
        session = lines.last(where: { $0.hasPrefix(Self.sessionTrailer) }).map { String($0.dropFirst(Self.sessionTrailer.count)) } ?? ""
        model = lines.last(where: { $0.hasPrefix(Self.modelTrailer) }).map { String($0.dropFirst(Self.modelTrailer.count)) }
        tokens = lines.last(where: { $0.hasPrefix(Self.tokensTrailer) }).map { String($0.dropFirst(Self.tokensTrailer.count)) }
        cost = lines.last(where: { $0.hasPrefix(Self.costTrailer) }).map { String($0.dropFirst(Self.costTrailer.count)) }
        ownRequests = lines.last(where: { $0.hasPrefix(Self.requestsTrailer) }).flatMap { Int($0.dropFirst(Self.requestsTrailer.count)) }
        subject = lines.first ?? ""
        validation = lines.first(where: { $0.hasPrefix("Validation: ") }).map { String($0.dropFirst("Validation: ".count)) } ?? ""
        var section = ""
        transcript = []
        changes = []
        for line in lines.dropFirst() {
            if line == "Transcript:" || line == "Changes:" { section = line; continue }
            if line.isEmpty { section = ""; continue }
            if section == "Transcript:", let colon = line.firstIndex(of: ":") {
                transcript.append(Turn(speaker: String(line[..<colon]), text: String(line[line.index(after: colon)...].drop(while: { $0 == " " }))))
            } else if section == "Changes:" {
                changes.append(line)
            }
        }
    }

    /// What the user asked for in this revision: the last requests of the transcript it answers (the
    /// earlier ones made the session's earlier revisions).
    public var requests: [String] {
        let all = transcript.filter { $0.speaker == "user" }.map(\.text)
        guard let ownRequests, ownRequests > 0 else { return all }
        return Array(all.suffix(ownRequests))
    }
}
