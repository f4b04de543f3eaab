import ArgumentParser
import BundleEngine
import BundleReports
import Foundation
import Workspace
import WorkspaceOperations

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
        DATABRICKS_CLIENT_SECRET, which win over the default profile; a profile chosen \
        with --profile or DATABRICKS_CONFIG_PROFILE that sets another host or token is \
        an error (say which one is meant).

        Example:
          dabrepo auth describe
        """)

    @Option(help: "The ~/.databrickscfg profile.")
    var profile: String?

    @Option(name: [.short, .long], help: "Output format: text or json.") var output: TextOrJSON = .text

    func run() throws {
        do {
            let config = try WorkspaceConfig.resolve(profileFlag: profile)
            if output == .json { JSONOutput.print(config.summary) } else { StandardStreams.out(config.description + "\n") }
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
        let health = try workspace.query(output) { query throws(EngineError) in try query.health() }
        StandardStreams.out(output == .text ? WorkspaceReport.health(health) : health.text)
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
        subcommands: [JobsListCommand.self, JobsGetCommand.self, JobsRunCommand.self])
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
        let document = try workspace.query(output) { query throws(EngineError) in try query.jobs(name: name, limit: limit) }
        StandardStreams.out(output == .json ? document.text : WorkspaceReport.jobs(document))
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
    @Option(name: [.short, .long], help: "Output format: the settings are JSON either way; with json, errors are too.") var output: TextOrJSON = .text

    func run() throws {
        StandardStreams.out(try workspace.query(output) { query throws(EngineError) in try query.job(id) }.text)
    }
}

struct JobsRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Start a job run; with --wait, follow it until it ends.",
        discussion: """
        Exit status with --wait: 0 when the run succeeds, 1 otherwise.

        Example:
          dabrepo jobs run 871263 --param run_date=2026-11-20 --wait
        """)

    @OptionGroup var workspace: WorkspaceOptions
    @Argument(help: "The job id.") var id: Int
    @Option(name: .customLong("param"), help: ArgumentHelp("A job parameter, name=value; repeatable.", valueName: "name=value")) var parameters: [String] = []
    @Flag(help: "Wait for the run to end, showing its progress.") var wait = false
    @Option(help: "Seconds between polls while waiting.") var pollInterval: Double = 5
    @Option(name: [.short, .long], help: "Output format: text or json.") var output: TextOrJSON = .text

    func run() throws {
        var params: [String: String] = [:]
        for p in parameters {
            guard let eq = p.firstIndex(of: "=") else { throw ValidationError("--param expects name=value, got \(p)") }
            params[String(p[..<eq])] = String(p[p.index(after: eq)...])
        }
        let states = TransferProgress.handler(output)
        let output = self.output
        let result: JobRun.Result
        do throws(EngineError) {
            result = try JobRun(connect: workspace.connect).run(.init(jobID: id, parameters: params, wait: wait, pollInterval: pollInterval)) { step in
                if case .runStarted = step { return output == .text ? StandardStreams.out(step.message + "\n") : () }
                states?(step)
            }
        } catch {
            throw error.report(output, status: error.workspaceExitStatus)
        }
        StandardStreams.out(output == .json ? EngineJSON.text(result) : result.message + "\n")
        if !result.succeeded { throw ExitCode(1) }
    }
}

struct SQLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sql", abstract: "Run a SQL statement on a warehouse and print the result.",
        discussion: """
        Example:
          dabrepo sql "SELECT count(*) FROM samples.nyctaxi.trips" --warehouse abc123
        """)

    @OptionGroup var workspace: WorkspaceOptions
    @Argument(help: "The statement.") var statement: String
    @Option(help: "The SQL warehouse id (`dabrepo warehouses list`).") var warehouse: String
    @Option(name: [.short, .long], help: "Output format: text (a table) or json.") var output: TextOrJSON = .text

    func run() throws {
        let (columns, rows, document) = try workspace.query(output) { query throws(EngineError) in try query.sql(statement, warehouse: warehouse) }
        StandardStreams.out(output == .json ? document.text : WorkspaceReport.rows(columns, rows))
    }
}

struct WarehousesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "warehouses", abstract: "SQL warehouses.",
        discussion: """
        Example:
          dabrepo warehouses list
        """,
        subcommands: [WarehousesListCommand.self])
}

struct WarehousesListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List SQL warehouses.",
                                                    discussion: "Example:\n  dabrepo warehouses list --output json")
    @OptionGroup var workspace: WorkspaceOptions
    @Option(name: [.short, .long], help: "Output format: text or json.") var output: TextOrJSON = .text

    func run() throws {
        let document = try workspace.query(output) { query throws(EngineError) in try query.warehouses() }
        StandardStreams.out(output == .json ? document.text : WorkspaceReport.warehouses(document))
    }
}

struct ClustersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clusters", abstract: "Clusters.",
        discussion: "Example:\n  dabrepo clusters get 0123-456789-abcdefgh",
        subcommands: [ClustersGetCommand.self])
}

struct ClustersGetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "get", abstract: "Show a cluster's state and size; --output json prints all its settings.",
                                                    discussion: "Example:\n  dabrepo clusters get 0123-456789-abcdefgh")
    @OptionGroup var workspace: WorkspaceOptions
    @Argument(help: "The cluster id.") var id: String
    @Option(name: [.short, .long], help: "Output format: text (a summary) or json (the whole cluster).") var output: TextOrJSON = .text

    func run() throws {
        let document = try workspace.query(output) { query throws(EngineError) in try query.cluster(id) }
        StandardStreams.out(output == .json ? document.text : WorkspaceReport.cluster(document))
    }
}

struct DBFSCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dbfs", abstract: "DBFS files.",
        discussion: "Example:\n  dabrepo dbfs ls /FileStore",
        subcommands: [DBFSListCommand.self])
}

struct DBFSListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ls", abstract: "List a DBFS folder.",
                                                    discussion: "Example:\n  dabrepo dbfs ls /FileStore/tables")
    @OptionGroup var workspace: WorkspaceOptions
    @Argument(help: "A DBFS path.") var path: String
    @Option(name: [.short, .long], help: "Output format: text or json.") var output: TextOrJSON = .text

    func run() throws {
        let document = try workspace.query(output) { query throws(EngineError) in try query.dbfs(path) }
        StandardStreams.out(output == .json ? document.text : WorkspaceReport.dbfs(document))
    }
}
