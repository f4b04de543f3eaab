import BundleEngine
import BundleModel
import BundleRepository
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
                    // (A revision killed half-way is put back first: its half-written files are not the bundle.)
                    RevisionJournal.recoverIfInterrupted(near: root)
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
            Change the bundle with structured edits, applied together, validated for every target, and committed as one revision (or only checked with dry_run). Ops: set (value at path; missing keys and a missing [field=value] list entry are created), delete (key or list entry), append (value to the list at path, created when missing), rename (the key at path to `to`; a resource's target overrides follow). Paths as `dabrepo diff` prints them: dot-separated keys, [field=value] for a list entry by identity (tasks[task_key=ingest], job_clusters[job_cluster_key=etl]; the short form tasks[ingest] that summaries print works too), [N] for a position. An edit goes to the file that already defines the path (or its nearest parent); targets.<t>.… goes to that target's block; a new resource to resources/<key>.<type>.yml (included automatically) unless file names one. Values are JSON. Comments and layout are kept. A refused edit changes nothing and comes back as an error with findings (file:line:column, rule, message; for an unknown key the nearest valid names): correct the edits and call again. status: committed, dry-run, unchanged or invalid.
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
            let author = arguments.string("author")
            return await BlockingWork.run {
                do throws(EngineError) {
                    let request = try EditDocument.request(arguments.values)
                    let root = try EngineTools.bundleRoot(context)
                    let result = try BundleEdit(root: root, author: author).run(request, agent: context.agent ?? "edit")
                    return ToolOutcome(result: result, isError: result.status == .invalid)
                } catch {
                    return ToolOutcome(error: error)
                }
            }
        }.describingBadArguments(EditDocument.message),
    ]
}
