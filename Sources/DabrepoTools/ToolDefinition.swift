import BundleAgent
import Foundation

/// One operation of dabrepo as a tool: its name, what it does, the JSON schema of its arguments and
/// how it runs. The same definitions serve `dabrepo tools`, the MCP server and, later, a web UI.
///
/// A tool with a `handler` runs in process: the handler calls the engine (BundleEngine) directly and
/// returns its Codable result as JSON, with no child process and no text to scrape. Other tools run
/// the dabrepo command that implements the operation (`invocation` maps the arguments to that
/// command's own arguments). Either way there is one implementation of each operation, in a library
/// or behind the command line. With crash isolation (`ToolRunner.Isolation.childProcess`), in-process
/// tools run through their invocation too.
public struct ToolDefinition: Sendable {
    public enum Access: Sendable {
        /// Reads only (the workspace or the repository).
        case reads
        /// Changes the repository: runs one at a time.
        case writesRepository
        /// Changes the workspace (runs a job, uploads files) or runs an outside program.
        case writesWorkspace
    }

    public var name: String
    public var title: String
    public var description: String
    public var parameters: [ToolParameter]
    public var access: Access
    /// Takes `profile` (and passes it on as --profile).
    public var usesWorkspace: Bool
    /// Takes `repo`: the bundle repository to work in, a folder inside the served one (default: the served folder).
    public var worksInRepository: Bool
    /// Arguments naming local folders, which must stay inside the served folder.
    public var localPaths: [String]
    /// The command's arguments for validated tool arguments (also checks what the schema cannot say).
    public var invocation: @Sendable (ToolArguments) throws(ToolCallError) -> ToolInvocation
    /// Runs the tool in this process; nil: the tool runs its invocation as a child process.
    public var handler: ToolHandler?
    /// What arguments that do not match the schema get, from their problems; nil: "bad arguments for
    /// NAME: …" with the schema.
    public var badArgumentsMessage: (@Sendable ([String]) -> String)?

    public init(name: String, title: String, description: String, parameters: [ToolParameter] = [], access: Access = .reads,
                usesWorkspace: Bool = false, worksInRepository: Bool = true, localPaths: [String] = [],
                invocation: @escaping @Sendable (ToolArguments) throws(ToolCallError) -> ToolInvocation) {
        self.name = name
        self.title = title
        self.description = description
        self.parameters = parameters
        self.access = access
        self.usesWorkspace = usesWorkspace
        self.worksInRepository = worksInRepository
        self.localPaths = localPaths
        self.invocation = invocation
        self.handler = nil
        self.badArgumentsMessage = nil
    }

    /// A tool that runs in process. `invocation` (for crash isolation) defaults to
    /// `dabrepo tools call --in-process NAME -` with the arguments on standard input, which runs the same
    /// handler in a child process; `check` validates what the schema cannot say.
    public init(name: String, title: String, description: String, parameters: [ToolParameter] = [], access: Access = .reads,
                usesWorkspace: Bool = false, worksInRepository: Bool = true, localPaths: [String] = [], answers: Set<Int32> = [0],
                check: @escaping @Sendable (ToolArguments) throws(ToolCallError) -> Void = { _ throws(ToolCallError) in },
                invocation: (@Sendable (ToolArguments) throws(ToolCallError) -> ToolInvocation)? = nil,
                handler: @escaping ToolHandler) {
        self.init(name: name, title: title, description: description, parameters: parameters, access: access, usesWorkspace: usesWorkspace,
                  worksInRepository: worksInRepository, localPaths: localPaths) { arguments throws(ToolCallError) in
            try check(arguments)
            if let invocation { return try invocation(arguments) }
            // The child works in the repository already: `repo` is not passed on.
            let values = arguments.values.filter { $0.key != "repo" }
            let data = (try? JSONSerializationBridge.data(values)) ?? Data("{}".utf8)
            return ToolInvocation(["tools", "call", "--in-process", name, "-"], standardInput: data, answers: answers)
        }
        self.handler = handler
    }

    /// The tool with its own message for arguments that do not match the schema.
    public func describingBadArguments(_ message: @escaping @Sendable ([String]) -> String) -> ToolDefinition {
        var tool = self
        tool.badArgumentsMessage = message
        return tool
    }

    /// All parameters, with `repo` for tools that work in the repository and `profile` for workspace tools.
    public var allParameters: [ToolParameter] {
        var all = parameters
        if worksInRepository { all.append(.string("repo", "The bundle repository: a folder inside the served one, relative to it (default: the served folder).")) }
        if usesWorkspace { all.append(.string("profile", "The ~/.databrickscfg profile (default: as the Databricks CLI chooses it).")) }
        return all
    }

    /// The JSON schema of the arguments (an object; no other properties allowed).
    public var inputSchema: [String: Any] {
        var properties: [String: Any] = [:]
        for parameter in allParameters { properties[parameter.name] = parameter.schema }
        var schema: [String: Any] = ["type": "object", "properties": properties, "additionalProperties": false]
        let required = allParameters.filter(\.required).map(\.name)
        if !required.isEmpty { schema["required"] = required }
        return schema
    }
}

/// Runs a tool in process: validated arguments and where to work → the outcome.
public typealias ToolHandler = @Sendable (ToolArguments, ToolContext) async -> ToolOutcome

/// What an in-process tool gets besides its arguments: the state a child process would have had.
public struct ToolContext: Sendable {
    /// The folder the tool works in: the served folder, or the folder its `repo` argument names.
    public var directory: URL
    /// The environment a child process would get (`BUNDLE_VAR_*`, git identity variables).
    public var environment: [String: String]
    /// Recorded in revisions as `Dabrepo-Agent:` (default: the tool's own name for it).
    public var agent: String?
    /// Hears of each step, when the caller asked for progress.
    public var progress: (@Sendable (ToolProgress) -> Void)?
    /// The agent that plans `refine_bundle` requests (the front end's choice; default: the offline planner).
    public var planningAgent: (any PlanningAgent)?
    /// The dabrepo executable, for what calls it later (the pre-commit hook, git's diff driver).
    public var executable: URL?

    public init(directory: URL, environment: [String: String] = ProcessInfo.processInfo.environment, agent: String? = nil,
                progress: (@Sendable (ToolProgress) -> Void)? = nil) {
        self.directory = directory
        self.environment = environment
        self.agent = agent
        self.progress = progress
    }
}

/// What running a tool means: the dabrepo command line, optional standard input, and which exit
/// statuses are answers rather than failures.
public struct ToolInvocation: Sendable {
    public var arguments: [String]
    public var standardInput: Data?
    /// Exit statuses that are a result, not an error: `validate` exits 1 when it finds errors, which
    /// is what was asked; `refine` exits 3 when it asks a question back.
    public var answers: Set<Int32>
    /// The command prints JSON on standard output (`--output json`).
    public var printsJSON: Bool

    public init(_ arguments: [String], standardInput: Data? = nil, answers: Set<Int32> = [0], printsJSON: Bool = true) {
        self.arguments = arguments
        self.standardInput = standardInput
        self.answers = answers
        self.printsJSON = printsJSON
    }
}

/// A failure before anything ran: unknown tool, arguments that do not match the schema.
public struct ToolCallError: Error, Sendable, CustomStringConvertible {
    public var message: String
    /// For arguments that do not match the schema: each problem (`limit must be an integer`).
    public var problems: [String]
    public init(_ message: String, problems: [String] = []) {
        self.message = message
        self.problems = problems
    }
    public var description: String { message }
}
