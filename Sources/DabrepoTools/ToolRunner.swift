import BundleAgent
import BundleModel
import BundleRepository
import BundleEngine
import Foundation

/// The answer of a tool: what to show, the JSON it produced, and whether it failed.
public struct ToolOutcome: Sendable {
    public var isError: Bool
    /// The command's JSON, or its text; for a failure, what went wrong and what to do.
    public var text: String
    /// The command's JSON output as the text of one object (an array is wrapped as {"items": [...]}),
    /// when it printed JSON.
    public var structuredJSON: Data?

    public init(isError: Bool, text: String, structuredJSON: Data? = nil) {
        self.isError = isError
        self.text = text
        self.structuredJSON = structuredJSON
    }

    /// The outcome with every secret redacted, in the text and in the JSON (whose strings only lose
    /// characters, so it stays valid JSON).
    public var redacted: ToolOutcome {
        let json = structuredJSON.map { data -> Data in
            let text = String(decoding: data, as: UTF8.self)
            let hidden = SecretRedaction.redact(text)
            return hidden == text ? data : Data(hidden.utf8)
        }
        return ToolOutcome(isError: isError, text: SecretRedaction.redact(text), structuredJSON: json)
    }
}

/// A step of a running tool, from its command's progress reports.
public struct ToolProgress: Sendable {
    /// Increases with every step.
    public var progress: Double
    public var total: Double?
    public var message: String
}

/// Runs tools: checks the arguments against the schema, then calls the tool's in-process handler or
/// runs the dabrepo command of the operation in the served repository and turns its output and exit
/// status into an outcome. Revisions (tools that write a repository) run one at a time per
/// repository; everything else runs concurrently, a bounded number at once.
public final class ToolRunner: Sendable {
    /// Where tools with an in-process handler run.
    public enum Isolation: Sendable, Equatable {
        /// In this process (fast: no process to start).
        case inProcess
        /// Every tool in a child process of its own, so that a crash cannot take the server down
        /// (`DABREPO_TOOL_ISOLATION=process`).
        case childProcess

        /// From `DABREPO_TOOL_ISOLATION` (`process` or `in-process`; default in-process).
        public static func from(environment: [String: String]) -> Isolation {
            environment["DABREPO_TOOL_ISOLATION"] == "process" ? .childProcess : .inProcess
        }
    }

    public let executable: URL
    public let directory: URL
    public let environment: [String: String]
    public let isolation: Isolation
    /// Plans `refine_bundle` requests (default: the offline planner).
    public let planningAgent: (any PlanningAgent)?
    private let writes = RepositoryWriters()
    private let processes: AsyncLimiter

    /// - Parameters:
    ///   - executable: the dabrepo binary (this process's own).
    ///   - directory: the served repository: the working directory of every command. Any spelling of
    ///     the folder works: with or without a trailing slash, absolute or relative to the current
    ///     directory.
    ///   - isolation: where tools with a handler run (default: from `DABREPO_TOOL_ISOLATION`).
    public init(executable: URL, directory: URL, environment: [String: String] = ProcessInfo.processInfo.environment, concurrency: Int = 8,
                isolation: Isolation? = nil, planningAgent: (any PlanningAgent)? = nil) {
        self.planningAgent = planningAgent
        self.executable = executable
        self.directory = Self.folder(directory)
        self.isolation = isolation ?? .from(environment: environment)
        var environment = environment
        environment["NO_COLOR"] = "1"
        // Commands report progress as structured lines on standard error (see ProgressReporting).
        environment["DABREPO_PROGRESS"] = "json"
        environment.removeValue(forKey: "DABREPO_TIMINGS")
        self.environment = environment
        self.processes = AsyncLimiter(EnvironmentSetting.count("DABREPO_TOOL_CONCURRENCY", default: max(1, concurrency), range: 1...256, in: environment))
    }

    /// `directory` as an absolute, standardized folder URL (ending in "/"), against which the tools'
    /// relative paths resolve inside it rather than beside it.
    static func folder(_ directory: URL) -> URL {
        var path = directory.path
        if !path.hasPrefix("/") { path = FileManager.default.currentDirectoryPath + "/" + path }
        return URL(fileURLWithPath: path, isDirectory: true).standardizedFileURL
    }

    /// This process's executable.
    public static var currentExecutable: URL {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    }

    /// Runs the tool `name`; `progress` hears of each step its command reports. Secrets are redacted
    /// from the outcome and the progress messages, whatever produced them.
    public func call(_ name: String, arguments: [String: Any], progress: (@Sendable (ToolProgress) -> Void)? = nil) async -> ToolOutcome {
        let redactingProgress = progress.map { report in
            { @Sendable (step: ToolProgress) in
                var step = step
                step.message = SecretRedaction.redact(step.message)
                report(step)
            }
        }
        return await unredactedCall(name, arguments: arguments, progress: redactingProgress).redacted
    }

