import ArgumentParser
import BundleModel
import BundleRepository
import BundleServer
import Foundation

/// `dabrepo serve`: the bundle conversation in the browser (the server lives in BundleServer).
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the bundle conversation in the browser: chat, revisions, files, validation.",
        discussion: """
        Listens on 127.0.0.1 (--port 0, the default, picks a free port) and prints the address to open as \
        the first line of standard output, with a token made for this launch: http://127.0.0.1:PORT/?token=…  \
        The page trades the token for a cookie; scripts send `Authorization: Bearer TOKEN`. Requests for \
        another Host, or that change something from another origin, are refused. The API is described at \
        /api/openapi.json and in the README. Ctrl-C stops running turns (nothing they planned is written) \
        and exits.

        As a Databricks App (DATABRICKS_APP_PORT is set): listens on 0.0.0.0 at that port; the platform's \
        proxy signs users in, and each request's X-Forwarded-Email is the author of the revisions it \
        makes. No token then: a request without the forwarded identity is refused.

        Examples:
          dabrepo serve
          dabrepo serve --repo ~/bundles/nightly_etl --port 8765 --open
          dabrepo serve --port 0 --output json
        """
    )

    @Option(help: ArgumentHelp("The bundle repository to serve (default: the current directory).", valueName: "dir"))
    var repo: String?

    @Option(help: "The port (0 picks a free one).")
    var port: Int = 0

    @Option(help: ArgumentHelp("The address to listen on (default 127.0.0.1; another needs --allow-remote).", valueName: "addr"))
    var host: String = "127.0.0.1"

    @Flag(help: "Allow --host to be an address other than loopback (the token is still required).")
    var allowRemote = false

    @Flag(help: "Open the page in the browser (xdg-open).")
    var open = false

    @Option(name: [.short, .long], help: "Output format of the first line: text (the address) or json ({url, host, port, token}).")
    var output: TextOrJSON = .text

    @OptionGroup(title: "Agent")
    var agentOptions: AgentOptions

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port takes 0 to 65535") }
        if !["127.0.0.1", "localhost", "::1"].contains(host), !allowRemote {
            throw ValidationError("--host \(host) listens beyond this machine; add --allow-remote if that is intended (the token is still required)")
        }
    }

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        if let repo {
            guard FileManager.default.changeCurrentDirectoryPath(repo) else {
                StandardStreams.error("Error: \(repo) is not a directory; pass --repo DIR, the bundle repository to serve")
                throw ExitCode(2)
            }
        }
        let root = try BundleOptions.currentRoot()
        guard GitRepository.exists(containing: root.path) else {
            StandardStreams.error("Error: \(root.path) is not in a git repository; run `dabrepo init` or `git init` there first")
            throw ExitCode(2)
        }
        let (agent, _) = try agentOptions.planningAgent()
        let model = (try? agentOptions.resolve()).flatMap { $0.usesModel ? $0.model : nil }
        var configuration = BundleServer.Configuration(root: root, host: host == "localhost" ? "127.0.0.1" : host, port: port,
                                                       access: .token(AccessToken.generate()), agent: agent, model: model,
                                                       version: DabrepoVersion.line(commit: BuildCommit.id), environment: environment)
        // A Databricks App: the platform's port, every interface, users from its proxy.
        if let appPort = environment["DATABRICKS_APP_PORT"].flatMap(Int.init) {
            configuration.host = "0.0.0.0"
            configuration.port = appPort
            configuration.access = .databricksApp(appHost: environment["DABREPO_APP_HOST"].flatMap { $0.isEmpty ? nil : $0 })
        }
        let json = output == .json, open = self.open, server = BundleServer(configuration)
        let done = DispatchSemaphore(value: 0)
        final class Failure: @unchecked Sendable { var error: Error? }
        let failure = Failure()
        Task {
            do {
                try await server.run { listening in
                    if json {
                        let object: [String: Any] = ["url": listening.url, "host": listening.host, "port": listening.port, "token": listening.token as Any? ?? NSNull()]
                        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
                        Self.printAddress(String(decoding: data, as: UTF8.self))
                    } else {
                        Self.printAddress(listening.url)
                    }
                    StandardStreams.error("dabrepo serve: \(root.path) at \(listening.url.split(separator: "?").first ?? "") (Ctrl-C stops)")
                    if open { Self.openBrowser(listening.url) }
                }
            } catch {
                failure.error = error
            }
            done.signal()
        }
        done.wait()
        if let error = failure.error {
            let failed = server.failure(error)
            throw failed.report(output, status: failed.kind == .usage ? 2 : 1)
        }
    }

    /// The address line, written as it is: the per-launch token in it is meant to be seen (it opens the
    /// page), so it does not go through StandardStreams, which would redact it as a secret.
    static func printAddress(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    static func openBrowser(_ url: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["xdg-open", url]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try? process.run()
    }
}
