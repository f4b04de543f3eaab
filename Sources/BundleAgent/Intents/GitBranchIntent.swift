import BundleEditing
import BundleModel
import Foundation

/// "only deploy prod from main", "set the job's git branch to release": a job's `git_source.git_branch`
/// when it runs from git, else the branch a target deploys from (`git.branch`; the Databricks CLI
/// refuses to deploy that target from another branch).
public enum GitBranchIntent: Intent {
    public static let id = "git-branch"
    public static let summary = "the git branch: a job's git_source, or the branch a target deploys from"
    public static let examples = ["only deploy prod from main", "set the job's git branch to release"]

    public static func score(_ text: RequestText) -> Int {
        if text.hasAny(["git_branch", "git_source"]) { return 5 }
        let deploying = text.hasAny(["deploy", "deploys", "deployed", "deploying", "deployment", "deployments"])
        if text.hasAny(["branch", "branches"]) && (text.has("git") || deploying) { return 5 }
        // "only deploy prod from main"
        return deploying && text.has("from") && text.hasAny(["only", "just"]) && !text.original.contains(" /") ? 4 : 0
    }

    /// The branch's name as written: after "branch" (past "to", "=", "is"), before it ("the main branch"), or after "from".
    static func branch(_ text: RequestText) -> String? {
        let tokens = text.original.split(whereSeparator: \.isWhitespace).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ",;\"'`()")) }
            .map { $0.hasSuffix(".") ? String($0.dropLast()) : $0 }
        let lowered = tokens.map { $0.lowercased() }
        let fillers: Set<String> = ["to", "=", "is", "as", "be", "the", "called", "named", "of", "git_branch"]
        let stops: Set<String> = ["for", "in", "on", "of", "from", "only", "and", "branch", "git"]
        if let at = lowered.firstIndex(where: { $0 == "branch" || $0 == "git_branch" }) {
            // "set the git branch of the workflow demo to release": the value follows "to", past the job's name.
            if let to = lowered[(at + 1)...].lastIndex(where: { $0 == "to" || $0 == "=" }), to + 1 < tokens.count,
               !["the", "a", "an"].contains(lowered[to + 1]) { return tokens[to + 1] }
            if let after = lowered[(at + 1)...].firstIndex(where: { !fillers.contains($0) }), !stops.contains(lowered[after]),
               !["the", "a", "every", "each"].contains(lowered[after]) { return tokens[after] }
            if at > 0, !["the", "a", "git", "its", "job's", "right", "same", "deployment", "source"].contains(lowered[at - 1]) { return tokens[at - 1] }
        }
        if let to = lowered.lastIndex(of: "to"), to + 1 < tokens.count, !["the", "a"].contains(lowered[to + 1]) { return tokens[to + 1] }
        if let from = lowered.lastIndex(of: "from"), let name = lowered[(from + 1)...].firstIndex(where: { !["the", "git", "branch"].contains($0) }) {
            return tokens[name]
        }
        return nil
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        guard let branch = branch(context.request) else {
            throw PlanningStop(outcome: .clarify(question: "Which branch?", choices: examples))
        }
        let scoped = context.ignoring([branch])
        let target = try namedTarget(scoped, ignoring: [branch])
        let fromGit = context.catalog.references(ofType: "jobs").map(\.key).filter { context.effectiveJob($0, target: target)?["git_source"] != nil }
        if !fromGit.isEmpty, !scoped.request.hasAny(["deploy", "deploys", "deployed", "deploying", "deployment", "deployments"]) {
            let job = try scoped.job(where: { fromGit.contains($0) }, unfit: { _ in "runs the bundle's files, not a git source" })
            let source = context.effectiveJob(job, target: target)?["git_source"]
            if source?["git_branch"]?.string == branch { throw PlanningStop(outcome: .refused("job \(job) already runs from the branch \(branch)")) }
            let location = context.jobLocation(job, target: target)
            var operations: [EditOperation] = [.set(location.base + [.key("git_source"), .key("git_branch")], .string(branch))]
            for other in ["git_tag", "git_commit"] where context.rawNode(file: location.file, path: location.base + [.key("git_source"), .key(other)]) != nil {
                operations.append(.delete(location.base + [.key("git_source"), .key(other)]))
            }
            return Plan(subject: "Run \(job) from the branch \(branch)\(target.map { " in \($0)" } ?? "")",
                        summary: "Set git_source.git_branch to \(branch) (was \(source?["git_branch"]?.string ?? source?["git_tag"]?.string.map { "tag \($0)" } ?? "unset")) on job \(job)\(context.forTarget(target)): its tasks run the files of that branch.",
                        target: target, job: job, edits: [(location.file, operations)])
        }
        let deploying = scoped.request.hasAny(["deploy", "deploys", "deployed", "deploying", "deployment", "deployments"])
        let aboutJob = scoped.request.hasAny(["job", "jobs", "job's", "workflow", "task", "tasks", "git_source", "git_branch"])
            || context.catalog.mentions(in: scoped.request.original).keys.contains { $0.type == "jobs" }
        if aboutJob && !deploying {
            throw PlanningStop(outcome: .refused("no job of this bundle runs from a git source: the jobs run the bundle's own files, as deployed from your checkout. "
                + "To allow deploying only from \(branch), ask \"only deploy \(context.bundle.targetNames.first { ["prod", "production"].contains($0) } ?? context.bundle.targetNames.last ?? "prod") from \(branch)\""))
        }
        let file = target.map { context.targetFile($0) } ?? context.bundle.rootFile
        let path: EditPath = target.map { [.key("targets"), .key($0), .key("git"), .key("branch")] } ?? [.key("bundle"), .key("git"), .key("branch")]
        if target == nil, let missing = missingTarget(scoped, ignoring: [branch]) { throw noSuchTarget(missing, context) }
        let current = context.rawNode(file: file, path: path)?.string
        let scope = target.map { "target \($0)" } ?? "the bundle"
        if current == branch { throw PlanningStop(outcome: .refused("\(scope) already deploys from the branch \(branch)")) }
        return Plan(subject: "Deploy \(target.map { "target \($0)" } ?? "the bundle") only from the branch \(branch)",
                    summary: "Set git.branch to \(branch) for \(scope) (was \(current ?? "unset")): `databricks bundle deploy` refuses to deploy \(target == nil ? "any target" : "it") from another branch (unless --force).",
                    target: target, edits: [(file, [.set(path, .string(branch))])])
    }
}
