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
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.grants, before: ["grant ALL_PRIVILEGES on the flood schema to engineers"],
                               request: "make that SELECT and USE_SCHEMA only",
                               readAs: "revoke ALL_PRIVILEGES on the flood schema from engineers, then grant SELECT and USE_SCHEMA on the flood schema to engineers"),
    ]

    /// The privileges that reading keeps.
    static let reading: Set<String> = ["READ_VOLUME", "SELECT", "USE_SCHEMA", "USE_CATALOG", "EXECUTE", "BROWSE"]

    static func rewrite(_ context: PlanningContext, session: RefineSession?, previous: RefineSession.Turn?) -> FollowUpRewritten? {
        guard let previous, previous.commit != nil, previous.intent == GrantIntent.id,
              let said = FollowUpRewrites.groups(#"^\s*(?:(?:actually|no|wait|sorry|oh|hmm)[,!.]?\s+)*(?:make\s+it\s+|let\s+them\s+|they\s+should\s+)?(?:only|just)?\s*(.+?)(?:[\s-]+only)?\s*[.!]?\s*$"#,
                                             in: context.request.original)?[0],
              context.request.hasAny(["only", "just"]),
              let granted = FollowUpRewrites.groups(#"^Granted\s+([A-Z_, ]+?)\s+on\s+(schema|volume|registered model)\s+(\S+)(?:\s+for\s+target\s+(\S+))?\s+to\s+(.+?)\s+\("#, in: previous.reply),
              let list = granted[0], let kind = granted[1], let key = granted[2], let who = granted[4] else { return nil }
        // A correction says nothing else: "clinicians need SELECT on ml but only in prod" is a grant of its own, to someone
        // else (it revoked USE_SCHEMA from the group of the grant before).
        let plain: Set<String> = ["actually", "no", "nope", "wait", "sorry", "oh", "hmm", "ok", "okay", "make", "it", "that", "this", "let", "them", "they", "should",
                                  "only", "just", "read", "reading", "read-only", "readonly", "select", "query", "write", "writing", "and", "the", "on", "in", "to",
                                  "for", "be", "able", "access", "privilege", "privileges", "schema", "volume", "registered", "model", "but", "please", "instead",
                                  "of", "use", "with", "can", "may", "rather", "than", "then", "there", "so", "a", "s", "second", "thought", "thoughts", "think",
                                  "i", "we", "guess", "better", "well", "give", "grant", "allow", "keep", "need", "needs", "all"]
        let known = plain.union(GrantIntent.privileges.values.joined().map { $0.lowercased() }).union([key.lowercased(), who.lowercased()])
            .union(RequestText(who).words).union(RequestText(key).words).union(context.bundle.targetNames.map { $0.lowercased() })
        guard context.request.words.allSatisfy({ known.contains($0) || Int($0) != nil }) else { return nil }
        // (A grant for one target is corrected in that target: it said prod's READ_VOLUME was there already.)
        let place = granted[3].map { " in \($0)" } ?? ""
        let privileges = list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let words = RequestText(said)
        var kept = Set(GrantIntent.writtenPrivileges(words))
        let explicit = !kept.isEmpty
        if kept.isEmpty, words.hasAny(["read", "reading", "read-only", "readonly", "select", "query"]) { kept = reading }
        guard !kept.isEmpty else { return nil }
        let taken = privileges.filter { !kept.contains($0) }
        guard !taken.isEmpty else { return nil }
        if !privileges.contains(where: kept.contains) {
            // "make that SELECT and USE_SCHEMA only" after ALL_PRIVILEGES: those instead (ALL_PRIVILEGES stayed beside them).
            let allowed = GrantIntent.privileges[kind == "registered model" ? "registered_models" : kind + "s"] ?? []
            let readingOf = ["schema": ["USE_SCHEMA", "SELECT"], "volume": ["READ_VOLUME"], "registered model": ["EXECUTE"]]
            let instead = explicit ? kept.filter(allowed.contains).sorted() : readingOf[kind] ?? []
            guard !instead.isEmpty else { return nil }
            return .followUp(context.saying("revoke \(taken.joined(separator: ", ")) on the \(key) \(kind) from \(who)\(place), then grant \(instead.joined(separator: " and ")) on the \(key) \(kind) to \(who)\(place)"))
        }
        return .followUp(context.saying("revoke \(taken.joined(separator: ", ")) on the \(key) \(kind) from \(who)\(place)"))
    }
}
