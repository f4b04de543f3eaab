import BundleEngine
import BundleModel
import BundleValidation
import Foundation
import Workspace
import WorkspaceOperations

/// The tools a model (or any MCP client) reads and changes the bundle with, in process: the bundle
/// as written or as a target gets it, the fields the schema allows, and validated structured edits.
extension ToolRegistry {
    static let editingTools: [ToolDefinition] = [
        ToolDefinition(
            name: "read_bundle", title: "Read the bundle",
            description: "The bundle's YAML. With no arguments: every file as written (root file first). With path (as `dabrepo diff` prints paths: resources.jobs.etl.tasks[task_key=ingest]): only what each file defines below it, with the line where it starts. With target: that target's effective configuration (targets merged, variables resolved), whole or below path. Secrets are redacted.",
            parameters: [.string("target", "A target: its effective configuration instead of the files as written."),
                         .string("path", "Only below this configuration path, such as resources.jobs.nightly_etl.")]
        ) { arguments, context in
            let request = BundleReadRequest(target: arguments.string("target"), path: arguments.string("path"))
            return await BlockingWork.run {
                do throws(EngineError) {
                    let root = try EngineTools.bundleRoot(context)
                    return ToolOutcome(result: try BundleReading(source: DiskFileSource(root: root)).read(request))
                } catch {
                    return ToolOutcome(error: error)
                }
            }
        },

        ToolDefinition(
            name: "describe_fields", title: "Describe the fields at a path",
            description: "The fields dabrepo's schema model allows at a configuration path, with their types, which are required, and the values of enumerations: no path for the top level of databricks.yml, resources.jobs for a job, resources.jobs.x.tasks for a task, resources.jobs.x.job_clusters[0].new_cluster for a cluster, targets.dev for a target. Keys of your choice (job and task names) can be anything. Use it before edit_bundle instead of guessing a key.",
            parameters: [.string("path", "The configuration path, such as resources.jobs.x.tasks (omit it for the top level).")],
            worksInRepository: false
        ) { arguments, _ in
            do throws(EngineError) {
                return ToolOutcome(result: try FieldCatalog().describe(arguments.string("path") ?? ""))
            } catch {
                return ToolOutcome(error: error)
            }
        },

        ToolDefinition(
            name: "edit_bundle", title: "Edit the bundle (validated)",
            description: """
            Change the bundle with structured edits, applied together, validated for every target, and committed as one revision (or only checked with dry_run). Ops: set (value at path; missing keys and a missing [field=value] list entry are created), delete (key or list entry), append (value to the list at path, created when missing), rename (the key at path to `to`; a resource's target overrides follow). Paths as `dabrepo diff` prints them: dot-separated keys, [field=value] for a list entry by identity (tasks[task_key=ingest], job_clusters[job_cluster_key=etl]), [N] for a position. An edit goes to the file that already defines the path (or its nearest parent); targets.<t>.… goes to that target's block; a new resource to resources/<key>.<type>.yml (included automatically) unless file names one. Values are JSON. Comments and layout are kept. A refused edit changes nothing and comes back as an error with findings (file:line:column, rule, message; for an unknown key the nearest valid names): correct the edits and call again. status: committed, dry-run, unchanged or invalid.
            """,
            parameters: [.string("subject", "The revision's one-line subject, such as \"Make the dev cluster of nightly_etl smaller\".", required: true),
                         .string("summary", "One or two sentences of what changes and why (recorded in the revision)."),
                         .objects("edits", "The edits, applied in order.", fields: [
                            .string("op", "set, delete, append or rename.", required: true, choices: StructuredEdit.Operation.allCases.map(\.rawValue)),
                            .string("path", "The configuration path, such as resources.jobs.etl.job_clusters[job_cluster_key=etl].new_cluster.num_workers.", required: true),
                            .any("value", "For set and append: the JSON value."),
                            .string("to", "For rename: the new key."),
                            .string("file", "The file to write, relative to the bundle root (default: chosen as described)."),
                         ], required: true),
                         .boolean("dry_run", "Apply and validate only: report the changes, commit nothing."),
                         .string("author", "Commit author, \"Name <email>\" (default: the author git would use).")],
            access: .writesRepository, answers: [0]
        ) { arguments, context in
            let request = EngineTools.editRequest(arguments)
            let author = arguments.string("author")
            return await BlockingWork.run {
                do throws(EngineError) {
                    let root = try EngineTools.bundleRoot(context)
                    let result = try BundleEdit(root: root, author: author).run(request, agent: context.agent ?? "edit")
                    return ToolOutcome(result: result, isError: result.status == .invalid)
                } catch {
                    return ToolOutcome(error: error)
                }
            }
        },
    ]
}

