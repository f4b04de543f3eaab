/// Markdown for a pull-request comment: a summary line, then a collapsible section per resource.
public struct DiffMarkdownFormatter {
    public init() {}

    public func render(_ result: BundleDiffResult) -> String {
        var out = "**dabrepo diff** (\(result.from) → \(result.to)\(result.target.map { ", target \($0)" } ?? "")): \(result.summaryLine)\n"
        for note in result.unreadable { out += "\n> **Warning:** `\(escape(note))`\n" }
        for group in result.groups {
            out += "\n<details><summary><code>\(escape(group.heading))</code></summary>\n\n"
            let lines = group.lines
            if lines.isEmpty {
                out += group.status == .removed ? "Removed.\n" : "Renamed; the definition is unchanged.\n"
            }
            if let note = group.renameNote {
                out += "\n> **Note:** \(escape(note))\n"
            }
            if !lines.isEmpty {
                out += "```diff\n"
                // `diff` highlighting colours + and - lines; changes are shown as a removal and an addition of the line.
                for line in lines { out += "\(line.sign == .changed ? "!" : line.sign.rawValue) \(line.text)\n" }
                out += "```\n"
            }
            out += "\n</details>\n"
        }
        if !result.files.isEmpty {
            out += "\n| file | change | lines |\n| --- | --- | --- |\n"
            for f in result.files {
                out += "| `\(f.path)` | \(f.status.rawValue) | \(f.binary ? "binary" : "+\(f.addedLines) -\(f.removedLines)") |\n"
            }
        }
        return out
    }

    func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
