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
        let client = try workspace.client()
        let runID = try workspace.call { () throws(WorkspaceError) in try client.runJob(id, parameters: params) }
        guard wait else {
            if output == .json { JSONOutput.print(["run_id": runID, "job_id": id]) } else { StandardStreams.out("Started run \(runID) of job \(id)\n") }
            return
        }
        if output == .text { StandardStreams.out("Started run \(runID) of job \(id)\n") }
        var last = ""
        while true {
            let run = try workspace.call { () throws(WorkspaceError) in try client.run(runID) }
            let state = run["state"] as? [String: Any] ?? [:]
            let life = state["life_cycle_state"] as? String ?? "UNKNOWN"
            if life != last {
                if !ProgressReporting.emitStructured(done: nil, total: nil, message: "Run \(runID) of job \(id): \(life)") {
                    StandardStreams.error("  \(life)")
                }
                last = life
            }
            if ["TERMINATED", "SKIPPED", "INTERNAL_ERROR"].contains(life) {
                let result = state["result_state"] as? String ?? life
                if output == .json {
                    JSONOutput.print(["run_id": runID, "job_id": id, "life_cycle_state": life, "result_state": result,
                                      "run_page_url": run["run_page_url"] ?? NSNull()])
                } else {
                    StandardStreams.out("Run \(runID) ended: \(result)\(run["run_page_url"].map { " (\($0))" } ?? "")\n")
                }
                if result != "SUCCESS" { throw ExitCode(1) }
                return
            }
            Thread.sleep(forTimeInterval: pollInterval)
        }
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
        let client = try workspace.client()
        let (columns, rows) = try workspace.call { () throws(WorkspaceError) in try client.executeSQL(statement, warehouse: warehouse) }
        if output == .json {
            let objects = rows.map { Dictionary(uniqueKeysWithValues: zip(columns, $0)) }
            JSONOutput.print(objects)
            return
        }
        StandardStreams.out(Table.render(columns, rows) + "(\(rows.count) row\(rows.count == 1 ? "" : "s"))\n")
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
        let client = try workspace.client()
        let warehouses = try workspace.call { () throws(WorkspaceError) in try client.listWarehouses() }
        if output == .json {
            JSONOutput.print(warehouses)
            return
        }
        let rows = warehouses.map { w in ["id", "name", "state", "cluster_size"].map { "\(w[$0] ?? "")" } }
        StandardStreams.out(Table.render(["id", "name", "state", "size"], rows))
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
        let client = try workspace.client()
        let cluster = try workspace.call { () throws(WorkspaceError) in try client.cluster(id) }
        if output == .json { return JSONOutput.print(cluster) }
        let autoscale = cluster["autoscale"] as? [String: Any]
        let workers = autoscale.map { "\($0["min_workers"] ?? "?")–\($0["max_workers"] ?? "?") (autoscaling)" } ?? "\(cluster["num_workers"] ?? 0)"
        var rows = [["Name", "\(cluster["cluster_name"] ?? "")"], ["State", "\(cluster["state"] ?? "")"], ["Workers", workers]]
        for (label, key) in [("Spark version", "spark_version"), ("Node type", "node_type_id"), ("Driver node type", "driver_node_type_id"),
                             ("Auto-termination (min)", "autotermination_minutes"), ("Access mode", "data_security_mode")] {
            if let value = cluster[key] { rows.append([label, "\(value)"]) }
        }
        StandardStreams.out(rows.map { $0[0].padding(toLength: 24, withPad: " ", startingAt: 0) + $0[1] }.joined(separator: "\n") + "\n")
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
        let client = try workspace.client()
        let files = try workspace.call { () throws(WorkspaceError) in try client.listDBFS(path) }
        if output == .json {
            JSONOutput.print(files)
            return
        }
        StandardStreams.out(files.map { f in
            let dir = (f["is_dir"] as? Bool) ?? false
            return "\(dir ? "dir " : "file")\t\(dir ? "" : "\(f["file_size"] ?? 0)")\t\(f["path"] ?? "")"
        }.joined(separator: "\n") + (files.isEmpty ? "" : "\n"))
    }
}

/// A plain text table.
enum Table {
    static func render(_ header: [String], _ rows: [[String]]) -> String {
        let widths = header.indices.map { i in ([header[i]] + rows.map { i < $0.count ? $0[i] : "" }).map(\.count).max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { $0.element.padding(toLength: widths[$0.offset], withPad: " ", startingAt: 0) }.joined(separator: "  ")
                .trimmingCharacters(in: .whitespaces) + "\n"
        }
        return line(header) + line(widths.map { String(repeating: "-", count: $0) }) + rows.map(line).joined()
    }
}

/// `--output json`: one pretty-printed JSON document with sorted keys on standard output.
enum JSONOutput {
    static func print(_ object: Any) {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])) ?? Data("null".utf8)
        StandardStreams.out(String(decoding: data, as: UTF8.self) + "\n")
    }
}
