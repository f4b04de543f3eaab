import BundleDiff
import BundleEditing
import BundleModel
import BundleRepository
import BundleValidation
import Foundation

/// The one write path: structured edits applied in memory through the minimal-diff YAML editor
/// (comments and layout kept), validated for every target, then committed as one revision, only
/// previewed (a dry run), or refused with findings — with the repository exactly as it was.
///
/// ```swift
/// let edit = BundleEdit(root: bundleRoot)
/// let result = try edit.run(BundleEditRequest(subject: "Raise the timeout of etl",
///                                             edits: [.set("resources.jobs.etl.timeout_seconds", .int(7200))]))
/// ```
public struct BundleEdit: Sendable {
    /// The longest subject a revision takes: a line of `git log --oneline`, not a document.
    static let longestSubject = 200

    /// The bundle as it is now.
    public let source: any BundleFileSource
    /// The bundle's directory in a git work tree; nil for a bundle in memory (no commits then).
    public let root: URL?
    /// The commit author, "Name <email>" (default: as git resolves it).
    public var author: String?
    public let cache: ParseCache
    let catalog = FieldCatalog()

    public init(root: URL, author: String? = nil, cache: ParseCache = ParseCache()) {
        self.root = root.standardizedFileURL
        self.source = DiskFileSource(root: root)
        self.author = author
        self.cache = cache
    }

    public init(source: any BundleFileSource, cache: ParseCache = ParseCache()) {
        self.root = nil
        self.source = source
        self.cache = cache
    }

    /// Edits applied in memory.
    public struct Applied: Sendable {
        /// The new text of each file the edits change (relative to the bundle root).
        public var files: [String: String]
        /// The file each edit went to, in the order of the edits (nil for a refused edit).
        public var placements: [String?]
        /// Why edits could not be made; empty when all were.
        public var findings: [EditFinding]
        /// What the changed files held when the edits were applied (nil: new); nil when not known.
        public var base: [String: Data?]?

        public init(files: [String: String], placements: [String?] = [], findings: [EditFinding] = []) {
            self.files = files
            self.placements = placements
            self.findings = findings
        }

        public var overrides: [String: Data?] { files.mapValues { Optional(Data($0.utf8)) } }
    }

    /// Applies `edits` in order to the bundle's files in memory. Each edit sees the ones before it.
    public func apply(_ edits: [StructuredEdit]) throws(EngineError) -> Applied {
        let bundle: LoadedBundle
        do { bundle = try BundleLoader(source: source, cache: cache).load() } catch {
            throw EngineError(.invalid, "the bundle cannot be read: \(error.description)")
        }
        var files = try EditedFiles(bundle)
        let included = Set(bundle.files.map(\.path))
        var placements: [String?] = []
        var findings: [EditFinding] = []
        for (index, edit) in edits.enumerated() {
            do {
                var application = EditApplication(edit: edit, index: index, bundle: bundle, catalog: catalog, included: included)
                application.documentPaths = edits.map(\.path)
                placements.append(try application.apply(to: &files))
            } catch {
                placements.append(nil)
                findings.append(error.finding)
            }
        }
        var applied = Applied(files: findings.isEmpty ? files.changed : [:], placements: placements, findings: findings)
        applied.base = findings.isEmpty ? files.changedBase : nil
        return applied
    }

    /// What validating the edited bundle found.
    public struct Check: Sendable {
        /// Errors, and unknown fields the edits brought in: the edits are refused for these.
        public var refusals: [EditFinding]
        /// Everything else worth knowing (warnings).
        public var warnings: [EditFinding]
        /// "OK (targets dev, prod)"-like summary of the validation.
        public var summary: String
    }

    /// Warnings that refuse an edit when the edit brought them in: a misspelt field (Databricks ignores
    /// it silently), a value a field does not allow, a value of the wrong type (dropped at deploy), a
    /// required field taken away and a key written twice. The CLI only warns of them; edits never have to guess.
    static let refusingWarnings: Set<String> = [UnknownFieldRule.description.id, EnumValueRule.description.id,
                                                FieldTypeRule.description.id, RequiredFieldRule.description.id,
                                                DuplicateKeyRule.description.id, JobClusterKeyDefinedRule.description.id]