    private func unredactedCall(_ name: String, arguments: [String: Any], progress: (@Sendable (ToolProgress) -> Void)?) async -> ToolOutcome {
        guard let tool = ToolRegistry.tool(named: name) else {
            return ToolOutcome(error: EngineError(.notFound, ToolRegistry.unknown(name).message))
        }
        let checked: ToolArguments
        do { checked = try ToolArguments(arguments, for: tool) } catch {
            if let message = tool.badArgumentsMessage { return ToolOutcome(error: EngineError(.usage, message(error.problems))) }
            return ToolOutcome(error: EngineError(.usage, error.message + ". Schema: " + Self.schemaText(tool)))
        }
        let invocation: ToolInvocation
        let workingDirectory: URL
        do {
            workingDirectory = try folderInside(checked.string("repo"), argument: "repo")
            for name in tool.localPaths { _ = try folderInside(checked.string(name), argument: name, relativeTo: workingDirectory) }
            var made = try tool.invocation(checked)
            if tool.usesWorkspace, let profile = checked.string("profile") {
                // Every workspace command takes --profile among its options: before the `--` that ends
                // them, or right after `bundle`, whose own arguments are passed through.
                let at = made.arguments.first == "bundle" ? 1 : made.arguments.firstIndex(of: "--") ?? made.arguments.count
                made.arguments.insert(contentsOf: ["--profile", profile], at: at)
            }
            invocation = made
        } catch {
            return ToolOutcome(error: EngineError(.usage, error.message))
        }
        if let handler = tool.handler, isolation == .inProcess {
            // The handler's steps and a revision's "waiting for…" notices, in one increasing order.
            var reportStep: (@Sendable (ToolProgress) -> Void)?
            var notice: WaitingNotice.Listener?
            if let progress {
                let ordered = OrderedProgress(progress)
                reportStep = { @Sendable step in ordered.report(step) }
                notice = WaitingNotice.Listener { message in ordered.say(message) }
            }
            var context = ToolContext(directory: workingDirectory, environment: environment, progress: reportStep)
            context.planningAgent = planningAgent
            context.executable = executable
            let (listener, prepared) = (notice, context)
            // Bounded as child processes are: each holds a thread of its own while it works.
            let run = { @Sendable () async -> ToolOutcome in
                await self.processes.run { await WaitingNotice.$listener.withValue(listener) { await handler(checked, prepared) } }
            }
            return tool.access == .writesRepository ? await writes.limiter(for: workingDirectory).run(run) : await run()
        }
        return await run(tool, invocation, in: workingDirectory, progress: progress)
    }

    /// A local folder named by a tool argument, which must stay inside the served folder (symbolic
    /// links resolved); nil names `base` (default: the served folder).
    private func folderInside(_ path: String?, argument: String, relativeTo base: URL? = nil) throws(ToolCallError) -> URL {
        guard let path else { return base ?? directory }
        let url = URL(fileURLWithPath: path, isDirectory: true, relativeTo: base ?? directory).standardizedFileURL
        guard ResolvedPath.isInside(url.path, directory.path) else {
            throw ToolCallError("\(argument) \(path) is outside the served folder \(directory.path); name a folder inside it, or serve a folder that contains it")
        }
        return url
    }

    private func run(_ tool: ToolDefinition, _ invocation: ToolInvocation, in workingDirectory: URL,
                     progress: (@Sendable (ToolProgress) -> Void)?) async -> ToolOutcome {
        let steps = ProgressSteps(progress)
        let execute = { () async -> ChildProcess.Result in
            await self.processes.run {
                await ChildProcess.run(self.executable, invocation.arguments, in: workingDirectory, environment: self.environment,
                                       standardInput: invocation.standardInput, errorLine: { steps.line($0) })
            }
        }
        let result = tool.access == .writesRepository ? await writes.limiter(for: workingDirectory).run(execute) : await execute()
        return Self.outcome(result, invocation: invocation)
    }

