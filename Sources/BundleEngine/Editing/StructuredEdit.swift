import Foundation

/// One change of a bundle in the terms a language model, a script or a person writes it:
/// `{"op": "set", "path": "resources.jobs.etl.timeout_seconds", "value": 7200}`.
///
/// - `set`: the value at `path` (missing mappings and a missing `[field=value]` list entry are created);
/// - `delete`: the key or list entry at `path`;
/// - `append`: `value` to the list at `path` (created when missing);
/// - `rename`: the key at `path` to `to` (a resource's target overrides are renamed with it).
///
/// `file` (relative to the bundle root) names the file to write; without it the edit goes to the file
/// that already defines the path or its nearest existing parent (see `EditPlacement`).
public struct StructuredEdit: Codable, Sendable, Equatable {
    public enum Operation: String, Codable, Sendable, CaseIterable {
        case set, delete, append, rename
    }

    public var op: Operation
    public var path: String
    public var value: StructuredValue?
    public var to: String?
    public var file: String?

    public init(op: Operation, path: String, value: StructuredValue? = nil, to: String? = nil, file: String? = nil) {
        self.op = op
        self.path = path
        self.value = value
        self.to = to
        self.file = file
    }

    public static func set(_ path: String, _ value: StructuredValue, file: String? = nil) -> StructuredEdit {
        StructuredEdit(op: .set, path: path, value: value, file: file)
    }

    public static func delete(_ path: String) -> StructuredEdit { StructuredEdit(op: .delete, path: path) }

    public static func append(_ path: String, _ value: StructuredValue) -> StructuredEdit {
        StructuredEdit(op: .append, path: path, value: value)
    }

    public static func rename(_ path: String, to: String) -> StructuredEdit { StructuredEdit(op: .rename, path: path, to: to) }
}

/// The arguments of `edit_bundle` and `dabrepo edit`: edits with the subject and summary of the
/// revision they make.
public struct BundleEditRequest: Codable, Sendable {
    public var subject: String
    public var summary: String?
    public var edits: [StructuredEdit]
    public var dryRun: Bool?

    enum CodingKeys: String, CodingKey {
        case subject, summary, edits
        case dryRun = "dry_run"
    }

    public init(subject: String, summary: String? = nil, edits: [StructuredEdit], dryRun: Bool = false) {
        self.subject = subject
        self.summary = summary
        self.edits = edits
        self.dryRun = dryRun
    }

    public var isDryRun: Bool { dryRun ?? false }
}
