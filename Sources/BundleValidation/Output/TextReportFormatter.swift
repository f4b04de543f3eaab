import BundleModel

/// The Databricks CLI's diagnostic shape:
///
/// ```
/// Error: job_cluster_key mian is not defined in job etl
///   at resources.jobs.etl.tasks[0].job_cluster_key
///   in resources/etl.job.yml:12:24
///   in targets dev, prod            (with --all-targets: the targets the finding applies to)
///   rule job-cluster-key-defined
///
/// Did you mean main? Job etl defines: main.
///
/// Name: demo
/// Target: dev
///
/// Found 1 error
/// ```
public struct TextReportFormatter: ReportFormatter {
    public var colored: Bool
    /// Prefix for file paths, when the bundle is not in the current directory.
    public var pathPrefix: String

    public init(colored: Bool = false, pathPrefix: String = "") {
        self.colored = colored
        self.pathPrefix = pathPrefix
    }

    func paint(_ text: String, _ code: String) -> String {
        colored ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    public func label(_ severity: Diagnostic.Severity) -> String {
        switch severity {
        case .error: return paint("Error:", "1;31")
        case .warning: return paint("Warning:", "1;33")
        case .info: return paint("Recommendation:", "1;36")
        }
    }

    public func render(_ report: ValidationReport) -> String {
        var out = ""
        for d in report.diagnostics {
            // (dabrepo's own notes, which the summary line does not count among the CLI's recommendations, say so.)
            out += "\(d.severity == .info && d.rule == ModelRuleID.variableReference ? paint("Note:", "1;36") : label(d.severity)) \(d.summary)\n"
            if let path = d.path { out += "  at \(path)\n" }
            if let l = d.location { out += "  in \(pathPrefix)\(l.file):\(l.line):\(l.column)\n" }
            if let names = report.targetsToName(d) { out += "  \(ValidationReport.targetPhrase(names))\n" }
            out += paint("  rule \(d.rule)", "2") + "\n"
            if let excerpt = d.excerpt {
                out += "\n" + excerpt.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n") + "\n"
            }
            if let detail = d.detail { out += "\n\(detail)\n" }
            out += "\n"
        }
        if let name = report.bundle { out += "Name: \(name)\n" }
        if !report.targets.isEmpty {
            out += (report.targets.count == 1 ? "Target: " : "Targets: ") + report.targets.joined(separator: ", ") + "\n"
        }
        if report.bundle != nil || !report.targets.isEmpty { out += "\n" }
        let summary = report.summaryLine
        out += (report.errors > 0 ? paint(summary, "1;31") : report.warnings > 0 ? paint(summary, "1;33") : paint(summary, "1;32")) + "\n"
        return out
    }
}
