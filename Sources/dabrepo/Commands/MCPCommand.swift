import ArgumentParser
import BundleModel
import DabrepoMCP
import DabrepoTools
import Foundation

/// `dabrepo mcp`: every dabrepo tool over the Model Context Protocol.
struct MCPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcp",
        abstract: "Serve every dabrepo tool over the Model Context Protocol (stdio, or streamable HTTP).",
        discussion: """
        Serves the tools that `dabrepo tools list` shows, for the bundle repository DIR (default: the \
        current directory), to Claude Code, Cursor or any MCP client. Each tool runs the operation of \
        the dabrepo command of the same name in this process (DABREPO_TOOL_ISOLATION=process runs each \
        in a child process), so it validates, commits revisions and fails exactly as that command does; \
        failures are tool results with isError and the command's message. Logs go to \
        standard error; standard output carries only the protocol. When standard input closes, every \
        request already received is answered before the server exits.

        With --http the streamable HTTP transport listens at http://HOST:PORT/mcp, on 127.0.0.1 unless \
        another host is given together with --allow-remote. A bearer token is generated at start and \
        printed once to standard error; every request must carry `Authorization: Bearer TOKEN`.

        Examples:
          claude mcp add dabrepo -- dabrepo mcp --repo .
          dabrepo mcp --repo ~/bundles/nightly_etl
          dabrepo mcp --http 8765
        """
    )

    @Option(help: ArgumentHelp("The bundle repository to serve (default: the current directory).", valueName: "dir"))
    var repo: String?

    @Option(help: ArgumentHelp("Serve streamable HTTP instead of stdio, at [HOST:]PORT (HOST defaults to 127.0.0.1; PORT 0 picks a free one).", valueName: "[host:]port"))
    var http: String?

    @Flag(help: "Allow --http to listen on an address other than loopback (the token is still required).")
    var allowRemote = false

    func validate() throws {
        if let http, Self.address(http) == nil {
            throw ValidationError("--http takes PORT or HOST:PORT, such as 8765 or 127.0.0.1:8765")
        }
        if let http, let (host, _) = Self.address(http), !["127.0.0.1", "localhost", "::1"].contains(host), !allowRemote {
            throw ValidationError("--http \(http) listens beyond this machine; add --allow-remote if that is intended (the bearer token is still required)")
        }
    }

    func run() throws {
        let directory = URL(fileURLWithPath: repo ?? FileManager.default.currentDirectoryPath,
                            relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            StandardStreams.error("Error: \(directory.path) is not a directory; pass --repo DIR, the bundle repository to serve")
            throw ExitCode(2)
        }
        let tools = MCPToolServer(runner: ToolRunner(executable: ToolRunner.currentExecutable, directory: directory, planningAgent: try AgentOptions.configured(directory: directory)), version: DabrepoVersion.current)
        let done = DispatchSemaphore(value: 0)
        final class Failure: @unchecked Sendable { var error: Error? }
        let failure = Failure()
        if let http, let (host, port) = Self.address(http) {
            let token = MCPHTTPServer.generateToken()
            let server = MCPHTTPServer(host: host, port: port, token: token, tools: tools)
            Task {
                do {
                    try await server.run { bound in
                        MCPLog.line("serving \(ToolRegistry.all.count) tools for \(directory.path) at http://\(host.contains(":") ? "[\(host)]" : host):\(bound)/mcp")
                        MCPLog.line("bearer token (shown once): \(token)")
                    }
                } catch {
                    failure.error = error
                }
                done.signal()
            }
        } else {
            Task {
                do { try await tools.serveStandardIO() } catch { failure.error = error }
                done.signal()
            }
        }
        done.wait()
        if let error = failure.error {
            StandardStreams.error("Error: \(error)")
            throw ExitCode(1)
        }
    }

    /// "8765" → 127.0.0.1:8765; "0.0.0.0:8765"; "[::1]:8765".
    static func address(_ text: String) -> (String, Int)? {
        var host = "127.0.0.1", portText = text
        if let colon = text.lastIndex(of: ":") {
            host = String(text[..<colon]).trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
            portText = String(text[text.index(after: colon)...])
        }
        guard !host.isEmpty, let port = Int(portText), (0...65535).contains(port) else { return nil }
        return (host, port)
    }
}