    /// Validates the bundle with `applied`'s files for every target. An unknown field or a value
    /// outside a field's choices counts as a refusal when the edits brought it in.
    public func validate(_ applied: Applied) -> Check {
        let overlay = OverlayFileSource(base: source, overrides: applied.overrides)
        var request = ValidationRequest(targets: .all, overrides: .processEnvironment, cache: cache)
        // Unchanged files' findings are kept between revisions (issue 17): only the edited files are checked.
        let cacheDirectory = root.flatMap { FindingsCache.directory(forBundleAt: $0) }
        request.findingsCache = cacheDirectory.flatMap { FindingsCache.in($0, source: overlay, request: request) }
        let report: ValidationReport
        do { report = try request.run(source: overlay) } catch {
            let finding = EditFinding(rule: ValidationReport.setupRuleID, message: "the edited bundle cannot be validated: \(error.description)",
                                      location: error.location)
            return Check(refusals: [finding], warnings: [], summary: "not validated")
        }
        request.findingsCache = cacheDirectory.flatMap { FindingsCache.in($0, source: source, request: request) }
        let earlier = (try? request.run(source: source))?.diagnostics ?? []
        // A file the edits leave that does not parse (an uncommitted edit half done): its resources are not
        // seen, so nothing about them can be checked; said as refine says it, and nothing is changed.
        let unreadable = earlier.filter { d in
            d.severity == .error && d.rule == ModelRuleID.yamlSyntax && d.location.map { applied.files[$0.file] == nil } ?? false
        }
        if !unreadable.isEmpty {
            return Check(refusals: unreadable.map(finding), warnings: [], summary: Self.unreadable)
        }
        // What the bundle had before refuses nothing: errors and refusing warnings count when the edits bring them in.
        let before = Set(earlier.filter { $0.severity == .error || Self.refusingWarnings.contains($0.rule) }.map(Self.identity))
        // (A renamed resource's findings, said with its old key, are the ones it had.)
        let renamed = !report.diagnostics.isEmpty ? RevisionCommitter.renamedResources(from: source, to: overlay) : [:]
        var refusals: [EditFinding] = [], warnings: [EditFinding] = []
        for d in report.diagnostics {
            let broughtIn = (d.severity == .error || Self.refusingWarnings.contains(d.rule)) && !before.contains(Self.identity(RevisionCommitter.withOldKeys(d, renamed)))
            if broughtIn {
                refusals.append(finding(d))
            } else if d.severity == .warning || d.severity == .error {
                warnings.append(finding(d))
            }
        }
        return Check(refusals: refusals, warnings: warnings, summary: report.summaryLine)
    }

    /// The summary of a check that found a file the edits leave unparseable.
    static let unreadable = "not validated: a file does not parse"

    static func identity(_ d: Diagnostic) -> String { RevisionCommitter.identity(d) }

    func finding(_ d: Diagnostic) -> EditFinding {
        var suggestions: [String]?
        if d.rule == UnknownFieldRule.description.id, let text = d.path, let path = try? ConfigurationPath(parsing: text) {
            suggestions = catalog.suggestions(forUnknownKeyAt: path)
        }
        return EditFinding(severity: d.severity.rawValue, rule: d.rule, message: d.summary, detail: d.detail, path: d.path,
                           location: d.location, suggestions: suggestions, targets: d.targets.isEmpty ? nil : d.targets)
    }

    /// Applies, validates and commits one revision (or only previews it with `dry_run`).
    /// - Parameters:
    ///   - agent: recorded as `Dabrepo-Agent:`.
    ///   - transcript: the conversation that asked for it (default: the summary).
    public func run(_ request: BundleEditRequest, agent: String = "edit", transcript: [RevisionMessage.Turn]? = nil,
                    session: String? = nil) throws(EngineError) -> BundleEditResult {
        // Each edit is placed in the text the edits before it left: 2,000 took 20 s and 20,000 did not end
        // (nor did the calls queued behind it). One revision of that many is no reviewable change either.
        guard request.edits.count <= Self.mostEdits else {
            throw EngineError(.usage, "\(request.edits.count) edits in one revision; at most \(Self.mostEdits) are applied at once: split them into several revisions (nothing was changed)")
        }
        return try run(request, agent: agent, transcript: transcript, session: session, attempt: 1)
    }

    /// The most edits one revision applies.
    public static let mostEdits = 1_000

    /// How often edits are applied again when another revision changed their files while this one waited
    /// for the repository (the edits say what to set, not the whole file, so they apply on top of it).
    /// Each stale attempt means another writer's revision landed (progress): as many as a conversation
    /// turn takes (`ConversationTurn.attempts`), since with eight writers at once five were used up.
    static let attempts = 10

