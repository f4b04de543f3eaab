import BundleModel

/// JUnit XML for CI systems that show test reports: one test suite per validation, one test case per
/// rule. A rule with errors (or, with `strict`, warnings) fails; its findings are listed in the failure.
public struct JUnitReportFormatter: ReportFormatter {
    public var strict: Bool
    public var pathPrefix: String

    public init(strict: Bool = false, pathPrefix: String = "") {
        self.strict = strict
        self.pathPrefix = pathPrefix
    }

    public func render(_ report: ValidationReport) -> String {
        var cases = ""
        var failures = 0
        var rules = RuleRegistry.all.map { (id: type(of: $0).description.id, summary: type(of: $0).description.summary) }
        // Validation that could not run fails one test case of its own; the rules did not run.
        let setupFailed = report.isSetupFailure
        if setupFailed { rules.insert((ValidationReport.setupRuleID, "The bundle can be read and the arguments are valid."), at: 0) }
        for rule in rules {
            let found = report.diagnostics.filter { $0.rule == rule.id }
            let failing = found.filter { $0.severity == .error || (strict && $0.severity == .warning) }
            cases += "    <testcase classname=\"dabrepo.\(Self.escape(rule.id))\" name=\"\(Self.escape(rule.summary))\">\n"
            let lines = found.map { f -> String in
                let location = f.location.map { "\(pathPrefix)\($0.file):\($0.line):\($0.column): " } ?? ""
                return "\(location)\(f.severity.rawValue): \(f.summary)" + (f.path.map { " (at \($0))" } ?? "")
                    + (report.targetsToName(f).map { " " + ValidationReport.targetPhrase($0) } ?? "")
            }.joined(separator: "\n")
            if !failing.isEmpty {
                failures += 1
                cases += "      <failure message=\"\(Self.escape(failing[0].summary))\" type=\"\(failing[0].severity.rawValue)\">\(Self.escape(lines))</failure>\n"
            } else if !found.isEmpty {
                cases += "      <system-out>\(Self.escape(lines))</system-out>\n"
            } else if setupFailed {
                cases += "      <skipped message=\"validation did not run\"/>\n"
            } else if report.disabledRules.contains(rule.id) {
                cases += "      <skipped message=\"rule disabled for this run\"/>\n"
            }
            cases += "    </testcase>\n"
        }
        let name = "dabrepo validate \(report.bundle ?? "bundle")" + (report.targets.isEmpty ? "" : " (\(report.targets.joined(separator: ", ")))")
        let count = rules.count
        let skipped = setupFailed ? count - 1 : rules.filter { report.disabledRules.contains($0.id) }.count
        return """
        <?xml version="1.0" encoding="UTF-8"?>
        <testsuites name="\(Self.escape(name))" tests="\(count)" failures="\(failures)" errors="0">
          <testsuite name="\(Self.escape(name))" tests="\(count)" failures="\(failures)" errors="0" skipped="\(skipped)">
        \(cases)  </testsuite>
        </testsuites>

        """
    }

    static func escape(_ s: String) -> String {
        var out = ""
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\n", "\t", "\r": out.unicodeScalars.append(ch)
            default:
                if ch.value < 0x20 { out += "?" } else { out.unicodeScalars.append(ch) }
            }
        }
        return out
    }
}
