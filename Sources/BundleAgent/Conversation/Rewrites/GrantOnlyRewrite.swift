import Foundation

/// "actually read only", "only read", "just SELECT" after a grant of several privileges: the others taken back
/// from the same principal on the same securable (it said "already has READ_VOLUME", and WRITE_VOLUME stayed).
enum GrantOnlyRewrite: FollowUpRewrite {
    static let id = "grant-only"
    static let examples = [
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.grants, before: ["let the group engineers read and write the landing volume"],
                               request: "actually read only", readAs: "revoke WRITE_VOLUME on the landing volume from engineers"),
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.grants, before: ["grant USE_SCHEMA, SELECT and MODIFY on the flood schema to engineers"],
                               request: "no, just USE_SCHEMA and SELECT", readAs: "revoke MODIFY on the flood schema from engineers"),
    ]

    /// The privileges that reading keeps.
    static let reading: Set<String> = ["READ_VOLUME", "SELECT", "USE_SCHEMA", "USE_CATALOG", "EXECUTE", "BROWSE"]

    static func rewrite(_ context: PlanningContext, session: RefineSession?, previous: RefineSession.Turn?) -> FollowUpRewritten? {
        guard let previous, previous.commit != nil, previous.intent == GrantIntent.id,
              let said = FollowUpRewrites.groups(#"^\s*(?:(?:actually|no|wait|sorry|oh|hmm)[,!.]?\s+)*(?:make\s+it\s+|let\s+them\s+|they\s+should\s+)?(?:only|just)?\s*(.+?)(?:[\s-]+only)?\s*[.!]?\s*$"#,
                                             in: context.request.original)?[0],
              context.request.hasAny(["only", "just"]),
              let granted = FollowUpRewrites.groups(#"^Granted\s+([A-Z_, ]+?)\s+on\s+(schema|volume|registered model)\s+(\S+)\s+to\s+(.+?)\s+\("#, in: previous.reply),
              let list = granted[0], let kind = granted[1], let key = granted[2], let who = granted[3] else { return nil }
        let privileges = list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let words = RequestText(said)
        var kept = Set(GrantIntent.writtenPrivileges(words))
        if kept.isEmpty, words.hasAny(["read", "reading", "read-only", "readonly", "select", "query"]) { kept = reading }
        guard !kept.isEmpty, privileges.contains(where: kept.contains) else { return nil }
        let taken = privileges.filter { !kept.contains($0) }
        guard !taken.isEmpty else { return nil }
        return .followUp(context.saying("revoke \(taken.joined(separator: ", ")) on the \(key) \(kind) from \(who)"))
    }
}
