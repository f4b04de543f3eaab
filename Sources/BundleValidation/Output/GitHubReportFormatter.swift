import BundleModel

/// GitHub Actions workflow commands (`::error file=…,line=…,col=…,title=…::message`), which show as
/// annotations on the pull request, followed by the summary line.
public struct GitHubReportFormatter: ReportFormatter {
    /// Prefix that makes bundle-relative paths relative to the repository root.
    public var pathPrefix: String

    public init(pathPrefix: String = "") {
        self.pathPrefix = pathPrefix
    }

    public func render(_ report: ValidationReport) -> String {
        var out = ""
        for d in report.diagnostics {
            let command: String
            switch d.severity {
            case .error: command = "error"
            case .warning: command = "warning"
            case .info: command = "notice"
            }
            var properties: [String] = []
            if let l = d.location {
                properties.append("file=\(Self.escapeProperty(pathPrefix + l.file))")
                properties.append("line=\(l.line)")
                properties.append("col=\(l.column)")
            }
            properties.append("title=\(Self.escapeProperty("dabrepo " + d.rule))")
            var message = d.summary
            if let path = d.path { message += " (at \(path))" }
            // (In brackets: "… while scanning for the next token in targets dev, prod" read as the parser's words.)
            if let names = report.targetsToName(d) { message += " (" + ValidationReport.targetPhrase(names) + ")" }
            if let detail = d.detail { message += "\n" + detail }
            out += "::\(command) \(properties.joined(separator: ","))::\(Self.escapeData(message))\n"
        }
        out += report.summaryLine + "\n"
        return out
    }

    static func escapeData(_ s: String) -> String {
        s.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
    }

    static func escapeProperty(_ s: String) -> String {
        escapeData(s).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