    func run(_ request: BundleEditRequest, agent: String, transcript: [RevisionMessage.Turn]?, session: String?,
             attempt: Int) throws(EngineError) -> BundleEditResult {
        // One line, as the commit's subject is (a line break was folded in the commit and not in the result).
        let subject = request.subject.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        guard !subject.isEmpty else { throw EngineError(.usage, "the subject is empty: give the revision a one-line subject, such as \"Raise the timeout of nightly_etl\"") }
        guard subject.count <= Self.longestSubject else {
            throw EngineError(.usage, "the subject is \(subject.count) characters long; give the revision a one-line subject of at most \(Self.longestSubject) (the summary can say more)")
        }
        guard !request.edits.isEmpty else { throw EngineError(.usage, "no edits: give at least one, such as {\"op\": \"set\", \"path\": \"resources.jobs.etl.timeout_seconds\", \"value\": 7200}") }
        let summary = request.summary
        func result(_ status: BundleEditResult.Status, files: [String] = [], changes: [String] = [], findings: [EditFinding] = [],
                    validation: String? = nil, commit: String? = nil, message: String) -> BundleEditResult {
            BundleEditResult(status: status, subject: SecretRedaction.redact(subject), summary: summary.map(SecretRedaction.redact), commit: commit,
                             files: files, changes: changes.map(SecretRedaction.redact), findings: findings, validation: validation,
                             message: SecretRedaction.redact(message))
        }
        let applied = try apply(request.edits)
        guard applied.findings.isEmpty else {
            let count = applied.findings.count
            return result(.invalid, findings: applied.findings,
                          message: "Nothing changed: \(count) edit\(count == 1 ? "" : "s") cannot be made; correct \(count == 1 ? "it" : "them") and send the edits again.")
        }
        let files = applied.files.keys.sorted()
        guard !files.isEmpty else {
            return result(.unchanged, message: "Nothing changed: the bundle already is as the edits ask.")
        }
        let check = validate(applied)
        guard check.refusals.isEmpty else {
            let errors = check.refusals.count
            if check.summary == Self.unreadable {
                return result(.invalid, files: files, findings: check.refusals, validation: check.summary,
                              message: "Nothing changed: the bundle cannot be read; correct \(errors == 1 ? "this file" : "these files") first (its resources are not seen):")
            }
            return result(.invalid, files: files, findings: check.refusals, validation: check.summary,
                          message: "Nothing changed: the edited bundle would have \(errors) problem\(errors == 1 ? "" : "s"); correct the edits and send them again.")
        }
        let overlay = OverlayFileSource(base: source, overrides: applied.overrides)
        let (before, after) = BundleSnapshot.pair(old: ("before", source), new: ("after", overlay), cache: cache)
        let changes = BundleComparison.revisionChanges(before, after)
        if request.isDryRun {
            return result(.dryRun, files: files, changes: changes, findings: check.warnings, validation: check.summary,
                          message: "Dry run: the edits validate; nothing was committed.")
        }
        guard let root else { throw EngineError(.internal, "a bundle in memory cannot be committed; ask for a dry run") }
        var revision = Revision(subject: subject,
                                transcript: transcript ?? summary.map { [RevisionMessage.Turn(speaker: "dabrepo", text: $0)] } ?? [],
                                changes: changes, agent: agent, session: session ?? Revision.newSessionID(), files: applied.overrides)
        // Another revision (another process's) landing meanwhile refuses this one rather than being overwritten.
        revision.base = applied.base
        let outcome: RevisionOutcome
        do {
            outcome = try RevisionCommitter(bundleRoot: root, authorOverride: author, cache: cache).commit(revision)
        } catch {
            if case .changedMeanwhile = error, attempt < Self.attempts {
                // (A short pause, growing and a little random: writers that collided spread out.)
                usleep(useconds_t(Int.random(in: 10...60) * min(attempt, 5) * 1_000))
                return try run(request, agent: agent, transcript: transcript, session: session, attempt: attempt + 1)
            }
            if case .validationFailed(let diagnostics) = error {
                return result(.invalid, files: files, findings: diagnostics.filter { $0.severity == .error }.map(finding),
                              message: "Nothing changed: \(error.description).")
            }
            throw EngineError(error)
        }
        switch outcome {
        case .unchanged:
            return result(.unchanged, message: "Nothing changed: the bundle already is as the edits ask.")
        case .committed(let committed):
            return result(.committed, files: files, changes: changes, findings: check.warnings, validation: committed.report.revisionSummary,
                          commit: committed.commit.description, message: "Committed \(committed.commit.short) \"\(committed.subject)\" (\(committed.report.revisionSummary)).")
        }
    }

}