    static func outcome(_ result: ChildProcess.Result, invocation: ToolInvocation) -> ToolOutcome {
        let stdout = String(decoding: result.stdout, as: UTF8.self)
        // Progress lines are not part of what the command said.
        let stderr = String(decoding: result.stderr, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix(ProgressSteps.marker) }.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        var structured: [String: Any]?
        var structuredJSON: Data?
        if invocation.printsJSON, let parsed = try? JSONSerialization.jsonObject(with: result.stdout) {
            structured = parsed as? [String: Any]
            structuredJSON = structured != nil ? result.stdout : Data("{\"items\": ".utf8) + result.stdout + Data("}".utf8)
        }
        if invocation.answers.contains(result.status) {
            var text = stdout.isEmpty ? stderr : stdout
            if !invocation.printsJSON, !stdout.isEmpty, !stderr.isEmpty { text = stdout + "\n" + stderr }
            return ToolOutcome(isError: false, text: text, structuredJSON: structuredJSON)
        }
        // A failure: the command's own message says what went wrong and what to do.
        var message = stderr
        if let object = structured, let detail = object["message"] as? String ?? object["error"] as? String, !message.contains(detail) {
            message = message.isEmpty ? detail : message + "\n" + detail
        }
        if let examples = structured?["examples"] as? [String], !examples.isEmpty {
            message += "\nRequests like these work: " + examples.map { "\"\($0)\"" }.joined(separator: ", ")
        }
        if message.isEmpty { message = stdout.trimmingCharacters(in: .whitespacesAndNewlines) }
        if message.isEmpty { message = "dabrepo \(invocation.arguments.first ?? "") failed with exit status \(result.status)" }
        if message.hasPrefix("Error: ") { message.removeFirst("Error: ".count) }
        // (Every failure carries a structured document: the command's, else {"kind", "message"}.)
        let kind: EngineError.Kind = result.status == 2 ? .usage : .refused
        return ToolOutcome(isError: true, text: message, structuredJSON: structuredJSON ?? EngineJSON.data(EngineError(kind, message)))
    }

    static func schemaText(_ tool: ToolDefinition) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: tool.inputSchema, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}

/// Turns a command's structured progress lines into increasing `ToolProgress` steps.
/// Progress steps passed on with values that always increase (as MCP asks of a progress token), whoever
/// reports them: a tool's handler with its own count, and `WaitingNotice`.
final class OrderedProgress: @unchecked Sendable {
    private let downstream: @Sendable (ToolProgress) -> Void
    private let lock = NSLock()
    private var last = 0.0

    init(_ downstream: @escaping @Sendable (ToolProgress) -> Void) { self.downstream = downstream }

    func report(_ step: ToolProgress) {
        lock.lock()
        defer { lock.unlock() }
        var step = step
        if step.progress <= last { step.progress = last + 0.001 }
        last = step.progress
        downstream(step)
    }

    /// A step without a count.
    func say(_ message: String) {
        lock.lock()
        let value = last + 1
        lock.unlock()
        report(ToolProgress(progress: value, total: nil, message: message))
    }
}

final class ProgressSteps: @unchecked Sendable {
    static let marker = "\u{1E}progress "
    private let report: (@Sendable (ToolProgress) -> Void)?
    private let lock = NSLock()
    private var last = 0.0

    init(_ report: (@Sendable (ToolProgress) -> Void)?) { self.report = report }

    func line(_ line: String) {
        guard report != nil, line.hasPrefix(Self.marker),
              let object = try? JSONSerialization.jsonObject(with: Data(line.dropFirst(Self.marker.count).utf8)) as? [String: Any] else { return }
        step(done: (object["done"] as? NSNumber)?.doubleValue, total: (object["total"] as? NSNumber)?.doubleValue, message: object["message"] as? String ?? "")
    }

    /// A step with a count (`done` of `total`) or without one.
    func step(done: Double?, total: Double?, message: String) {
        guard let report else { return }
        lock.lock()
        // Steps without a count, or a count that does not move forward, still advance.
        let value = done.map { $0 > last ? $0 : last + 0.001 } ?? last + 1
        let step = ToolProgress(progress: value, total: done != nil && value == done ? total : nil, message: message)
        last = value
        report(step)
        lock.unlock()
    }
}

/// One writer at a time per git repository (the folder holding `.git`, at or above the tool's folder),
/// so that writers of different repositories served together do not wait for each other.
final class RepositoryWriters: @unchecked Sendable {
    private let lock = NSLock()
    private var limiters: [String: AsyncLimiter] = [:]

    func limiter(for directory: URL) -> AsyncLimiter {
        let key = Self.repository(of: directory)
        lock.lock()
        defer { lock.unlock() }
        if let known = limiters[key] { return known }
        let made = AsyncLimiter(1)
        limiters[key] = made
        return made
    }

    static func repository(of directory: URL) -> String {
        var folder = directory.standardizedFileURL.resolvingSymlinksInPath()
        while true {
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent(".git").path) { return folder.path }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { return directory.standardizedFileURL.path }
            folder = parent
        }
    }
}

/// At most `limit` bodies at a time; the others wait their turn (in order).
final class AsyncLimiter: @unchecked Sendable {
    private let lock = NSLock()
    private var available: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(_ limit: Int) { available = limit }

    func run<T>(_ body: () async -> T) async -> T {
        await acquire()
        defer { release() }
        return await body()
    }

    private func acquire() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            lock.lock()
            if available > 0 {
                available -= 1
                lock.unlock()
                continuation.resume()
            } else {
                waiting.append(continuation)
                lock.unlock()
            }
        }
    }

    private func release() {
        lock.lock()
        if waiting.isEmpty {
            available += 1
            lock.unlock()
        } else {
            let next = waiting.removeFirst()
            lock.unlock()
            next.resume()
        }
    }
}
