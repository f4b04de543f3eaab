import BundleEngine

/// A structured edit's result for people: what changed, or where and why not.
public enum EditReport {
    public static func text(_ result: BundleEditResult) -> String {
        var lines: [String] = []
        switch result.status {
        case .invalid:
            lines += result.findings.map { "  " + $0.description }
        case .committed, .dryRun:
            lines += result.changes.map { "  " + $0 }
            lines += result.findings.map { "  \($0.severity): " + $0.description }
        case .unchanged:
            break
        }
        return ([result.message] + lines).joined(separator: "\n") + "\n"
    }
}
