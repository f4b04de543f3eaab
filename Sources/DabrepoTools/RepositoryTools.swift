import BundleAgent
import BundleDiff
import BundleEngine
import BundleReports
import Foundation

/// The tools of the bundle repository: create it, change it conversationally, review and undo.
extension ToolRegistry {
    static let repositoryTools: [ToolDefinition] = [
        ToolDefinition(
            name: "init_bundle_repo", title: "Create a bundle repository",
            description: "Create a bundle from a template (default-python, notebook-job, sql, pipeline, empty) in a git repository with dabrepo's hooks, committed. directory is relative to the served folder (default: the served folder itself, which must not hold a bundle yet).",
            parameters: [.string("directory", "Where to create the bundle (default: the served folder)."),
                         .string("template", "The template (default: default-python).", choices: ["default-python", "notebook-job", "sql", "pipeline", "empty"]),
                         .string("name", "The bundle name (default: the directory's name)."),
                         .string("author", "Commit author, \"Name <email>\".")],
            access: .writesRepository, worksInRepository: false, localPaths: ["directory"],
            invocation: { a throws(ToolCallError) in
                ToolInvocation(["init"] + a.option("--template", "template") + a.option("--name", "name") + a.option("--author", "author")
                               + ["--", a.string("directory") ?? "."], printsJSON: false)
            }
        ) { a, context in
            // In process; the text is the command's report. The hook and the diff driver call this executable.
            let shown = a.string("directory") ?? "."
            let request = BundleCreation.Request(directory: context.directory.appendingPathComponent(shown), template: a.string("template") ?? "default-python",
                                                 name: a.string("name"), author: a.string("author"),
                                                 executablePath: (context.executable ?? ToolRunner.currentExecutable).path)
            return await EngineTools.blocking { () throws(EngineError) in
                ToolOutcome(isError: false, text: try BundleCreation().run(request).report(shownDirectory: shown))
            }
        },

        ToolDefinition(
            name: "refine_bundle", title: "Refine the bundle",
            description: "Change the bundle as asked in plain words (\"make the dev cluster smaller\", \"add retries to the nightly job\", \"same for prod\"): minimal YAML edits, validated, committed as a revision whose message holds the conversation. Several changes in one request make one revision. Follow-ups continue the conversation. status is committed, unchanged (the bundle already was as asked: nothing committed), dry-run, question (answer by asking again with target or resource), not-understood (with examples), refused or invalid.",
            parameters: [.string("request", "What to change, in plain words.", required: true),
                         .string("target", "The target to change."),
                         .string("resource", "The resource to change, such as jobs.nightly_etl."),
                         .boolean("dry_run", "Show the planned change; commit nothing."),
                         .boolean("new_session", "Start a new conversation."),
                         .string("author", "Commit author, \"Name <email>\".")],
            access: .writesRepository, answers: [0, 3],
            invocation: { a throws(ToolCallError) in
                ToolInvocation(["refine", "--yes", "-o", "json"] + a.option("--target", "target") + a.option("--resource", "resource")
                               + a.flag("--dry-run", "dry_run") + a.flag("--new-session", "new_session") + a.option("--author", "author")
                               + ["--", a.string("request")!], answers: [0, 3])
            }
        ) { a, context in
            // In process: the engine's conversation turn with the front end's agent; its steps as progress.
            let root: URL
            do throws(EngineError) { root = try EngineTools.bundleRoot(context) } catch { return ToolOutcome(error: error) }
            let store = RefineSession.Store(bundleRoot: root)
            var session = (a.bool("new_session") ? nil : store.latest()) ?? RefineSession()
            let request = ConversationTurn.Request(root: root, text: a.string("request") ?? "", target: a.string("target"),
                                                   resource: a.string("resource"), dryRun: a.bool("dry_run"), author: a.string("author"))
            let steps = StepCounter()
            let result = await ConversationTurn(agent: context.planningAgent ?? OfflinePlanner()).run(request, session: &session, store: store, events: { event in
                guard let progress = context.progress, let message = RefineProgress.message(event) else { return }
                progress(ToolProgress(progress: steps.next(), total: nil, message: message))
            })
            guard [0, 3].contains(result.exitStatus) else {
                // A failure reads as its message, as the command's does; the whole result stays in the structured content.
                var text = result.message ?? result.status.rawValue
                if let examples = result.examples, !examples.isEmpty {
                    text += "\nRequests like these work: " + examples.map { "\"\($0)\"" }.joined(separator: ", ")
                }
                return ToolOutcome(isError: true, text: text, structuredJSON: EngineJSON.data(result))
            }
            return ToolOutcome(result: result)
        },

        ToolDefinition(
            name: "diff_revisions", title: "Semantic bundle diff",
            description: "What changed between revisions, by resource and field (not lines): with no arguments HEAD against the working tree; from alone: the change that revision made (its parent against it); from and to: from against to; staged: the index against HEAD. target compares that target's effective configuration.",
            parameters: [.string("from", "A revision (HEAD~1, a commit id, a branch). Alone: the change that revision itself made; for everything since it, give to: \"HEAD\" too."),
                         .string("to", "A second revision: the comparison is from against to (to: \"HEAD\" for everything since from)."),
                         .boolean("staged", "Compare HEAD with the index."),
                         .string("target", "Compare this target's effective configuration.")],
            invocation: { a throws(ToolCallError) in
                if a.string("to") != nil && a.string("from") == nil { throw ToolCallError("bad arguments for diff_revisions: to needs from") }
                let revisions = [a.string("from"), a.string("to")].compactMap { $0 }
                return ToolInvocation(["diff", "-o", "json"] + a.flag("--staged", "staged") + a.option("--target", "target") + (revisions.isEmpty ? [] : ["--"] + revisions))
            }
        ) { a, context in
            return await EngineTools.blocking { () throws(EngineError) in
                let comparison = try RevisionLog.Comparison.asked(revisions: [a.string("from"), a.string("to")].compactMap { $0 }, staged: a.bool("staged"))
                let json = DiffJSONFormatter().render(try RevisionLog(directory: context.directory).compare(comparison, target: a.string("target")))
                return ToolOutcome(isError: false, text: json, structuredJSON: Data(json.utf8))
            }
        },

        ToolDefinition(
            name: "list_revisions", title: "List revisions",
            description: "The latest commits: id, date, author, subject, and for dabrepo revisions what was asked for.",
            parameters: [.integer("limit", "How many (default 20).", minimum: 1)],
            invocation: { a throws(ToolCallError) in ToolInvocation(["log", "-o", "json", "-n", String(a.int("limit") ?? 20)]) }
        ) { a, context in
            await EngineTools.blocking { () throws(EngineError) in
                let entries = try RevisionLog(directory: context.directory).entries(limit: a.int("limit") ?? 20)
                return ToolOutcome(isError: false, text: EngineJSON.text(entries), structuredJSON: EngineJSON.data(["items": entries]))
            }
        },

        ToolDefinition(
            name: "show_revision", title: "Show a revision",
            description: "One revision: its message (the conversation) and its semantic diff; with patch, git's unified patch too.",
            parameters: [.string("revision", "The revision (default HEAD)."),
                         .boolean("patch", "Add the unified patch.")],
            invocation: { a throws(ToolCallError) in ToolInvocation(["show", "-o", "json"] + a.flag("--patch", "patch") + ["--", a.string("revision") ?? "HEAD"]) }
        ) { a, context in
            await EngineTools.blocking { () throws(EngineError) in
                ToolOutcome(result: try RevisionLog(directory: context.directory).show(a.string("revision") ?? "HEAD", patch: a.bool("patch")))
            }
        },

        ToolDefinition(
            name: "undo_revision", title: "Undo the latest revision",
            description: "Revert the latest dabrepo revision not undone yet with a new commit (history is never rewritten); calling it again steps one revision further back. Refuses when that commit is not a dabrepo revision or its files have uncommitted edits.",
            parameters: [.string("author", "Commit author, \"Name <email>\".")],
            access: .writesRepository,
            invocation: { a throws(ToolCallError) in ToolInvocation(["undo", "-o", "json"] + a.option("--author", "author")) }
        ) { a, context in
            await EngineTools.blocking { () throws(EngineError) in ToolOutcome(result: try RevisionLog(directory: context.directory).undo(author: a.string("author"))) }
        },
    ]
}
