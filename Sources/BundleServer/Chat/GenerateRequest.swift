import Foundation

/// A chat message that asks to generate rather than to change: "Generate a bundle from job
/// 662067900958232", "Create a bundle for /Workspace/Users/alex/ml/", "Sync /Workspace/Shared/etl into
/// the bundle". It runs the registry's tool of that operation, which commits a revision as the
/// `generate` and `sync` commands do.
struct GenerateRequest: Equatable {
    /// The tool (`generate_bundle_from_job`, `generate_bundle`, `sync_workspace_to_local`).
    var tool: String
    var arguments: [String: String]
    var jobID: Int?

    /// nil when the message is not a generate request (it goes to the agent).
    init?(_ message: String) {
        let text = message.trimmingCharacters(in: .whitespacesAndNewlines)
        let lower = text.lowercased()
        func first(_ pattern: String, in string: String) -> String? {
            guard let regex = try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive]),
                  let match = regex.firstMatch(in: string, range: NSRange(string.startIndex..., in: string)), match.numberOfRanges > 1,
                  let range = Range(match.range(at: 1), in: string) else { return nil }
            return String(string[range])
        }
        let verb = first(#"^\s*(?:please\s+)?(generate|create|import|make|build|sync|download)\b"#, in: lower)
        guard let verb else { return nil }
        let namesABundle = lower.contains("bundle") || lower.contains("from job") || verb == "import"
        if verb != "sync", verb != "download", namesABundle, let id = first(#"\bjob\s+(?:id\s+)?#?(\d{1,19})\b"#, in: lower), let number = Int(id) {
            (tool, arguments, jobID) = ("generate_bundle_from_job", [:], number)
            return
        }
        // A workspace folder: /Workspace/…, /Users/… or /Shared/…, up to the next space.
        guard let path = first(#"(/(?:Workspace|Users|Shared|Repos)(?:/[^\s"'`]*)?)"#, in: text) else { return nil }
        var folder = path
        while folder.count > 1, folder.hasSuffix("/") || folder.hasSuffix(".") || folder.hasSuffix(",") { folder.removeLast() }
        if verb == "sync" || verb == "download" {
            (tool, arguments, jobID) = ("sync_workspace_to_local", ["workspace_path": folder], nil)
        } else {
            guard lower.contains("bundle") || lower.contains("job") else { return nil }
            (tool, arguments, jobID) = ("generate_bundle", ["workspace_folder": folder], nil)
        }
    }

    /// The tool's arguments, the author added when known.
    func toolArguments(author: String?) -> [String: Any] {
        var out: [String: Any] = arguments
        if let jobID { out["job_id"] = jobID }
        if let author { out["author"] = author }
        return out
    }
}
