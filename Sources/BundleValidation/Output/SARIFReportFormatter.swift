import BundleModel
import Foundation

/// SARIF 2.1.0 for code scanning (GitHub's `upload-sarif`): one run, dabrepo's rules as the
/// driver's rules, one result per diagnostic.
public struct SARIFReportFormatter: ReportFormatter {
    public var pathPrefix: String

    public init(pathPrefix: String = "") {
        self.pathPrefix = pathPrefix
    }

    static func level(_ s: Diagnostic.Severity) -> String {
        switch s {
        case .error: return "error"
        case .warning: return "warning"
        case .info: return "note"
        }
    }

    public func render(_ report: ValidationReport) -> String {
        var rules: [[String: Any]] = RuleRegistry.all.map { rule in
            let d = type(of: rule).description
            return [
                "id": d.id,
                "name": d.name,
                "shortDescription": ["text": d.summary],
                "fullDescription": ["text": d.documentation],
                "help": ["text": d.documentation],
                "defaultConfiguration": ["level": Self.level(d.severity)],
            ]
        }
        var ids = RuleRegistry.ids
        if report.isSetupFailure {
            let text = "The bundle can be read and the arguments are valid; otherwise validation does not run (exit status 2)."
            rules.append(["id": ValidationReport.setupRuleID, "name": "Validation runs", "shortDescription": ["text": text],
                          "fullDescription": ["text": text], "help": ["text": text], "defaultConfiguration": ["level": "error"]])
            ids.append(ValidationReport.setupRuleID)
        }
        let index = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
        let results: [[String: Any]] = report.diagnostics.map { d in
            var text = d.summary
            if let names = report.targetsToName(d) { text += " " + ValidationReport.targetPhrase(names) }
            if let detail = d.detail { text += "\n" + detail }
            var result: [String: Any] = [
                "ruleId": d.rule,
                "level": Self.level(d.severity),
                "message": ["text": text],
            ]
            if !d.targets.isEmpty { result["properties"] = ["targets": d.targets] }
            if let i = index[d.rule] { result["ruleIndex"] = i }
            // Every result has a place: GitHub's code scanning refuses a whole file with one result that has none
            // (a --var for a variable no longer declared, no bundle found), and every other finding with it.
            // Without one, the bundle's root file at its first line.
            let l = d.location ?? SourceLocation(file: "databricks.yml", line: 1, column: 1)
            do {
                let physical: [String: Any] = [
                    "artifactLocation": ["uri": Self.uri(pathPrefix + l.file)],
                    "region": ["startLine": l.line, "startColumn": l.column],
                ]
                var location: [String: Any] = ["physicalLocation": physical]
                if let path = d.path { location["logicalLocations"] = [["fullyQualifiedName": path, "kind": "member"]] }
                result["locations"] = [location]
            }
            return result
        }
        let document: [String: Any] = [
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [[
                "tool": ["driver": [
                    "name": "dabrepo",
                    "version": DabrepoVersion.current,
                    "semanticVersion": DabrepoVersion.current,
                    "rules": rules,
                ]],
                "results": results,
            ]],
        ]
        let data = (try? JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// A relative path as a URI reference: `resources/my job#1.yaml` is `resources/my%20job%231.yaml`
    /// (a `#` began a fragment, a space is no URI character).
    static func uri(_ path: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "#?[]@!$&'()*+,;=")
        allowed.insert(charactersIn: "/")
        return path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
    }
}
