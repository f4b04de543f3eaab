/// The terminal form, grouped by resource like `terraform plan`.
///
/// ```
/// ~ jobs.etl (resources/etl.job.yml)
///     ~ tasks[ingest].new_cluster.num_workers: 4 → 1
/// + jobs.report (resources/report.job.yml)
///     + name: report
///
/// Files:
///     ~ src/ingest.py (+3 -1)
///
/// 1 resource changed, 1 added, 0 removed
/// ```
public struct DiffTextFormatter {
    public var colored: Bool

    public init(colored: Bool = false) {
        self.colored = colored
    }

    func paint(_ text: String, _ sign: DiffLine.Sign) -> String {
        guard colored else { return text }
        let code = sign == .added ? "32" : sign == .removed ? "31" : "33"
        return "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }

    public func render(_ result: BundleDiffResult) -> String {
        var out = ""
        for group in result.groups {
            let sign: DiffLine.Sign = group.status == .added ? .added : group.status == .removed ? .removed : .changed
            out += (colored ? "\u{1B}[1m" : "") + paint(group.heading, sign) + (colored ? "\u{1B}[0m" : "") + "\n"
            for line in group.lines { out += "    " + paint(line.rendered, line.sign) + "\n" }
            if let note = group.renameNote { out += "    Note: " + note + "\n" }
        }
        if !result.files.isEmpty {
            if !out.isEmpty { out += "\n" }
            out += "Files:\n"
            for file in result.files {
                let sign: DiffLine.Sign = file.status == .added ? .added : file.status == .removed ? .removed : .changed
                let counts = file.binary ? "binary" : [file.addedLines > 0 ? "+\(file.addedLines)" : nil, file.removedLines > 0 ? "-\(file.removedLines)" : nil].compactMap { $0 }.joined(separator: " ")
                out += "    " + paint("\(sign.rawValue) \(file.path)" + (counts.isEmpty ? "" : " (\(counts))"), sign) + "\n"
            }
            for file in result.files { if let patch = file.patch, !patch.isEmpty { out += "\n" + patch } }
        }
        if !out.isEmpty { out += "\n" }
        for note in result.unreadable { out += "Note: " + note + "\n" }
        out += result.summaryLine + "\n"
        return out
    }
}
