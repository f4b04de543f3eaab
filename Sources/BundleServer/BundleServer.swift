import BundleAgent
import BundleEngine
import DabrepoTools
import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// `dabrepo serve`: the API and the page for one bundle repository, until SIGINT or SIGTERM, when the
/// running turns are stopped (nothing they planned is written) and the server exits.
public struct BundleServer: Sendable {
    public struct Configuration: Sendable {
        /// The bundle's root folder (a git work tree).
        public var root: URL
        public var host: String
        /// 0 picks a free port.
        public var port: Int
        public var access: AccessMode
        /// Plans chat requests.
        public var agent: any PlanningAgent
        /// The model behind the agent, for the status bar.
        public var model: String?
        public var version: String
        /// The environment of tools and validation (workspace credentials, `BUNDLE_VAR_*`).
        public var environment: [String: String]
        /// The dabrepo binary the generate tools run.
        public var executable: URL

        public init(root: URL, host: String = "127.0.0.1", port: Int = 0, access: AccessMode, agent: any PlanningAgent, model: String? = nil,
                    version: String, environment: [String: String] = ProcessInfo.processInfo.environment,
                    executable: URL = ToolRunner.currentExecutable) {
            self.root = root
            self.host = host
            self.port = port
            self.access = access
            self.agent = agent
            self.model = model
            self.version = version
            self.environment = environment
            self.executable = executable
        }
    }

    /// Where the server listens, once it does.
    public struct Listening: Sendable {
        public var host: String
        public var port: Int
        /// The address to open: with `?token=` on a machine of one's own.
        public var url: String
        public var token: String?
    }

    public let configuration: Configuration

    public init(_ configuration: Configuration) {
        self.configuration = configuration
    }

    /// Why serving failed, in the engine's terms: the port taken is the usual case, said plainly with what to
    /// do (a usage error); anything else as it came, with the address.
    public func failure(_ error: any Error) -> EngineError {
        let c = configuration
        if (error as? IOError)?.errnoCode == EADDRINUSE || "\(error)".contains("Address already in use") {
            return EngineError(.usage, "port \(c.port) on \(c.host) is in use by another program; pass another --port, or --port 0 for a free one")
        }
        return EngineError(.transport, "cannot serve on \(c.host):\(c.port): \(error)")
    }

    /// Serves until SIGINT or SIGTERM; `onListening` hears the address once it is bound.
    public func run(onListening: @escaping @Sendable (Listening) -> Void) async throws {
        let c = configuration
        let address = ListeningAddress(host: c.host, port: c.port)
        let tools = ToolRunner(executable: c.executable, directory: c.root, environment: c.environment, planningAgent: c.agent)
        let chat = ChatService(root: c.root, agent: c.agent, tools: tools)
        let workspace = WorkspaceStatus()
        workspace.check(environment: c.environment)
        let responder = APIResponder(root: c.root, guardian: RequestGuard(mode: c.access, address: address), chat: chat,
                                     health: HealthRoute(root: c.root, version: c.version, agent: c.agent.name, model: c.model, workspace: workspace),
                                     environment: c.environment)
        // Hummingbird logs to standard output by default; standard output carries only the address.
        var logger = Logger(label: "dabrepo-serve") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = .error
        let app = Application(responder: responder, configuration: .init(address: .hostname(c.host, port: c.port), serverName: nil),
                              onServerRunning: { channel in
                                  address.port = channel.localAddress?.port ?? c.port
                                  var token: String?
                                  if case .token(let t) = c.access { token = t.value }
                                  let url = "http://\(address.authority)/" + (token.map { "?token=\($0)" } ?? "")
                                  onListening(Listening(host: c.host, port: address.port, url: url, token: token))
                              },
                              logger: logger)
        // Services stop in reverse order: the turns first (stopped, nothing written), then the server.
        let group = ServiceGroup(configuration: .init(services: [app, TurnShutdown(turns: chat.turns)],
                                                      gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}

/// Waits for the shutdown signal, then stops every running turn and waits for them to end.
struct TurnShutdown: Service {
    let turns: RunningTurns

    func run() async throws {
        try? await gracefulShutdown()
        await turns.stopAll()
    }
}