/// What the in-process tools share.
enum EngineTools {
    /// Files parsed by earlier calls of this process, reused while their inode, size and modification
    /// time stay the same (DiskFileSource's content identity): an agent validates the same bundle
    /// again and again, and only the files it changed are read and parsed again.
    static let parseCache = ParseCache()

    /// The bundle at or above the tool's folder.
    static func bundleRoot(_ context: ToolContext) throws(EngineError) -> URL {
        do {
            return try BundleLoader.locateRoot(from: context.directory, walkUp: true)
        } catch {
            throw EngineError(.notFound, error.description)
        }
    }

    /// `validate_bundle`: the JSON `dabrepo validate --output json` prints; a validation that cannot
    /// run at all is an error whose structured content is that same document.
    static func validate(_ targets: ValidationRequest.Targets, context: ToolContext) -> ToolOutcome {
        let report = BundleValidationOperation.run(in: context.directory, targets: targets, environment: context.environment,
                                                    cache: parseCache)
        let json = JSONReportFormatter().render(report)
        if report.isSetupFailure {
            return ToolOutcome(isError: true, text: report.diagnostics.first?.summary ?? "validation could not run", structuredJSON: Data(json.utf8))
        }
        return ToolOutcome(isError: false, text: json, structuredJSON: Data(json.utf8))
    }

    /// Connects, when the operation needs the workspace, configured from the tool's environment.
    static func connect(_ arguments: ToolArguments, context: ToolContext) -> WorkspaceConnection.Connect {
        WorkspaceConnection.connect(profile: arguments.string("profile"), environment: context.environment)
    }

    /// Runs an operation off the cooperative thread pool (it blocks on files, git and the network):
    /// its outcome, or its failure as an error outcome.
    static func blocking(_ body: @escaping @Sendable () throws(EngineError) -> ToolOutcome) async -> ToolOutcome {
        await BlockingWork.run {
            do throws(EngineError) { return try body() } catch { return ToolOutcome(error: error) }
        }
    }

    /// A query of the workspace for the tool's `profile`: the document it answers, or its failure.
    static func query(_ arguments: ToolArguments, _ context: ToolContext,
                      _ body: @escaping @Sendable (WorkspaceQuery) throws(EngineError) -> WorkspaceDocument) async -> ToolOutcome {
        let query = WorkspaceQuery(connect: connect(arguments, context: context))
        return await blocking { () throws(EngineError) in
            let document = try body(query)
            return ToolOutcome(isError: false, text: document.text, structuredJSON: document.object)
        }
    }

    /// An operation's steps as the tool's progress notifications.
    static func progress(_ context: ToolContext) -> ProgressHandler? {
        guard let report = context.progress else { return nil }
        let steps = ProgressSteps(report)
        return { step in
            switch step {
            case .transfer(_, let done, let total, _): steps.step(done: Double(done), total: Double(total), message: step.message)
            case .runStarted, .runState: steps.step(done: nil, total: nil, message: step.message)
            }
        }
    }

    /// `edit_bundle`'s arguments (already checked against its schema) as a request.
    static func editRequest(_ arguments: ToolArguments) -> BundleEditRequest {
        let edits = (arguments.values["edits"] as? [Any] ?? []).compactMap { $0 as? [String: Any] }.map { item in
            StructuredEdit(op: StructuredEdit.Operation(rawValue: item["op"] as? String ?? "") ?? .set, path: item["path"] as? String ?? "",
                           value: item["value"].flatMap { StructuredValue(plain: $0) }, to: item["to"] as? String, file: item["file"] as? String)
        }
        return BundleEditRequest(subject: arguments.string("subject") ?? "", summary: arguments.string("summary"), edits: edits,
                                 dryRun: arguments.bool("dry_run"))
    }
}
