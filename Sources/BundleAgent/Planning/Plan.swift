import BundleEditing
import BundleModel
import Foundation

/// One edit of one file, in the terms of the editing library (a small tool interface an LLM agent
/// can drive later as well).
public enum EditOperation: Sendable, Equatable {
    case set(EditPath, EditValue)
    case append(EditPath, EditValue)
    case delete(EditPath)
}

/// What an intent decided: edits, a commit subject and the sentence the transcript records.
public struct Plan: Sendable {
    public var subject: String
    public var summary: String
    /// The target the change is for (nil: the shared definition).
    public var target: String?
    /// The job it changes, when it changes one.
    public var job: String?
    /// The resource it changes, when it changes one (a follow-up continues with it).
    public var resource: ResourceReference?
    /// File (relative to the bundle root) → its operations, in order.
    public var edits: [(file: String, operations: [EditOperation])]
    /// The new contents of the files it changes, when the agent has applied its edits already (a
    /// model's structured edits); otherwise they come from applying `edits`.
    public var contents: [String: String]?
    /// The request as planned, when that is not the words asked: a follow-up replayed ("same for prod"
    /// is the previous request, for prod), which the next follow-up builds on in turn.
    public var request: String?
    /// The revision this one narrows ("only in prod" after a change for every target): its preview
    /// shows every target, since the others lose the change.
    public var replaces: String?
    /// Settings whose comment on their line the change makes untrue (`# daily at 3 AM` beside a new
    /// schedule): removed once the edits are applied. File → paths.
    public var staleComments: [String: [EditPath]] = [:]
    /// Files the edits create (read as empty instead of from the bundle).
    public var createdFiles: Set<String> = []
    /// Files the change deletes (a resource's own file when the resource goes).
    public var removedFiles: Set<String> = []

    /// The new contents of every file the change touches; nil deletes the file.
    public func files(_ contents: [String: String]) -> [String: Data?] {
        var files = contents.filter { !removedFiles.contains($0.key) }.mapValues { Optional(Data($0.utf8)) }
        for file in removedFiles { files[file] = .some(nil) }
        return files
    }

    public init(subject: String, summary: String, target: String? = nil, job: String? = nil, resource: ResourceReference? = nil,
                edits: [(file: String, operations: [EditOperation])]) {
        self.subject = subject
        self.summary = summary
        self.target = target
        self.job = job ?? (resource?.type == "jobs" ? resource?.key : nil)
        self.resource = resource ?? job.map { ResourceReference(type: "jobs", key: $0) }
        self.edits = edits
    }
}

extension Plan {
    /// The first text of a notebook or query a new task runs and that does not exist yet: started in
    /// the same revision, so that the job validates and deploys. Nil for other kinds of files.
    static func newSourceText(_ path: String, for owner: String) -> String? {
        if path.hasSuffix(".py") { return "# Databricks notebook source\n# The notebook of \(owner): its code goes here.\n" }
        if path.hasSuffix(".sql") { return "-- The query of \(owner): it goes here.\nSELECT 1;\n" }
        return nil
    }

    /// A path a request names, relative to the bundle root: "../src/x.py" written as the job file's
    /// tasks write it (relative to `file`) is taken from there when it lands inside the bundle.
    static func bundlePath(_ written: String, besides file: String) -> String {
        let path = written.hasPrefix("./") ? String(written.dropFirst(2)) : written
        guard path.hasPrefix("../") else { return path }
        let directory = BundlePath.directory(of: file)
        let resolved = BundlePath.normalize(directory.isEmpty ? path : directory + "/" + path)
        return resolved.hasPrefix("..") ? path : resolved
    }

    /// The plan with `path` created as `text` beside its edits (its other files as the edits make them).
    func creatingFile(_ path: String, text: String, _ context: PlanningContext) throws -> Plan {
        var plan = self
        var contents = try self.contents ?? OfflinePlanner.apply(self) { file in
            guard let data = try context.bundle.source.read(file) else { throw PlanningStop(outcome: .refused("cannot read \(file)")) }
            return String(decoding: data, as: UTF8.self)
        }
        contents[path] = text
        plan.contents = contents
        plan.createdFiles.insert(path)
        return plan
    }
}

/// The planner's answer.
public enum PlanOutcome: Sendable {
    case plan(Plan)
    /// A question, and the choices that answer it (`--resource jobs.X`, `--target T`).
    case clarify(question: String, choices: [String])
    /// Not understood: what was understood instead, with examples.
    case notUnderstood(message: String, examples: [String])
    /// Understood, but it cannot be done on this bundle (nothing to change, no such cluster, ...).
    case refused(String)

    /// A question or a refusal: no plan, and something the words understood.
    var isQuestionOrRefusal: Bool {
        switch self {
        case .clarify, .refused: return true
        case .plan, .notUnderstood: return false
        }
    }
}

/// Thrown inside planning to end it with a question or a refusal.
struct PlanningStop: Error {
    var outcome: PlanOutcome
}

extension PlanOutcome {
    /// Whether a refusal says the bundle already is as asked ("job x already times out after 2 hours"),
    /// which is no failure; "already has a task load", "exists already" and reasons with a remedy after
    /// a ";" are conflicts: something else of that name is in the way.
    public static func isAsAsked(_ reason: String) -> Bool {
        if reason.hasPrefix("nothing to change") { return true }
        let conflict = reason.contains(";") || reason.contains("already has a ") || reason.contains("exists already")
            || reason.contains("already has job clusters") || reason.contains("already has the parameter")
        return reason.contains("already") && !conflict
    }
}
