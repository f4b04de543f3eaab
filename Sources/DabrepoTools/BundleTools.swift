import BundleEngine
import BundleValidation
import Foundation
import WorkspaceOperations

/// The tools that build, check and move the served bundle.
extension ToolRegistry {
    static let bundleTools: [ToolDefinition] = [
        ToolDefinition(
            name: "generate_bundle", title: "Generate a job from notebooks",
            description: "Add one job to the bundle whose tasks are notebooks (ordered by %run, parameters from widgets, serverless unless ML libraries are used; DLT notebooks become a pipeline). Give either notebooks (workspace paths or bundle files) or workspace_folder. Validated and committed as a revision.",
            parameters: [.strings("notebooks", "Workspace notebook paths or files of the bundle."),
                         .string("workspace_folder", "A workspace folder: every notebook in it."),
                         .string("key", "The job's resource key (default: from the folder's name)."),
                         .string("author", "Commit author, \"Name <email>\" (default: the author git would use, from GIT_AUTHOR_NAME / GIT_AUTHOR_EMAIL or user.name / user.email).")],
            access: .writesRepository, usesWorkspace: true,
            invocation: { a throws(ToolCallError) in
                let notebooks = a.strings("notebooks")
                let folder = a.string("workspace_folder")
                guard notebooks.isEmpty != (folder == nil) else {
                    throw ToolCallError("bad arguments for generate_bundle: give either notebooks or workspace_folder")
                }
                let options = ["-o", "json"] + a.option("--key", "key") + a.option("--author", "author")
                if let folder { return ToolInvocation(["generate", "workspace"] + options + ["--", folder]) }
                return ToolInvocation(["generate", "notebooks"] + options + ["--"] + notebooks)
            }
        ) { a, context in
            let notebooks: NotebookJobGeneration.Notebooks = a.string("workspace_folder").map { .workspaceFolder($0) } ?? .paths(a.strings("notebooks"))
            let (key, author) = (a.string("key"), a.string("author"))
            return await EngineTools.blocking { () throws(EngineError) in
                let request = NotebookJobGeneration.Request(root: try EngineTools.bundleRoot(context), notebooks: notebooks, currentDirectory: context.directory,
                                                            key: key, author: author)
                return ToolOutcome(result: try NotebookJobGeneration(connect: EngineTools.connect(a, context: context)).run(request, progress: EngineTools.progress(context)))
            }
        },

        ToolDefinition(
            name: "generate_bundle_from_job", title: "Generate a job resource from an existing job",
            description: "Write resources/<key>.job.yml from a workspace job (job_id) or from its JSON as `databricks jobs get` prints it (job_json, offline), download its notebooks into src/, validate and commit as a revision.",
            parameters: [.integer("job_id", "The job id in the workspace.", minimum: 1),
                         .object("job_json", "The job's JSON (jobs get output or bare settings) instead of a workspace."),
                         .string("key", "The resource key (default: from the job's name)."),
                         .string("author", "Commit author, \"Name <email>\".")],
            access: .writesRepository, usesWorkspace: true,
            invocation: { a throws(ToolCallError) in
                let options = ["-o", "json"] + a.option("--key", "key") + a.option("--author", "author")
                switch (a.int("job_id"), a.object("job_json")) {
                case (let id?, nil):
                    return ToolInvocation(["generate", "job"] + options + ["--", String(id)])
                case (nil, let json?):
                    let data = try? JSONSerializationBridge.data(json)
                    return ToolInvocation(["generate", "job", "--from-json", "-"] + options, standardInput: data)
                default:
                    throw ToolCallError("bad arguments for generate_bundle_from_job: give either job_id or job_json")
                }
            }
        ) { a, context in
            let origin: JobGeneration.Origin = a.int("job_id").map { .workspace(jobID: $0) }
                ?? .json((try? JSONSerializationBridge.data(a.object("job_json") ?? [:])) ?? Data(), name: "job_json")
            let (key, author) = (a.string("key"), a.string("author"))
            return await EngineTools.blocking { () throws(EngineError) in
                let request = JobGeneration.Request(root: try EngineTools.bundleRoot(context), origin: origin, key: key, author: author)
                return ToolOutcome(result: try JobGeneration(connect: EngineTools.connect(a, context: context)).run(request, progress: EngineTools.progress(context)))
            }
        },

        ToolDefinition(
            name: "validate_bundle", title: "Validate the bundle",
            description: "Check the served bundle offline: schema, references, targets and the dabrepo rules. Findings come back with file, line and column; `errors` counts those that fail it. With no arguments: the default target.",
            parameters: [.string("target", "The target (default: the default target)."),
                         .boolean("all_targets", "Validate every target."),
                         .stringMap("variables", "Values of bundle variables, name → value (as BUNDLE_VAR_name would give them)."),
                         .strings("disabled_rules", "Rule ids to skip (as the `rules` listing names them).")],
            invocation: { a throws(ToolCallError) in
                if a.string("target") != nil && a.bool("all_targets") {
                    throw ToolCallError("bad arguments for validate_bundle: give target or all_targets, not both")
                }
                let variables = a.stringMap("variables").sorted(by: { $0.key < $1.key }).flatMap { ["--var", "\($0.key)=\($0.value)"] }
                let rules = a.strings("disabled_rules").flatMap { ["--disable-rule", $0] }
                return ToolInvocation(["validate", "--output", "json"] + a.option("--target", "target") + a.flag("--all-targets", "all_targets")
                                      + variables + rules, answers: [0, 1])
            }
        ) { arguments, context in
            let targets: ValidationRequest.Targets = arguments.bool("all_targets") ? .all : .one(arguments.string("target"))
            let variables = arguments.stringMap("variables").sorted(by: { $0.key < $1.key }).map { "\($0.key)=\($0.value)" }
            let rules = Set(arguments.strings("disabled_rules"))
            return await BlockingWork.run { EngineTools.validate(targets, variables: variables, disabledRules: rules, context: context) }
        },

        ToolDefinition(
            name: "create_tests", title: "Create tests",
            description: "Scaffold tests/ with pytest tests for the bundle's Python notebooks and files and a test job for the development target; existing files are kept. Committed as a revision.",
            parameters: [.string("target", "The target that gets the test job (default: the development target)."),
                         .string("author", "Commit author, \"Name <email>\".")],
            access: .writesRepository,
            invocation: { a throws(ToolCallError) in ToolInvocation(["tests", "create", "-o", "json"] + a.option("--target", "target") + a.option("--author", "author")) }
        ) { a, context in
            let (target, author) = (a.string("target"), a.string("author"))
            return await EngineTools.blocking { () throws(EngineError) in
                ToolOutcome(result: try TestsCreation().run(TestsCreation.Request(root: try EngineTools.bundleRoot(context), target: target, author: author)))
            }
        },

        ToolDefinition(
            name: "upload_bundle", title: "Upload the bundle's files",
            description: "Validate the target, then import the bundle's files (git-ignored ones left out) to the target's workspace file path. Deploys no resources and deletes nothing.",
            parameters: [.string("target", "The target (default: git config dabrepo.target, else the default target)."),
                         .boolean("dry_run", "Only say what would go where."),
                         .stringMap("variables", "Values of bundle variables, name → value (as BUNDLE_VAR_name would give them).")],
            access: .writesWorkspace, usesWorkspace: true,
            invocation: { a throws(ToolCallError) in
                let variables = a.stringMap("variables").sorted(by: { $0.key < $1.key }).flatMap { ["--var", "\($0.key)=\($0.value)"] }
                return ToolInvocation(["upload", "-o", "json"] + a.option("--target", "target") + a.flag("--dry-run", "dry_run") + variables)
            }
        ) { a, context in
            let (target, dryRun) = (a.string("target"), a.bool("dry_run"))
            let variables = a.stringMap("variables").sorted(by: { $0.key < $1.key }).map { "\($0.key)=\($0.value)" }
            return await EngineTools.blocking { () throws(EngineError) in
                let request = BundleUpload.Request(root: try EngineTools.bundleRoot(context), target: target, dryRun: dryRun, variables: variables,
                                                   environment: context.environment)
                return ToolOutcome(result: try BundleUpload(connect: EngineTools.connect(a, context: context)).run(request, progress: EngineTools.progress(context)))
            }
        },

        ToolDefinition(
            name: "run_bundle_command", title: "Run a Databricks CLI bundle command",
            description: "Run `databricks bundle ARGS...` (deploy, run, summary, destroy...) in the bundle root with the repository's target. Needs the Databricks CLI installed; runs it as a child process (`dabrepo bundle`) and returns its output.",
            parameters: [.strings("args", "The bundle command and its arguments, such as [\"deploy\"] or [\"run\", \"nightly_etl\"].", required: true),
                         .string("target", "The target (default: git config dabrepo.target, else the CLI's default).")],
            access: .writesWorkspace, usesWorkspace: true
        ) { a throws(ToolCallError) in
            let args = a.strings("args")
            guard !args.isEmpty else { throw ToolCallError("bad arguments for run_bundle_command: args must name the bundle command, such as [\"validate\"]") }
            return ToolInvocation(["bundle"] + a.option("--target", "target") + args, printsJSON: false)
        },

        ToolDefinition(
            name: "sync_workspace_to_local", title: "Sync a workspace folder into the bundle",
            description: "Download a workspace folder's notebooks and files into the bundle (default src/) as a revision of the changed files only; refuses paths that would land outside the local folder.",
            parameters: [.string("workspace_path", "The workspace folder.", required: true),
                         .string("local_path", "Where its content goes inside the bundle (default src)."),
                         .string("author", "Commit author, \"Name <email>\".")],
            access: .writesRepository, usesWorkspace: true, localPaths: ["local_path"],
            invocation: { a throws(ToolCallError) in
                ToolInvocation(["sync", "-o", "json"] + a.option("--author", "author") + ["--", a.string("workspace_path")!] + (a.string("local_path").map { [$0] } ?? []))
            }
        ) { a, context in
            let folder = a.string("workspace_path") ?? "", author = a.string("author")
            let local = a.string("local_path").map { $0.hasPrefix("/") ? URL(fileURLWithPath: $0) : context.directory.appendingPathComponent($0) }
            return await EngineTools.blocking { () throws(EngineError) in
                let request = WorkspaceSync.Request(root: try EngineTools.bundleRoot(context), workspaceFolder: folder, localFolder: local, author: author)
                return ToolOutcome(result: try WorkspaceSync(connect: EngineTools.connect(a, context: context)).run(request, progress: EngineTools.progress(context)))
            }
        },
    ]
}
