import BundleEngine
import Foundation
import WorkspaceOperations

/// The tools that read from or act on a Databricks workspace, in process through the engine's
/// `WorkspaceQuery` and `JobRun` (the dabrepo command of the same operation with crash isolation).
extension ToolRegistry {
    static let workspaceTools: [ToolDefinition] = [
        ToolDefinition(
            name: "health", title: "Workspace health",
            description: "Check that the workspace answers and the credentials work: the host, the user they belong to, the auth type and how long the workspace took to answer (latency_ms).",
            usesWorkspace: true, worksInRepository: false,
            invocation: { _ throws(ToolCallError) in ToolInvocation(["workspace", "health", "-o", "json"]) }
        ) { a, context in await EngineTools.query(a, context) { query throws(EngineError) in try query.health() } },

        ToolDefinition(
            name: "list_jobs", title: "List jobs",
            description: "List the workspace's jobs (all pages), optionally only those with exactly this name.",
            parameters: [.string("name", "Only jobs with exactly this name."),
                         .integer("limit", "At most this many jobs (default 1000).", minimum: 1)],
            usesWorkspace: true, worksInRepository: false,
            invocation: { a throws(ToolCallError) in ToolInvocation(["jobs", "list", "-o", "json"] + a.option("--name", "name") + a.option("--limit", "limit")) }
        ) { a, context in await EngineTools.query(a, context) { query throws(EngineError) in try query.jobs(name: a.string("name"), limit: a.int("limit") ?? 1000) } },

        ToolDefinition(
            name: "get_job", title: "Get a job",
            description: "A job's settings as the Jobs API 2.2 returns them, with every task (task pages merged).",
            parameters: [.integer("job_id", "The job id.", required: true, minimum: 1)],
            usesWorkspace: true, worksInRepository: false,
            invocation: { a throws(ToolCallError) in ToolInvocation(["jobs", "get", "--", String(a.int("job_id")!)]) }
        ) { a, context in await EngineTools.query(a, context) { query throws(EngineError) in try query.job(a.int("job_id") ?? 0) } },

        ToolDefinition(
            name: "run_job", title: "Run a job",
            description: "Start a run of a job (run-now), optionally with job parameters; with wait, poll until it ends and fail unless it succeeded.",
            parameters: [.integer("job_id", "The job id.", required: true, minimum: 1),
                         .stringMap("parameters", "Job parameters, name → value."),
                         .boolean("wait", "Wait for the run to end (default false).")],
            access: .writesWorkspace, usesWorkspace: true, worksInRepository: false,
            invocation: { a throws(ToolCallError) in
                var arguments = ["jobs", "run", "-o", "json"] + a.flag("--wait", "wait")
                for (name, value) in a.stringMap("parameters").sorted(by: { $0.key < $1.key }) { arguments += ["--param", "\(name)=\(value)"] }
                return ToolInvocation(arguments + ["--", String(a.int("job_id")!)])
            }
        ) { a, context in
            let request = JobRun.Request(jobID: a.int("job_id") ?? 0, parameters: a.stringMap("parameters"), wait: a.bool("wait"))
            return await EngineTools.blocking { () throws(EngineError) in
                let result = try JobRun(connect: EngineTools.connect(a, context: context)).run(request, progress: EngineTools.progress(context))
                // A followed run that did not succeed is a failure, with the whole result.
                return ToolOutcome(result: result, isError: !result.succeeded)
            }
        },

        ToolDefinition(
            name: "list_notebooks", title: "List notebooks",
            description: "List the notebooks, files and folders of a workspace folder.",
            parameters: [.string("path", "A workspace folder, such as /Workspace/Users/ana@example.com.", required: true),
                         .boolean("recursive", "Descend into subfolders (default false).")],
            usesWorkspace: true, worksInRepository: false,
            invocation: { a throws(ToolCallError) in ToolInvocation(["notebooks", "list", "-o", "json"] + a.flag("--recursive", "recursive") + ["--", a.string("path")!]) }
        ) { a, context in await EngineTools.query(a, context) { query throws(EngineError) in try query.objects(in: a.string("path") ?? "", recursive: a.bool("recursive")) } },

        ToolDefinition(
            name: "export_notebook", title: "Export a notebook",
            description: "A notebook's source (or Jupyter JSON) with its language.",
            parameters: [.string("path", "The notebook's workspace path.", required: true),
                         .string("format", "source (default) or jupyter.", choices: ["source", "jupyter"])],
            usesWorkspace: true, worksInRepository: false,
            invocation: { a throws(ToolCallError) in ToolInvocation(["notebooks", "export", "--output", "json"] + a.option("--format", "format") + ["--", a.string("path")!]) }
        ) { a, context in
            await EngineTools.query(a, context) { query throws(EngineError) in
                let (path, format) = (a.string("path") ?? "", a.string("format") ?? "source")
                let (content, language) = try query.export(path, format: format)
                return WorkspaceQuery.exportDocument(path: path, format: format, content: content, language: language)
            }
        },

        ToolDefinition(
            name: "execute_dbsql", title: "Run SQL",
            description: "Run a SQL statement on a SQL warehouse (Statement Execution API) and return the columns and rows. A failed statement is an error.",
            parameters: [.string("query", "The SQL statement.", required: true),
                         .string("warehouse_id", "The SQL warehouse id (list_warehouses).", required: true)],
            access: .writesWorkspace, usesWorkspace: true, worksInRepository: false,
            invocation: { a throws(ToolCallError) in ToolInvocation(["sql", "-o", "json", "--warehouse", a.string("warehouse_id")!, "--", a.string("query")!]) }
        ) { a, context in
            await EngineTools.query(a, context) { query throws(EngineError) in try query.sql(a.string("query") ?? "", warehouse: a.string("warehouse_id") ?? "").document }
        },

        ToolDefinition(
            name: "list_warehouses", title: "List SQL warehouses",
            description: "The SQL warehouses: id, name, state and size.",
            usesWorkspace: true, worksInRepository: false,
            invocation: { _ throws(ToolCallError) in ToolInvocation(["warehouses", "list", "-o", "json"]) }
        ) { a, context in await EngineTools.query(a, context) { query throws(EngineError) in try query.warehouses() } },

        ToolDefinition(
            name: "list_dbfs_files", title: "List DBFS files",
            description: "List a DBFS folder: paths, sizes, folders.",
            parameters: [.string("path", "A DBFS path, such as dbfs:/FileStore or /FileStore.", required: true)],
            usesWorkspace: true, worksInRepository: false,
            invocation: { a throws(ToolCallError) in ToolInvocation(["dbfs", "ls", "-o", "json", "--", a.string("path")!]) }
        ) { a, context in await EngineTools.query(a, context) { query throws(EngineError) in try query.dbfs(a.string("path") ?? "") } },

        ToolDefinition(
            name: "get_cluster", title: "Get a cluster",
            description: "A cluster's details (Clusters API): state, Spark version, node types, size.",
            parameters: [.string("cluster_id", "The cluster id.", required: true)],
            usesWorkspace: true, worksInRepository: false,
            invocation: { a throws(ToolCallError) in ToolInvocation(["clusters", "get", "-o", "json", "--", a.string("cluster_id")!]) }
        ) { a, context in await EngineTools.query(a, context) { query throws(EngineError) in try query.cluster(a.string("cluster_id") ?? "") } },

        ToolDefinition(
            name: "analyze_notebook", title: "Analyze a notebook",
            description: "What a notebook needs: cells and languages, widgets (job parameters with defaults), %pip libraries, imports (ML runtime, pipeline, streaming), %run dependencies, tables read and written. A path of the bundle is read locally, anything else is exported from the workspace.",
            parameters: [.string("path", "A file of the bundle (src/ingest.py) or a workspace notebook path.", required: true)],
            usesWorkspace: true,
            invocation: { a throws(ToolCallError) in ToolInvocation(["notebooks", "analyze", "-o", "json", "--", a.string("path")!]) }
        ) { a, context in
            await EngineTools.query(a, context) { query throws(EngineError) in
                WorkspaceDocument(try query.analyze(a.string("path") ?? "", currentDirectory: context.directory, confinedTo: context.directory).summary)
            }
        },
    ]
}
