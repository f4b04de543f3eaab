import ArgumentParser
import Foundation
import Workspace

struct AuthCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "auth", abstract: "Show how dabrepo authenticates to the workspace.",
        discussion: """
        Example:
          dabrepo auth describe --profile prod
        """,
        subcommands: [AuthDescribeCommand.self])
}

struct AuthDescribeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "describe",
        abstract: "Which host, profile and auth type are used, and where each setting comes from (secrets masked).",
        discussion: """
        Settings come from --profile, DATABRICKS_CONFIG_PROFILE or the default profile of ~/.databrickscfg \
        (or DATABRICKS_CONFIG_FILE), and DATABRICKS_HOST, DATABRICKS_TOKEN, DATABRICKS_CLIENT_ID, \
        DATABRICKS_CLIENT_SECRET, which win over the profile.

        Example:
          dabrepo auth describe
        """)

    @Option(help: "The ~/.databrickscfg profile.")
    var profile: String?

    func run() throws {
        do {
            StandardStreams.out(try WorkspaceConfig.resolve(profileFlag: profile).description + "\n")
        } catch {
            StandardStreams.error("Error: \(error.description)")
            throw ExitCode(2)
        }
    }
}

struct WorkspaceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workspace", abstract: "Check the connection to the workspace.",
        discussion: """
        Example:
          dabrepo workspace health
        """,
        subcommands: [WorkspaceHealthCommand.self])
}

struct WorkspaceHealthCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "health", abstract: "Reach the workspace and say who the credentials belong to.",
        discussion: """
        Example:
          dabrepo workspace health --output json
        """)

    @OptionGroup var workspace: WorkspaceOptions
    @Option(name: [.short, .long], help: "Output format: text or json.") var output: TextOrJSON = .text

    func run() throws {
        let client = try workspace.client()
        let start = Date()
        let user = try workspace.call { () throws(WorkspaceError) in try client.currentUser() }
        let ms = Int(Date().timeIntervalSince(start) * 1000)
        if output == .json {
            let data = try JSONSerialization.data(withJSONObject: ["host": client.config.host, "user": user, "auth_type": client.config.authType.rawValue,
                                                                   "latency_ms": ms], options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
            StandardStreams.out(String(decoding: data, as: UTF8.self) + "\n")
        } else {
            StandardStreams.out("OK: \(client.config.host) answered in \(ms) ms; signed in as \(user) (\(client.config.authType.rawValue))\n")
        }
    }
}

struct JobsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jobs", abstract: "List and read the workspace's jobs.",
        discussion: """
        Examples:
          dabrepo jobs list --name "Nightly Sales"
          dabrepo jobs get 871263 --output json
        """,
        subcommands: [JobsListCommand.self, JobsGetCommand.self])
}

struct JobsListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List jobs (all pages).",
        discussion: """
        Example:
          dabrepo jobs list --limit 50
        """)

    @OptionGroup var workspace: WorkspaceOptions
    @Option(help: "Only jobs with exactly this name.") var name: String?
    @Option(help: "At most this many jobs.") var limit = 1000
    @Option(name: [.short, .long], help: "Output format: text or json.") var output: TextOrJSON = .text

    func run() throws {
        let client = try workspace.client()
        let jobs = try workspace.call { () throws(WorkspaceError) in try client.listJobs(name: name, limit: limit) }
        if output == .json {
            let data = try JSONSerialization.data(withJSONObject: jobs, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
            StandardStreams.out(String(decoding: data, as: UTF8.self) + "\n")
            return
        }
        var out = ""
        for job in jobs {
            let id = (job["job_id"] as? NSNumber)?.intValue ?? 0
            out += "\(id)\t\((job["settings"] as? [String: Any])?["name"] as? String ?? "")\n"
        }
        StandardStreams.out(out + "\(jobs.count) job\(jobs.count == 1 ? "" : "s")\n")
    }
}

struct JobsGetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "get", abstract: "Print a job's settings as JSON (all task pages).",
        discussion: """
        Example:
          dabrepo jobs get 871263 > job.json
        """)

    @OptionGroup var workspace: WorkspaceOptions
    @Argument(help: "The job id.") var id: Int

    func run() throws {
        let client = try workspace.client()
        let job = try workspace.call { () throws(WorkspaceError) in try client.getJob(id) }
        let data = try JSONSerialization.data(withJSONObject: job, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
        StandardStreams.out(String(decoding: data, as: UTF8.self) + "\n")
    }
}
