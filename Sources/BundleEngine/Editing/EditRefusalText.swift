import Foundation

/// The reason an edit tool gave for a refusal, as people read it: the findings of its result document
/// ("resources/job.yml:12:7: unknown field: max_concurent_runs (unknown-field)"), or its first line when
/// it is no such document. A model reads the whole document; the terminal and the page say these.
public enum EditRefusalText {
    public static func lines(_ result: String) -> [String] {
        if let open = result.firstIndex(of: "{"), let close = result.lastIndex(of: "}"), open < close,
           let decoded = try? JSONDecoder().decode(BundleEditResult.self, from: Data(result[open...close].utf8)) {
            let errors = decoded.findings.filter { $0.severity == "error" }
            let shown = (errors.isEmpty ? decoded.findings : errors).map(\.description)
            return shown.isEmpty ? [decoded.validation ?? "the edits were refused"] : shown
        }
        let first = result.split(separator: "\n").first.map(String.init) ?? result
        return [first.count > 300 ? String(first.prefix(300)) + "…" : first]
    }

    /// One line: the first reason, and how many more there are.
    public static func line(_ result: String) -> String {
        let all = lines(result)
        return (all.first ?? "") + (all.count > 1 ? " (and \(all.count - 1) more)" : "")
    }
}
