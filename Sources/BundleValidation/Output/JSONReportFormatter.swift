import BundleModel
import Foundation

/// One JSON object for scripts:
/// `{"bundle", "target", "targets", "diagnostics": [{severity, rule, summary, detail, path, file, line, column, targets}], "errors", "warnings"}`,
/// and `notices` when something happened before validating (an interrupted revision put back).
/// `file` is relative to the bundle root; a diagnostic's `targets` names the validated targets it applies
/// to (each finding is listed once). Keys are sorted; absent values are null. When validation cannot run
/// (exit status 2) the document holds one error of rule `validation-setup`.
public struct JSONReportFormatter: ReportFormatter {
    public init() {}

    struct Document: Encodable {
        var bundle: String?
        var target: String?
        var targets: [String]
        var diagnostics: [Entry]
        var errors: Int
        var warnings: Int
        var notices: [String]

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(bundle, forKey: .bundle)
            try c.encode(target, forKey: .target)
            try c.encode(targets, forKey: .targets)
            try c.encode(diagnostics, forKey: .diagnostics)
            try c.encode(errors, forKey: .errors)
            try c.encode(warnings, forKey: .warnings)
            if !notices.isEmpty { try c.encode(notices, forKey: .notices) }
        }

        enum Keys: String, CodingKey { case bundle, target, targets, diagnostics, errors, warnings, notices }
    }

    struct Entry: Encodable {
        var severity: String
        var rule: String
        var summary: String
        var detail: String?
        var path: String?
        var file: String?
        var line: Int?
        var column: Int?
        var targets: [String]

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(severity, forKey: .severity)
            try c.encode(rule, forKey: .rule)
            try c.encode(summary, forKey: .summary)
            try c.encode(detail, forKey: .detail)
            try c.encode(path, forKey: .path)
            try c.encode(file, forKey: .file)
            try c.encode(line, forKey: .line)
            try c.encode(column, forKey: .column)
            try c.encode(targets, forKey: .targets)
        }

        enum Keys: String, CodingKey { case severity, rule, summary, detail, path, file, line, column, targets }
    }

    public func render(_ report: ValidationReport) -> String {
        let document = Document(
            bundle: report.bundle,
            target: report.allTargets || report.targets.count != 1 ? nil : report.targets.first,
            targets: report.targets,
            diagnostics: report.diagnostics.map {
                Entry(severity: $0.severity.rawValue, rule: $0.rule, summary: $0.summary, detail: $0.detail, path: $0.path,
                      file: $0.location?.file, line: $0.location?.line, column: $0.location?.column, targets: $0.targets)
            },
            errors: report.errors, warnings: report.warnings, notices: report.notices)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(document)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
