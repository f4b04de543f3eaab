import Foundation

/// Shorthand people type, in the words the intents read: "+" and "&" for "and", "w/" for "with",
/// "wkrs" for workers, "grp" for group, "3x" for 3 times (of retries and runs), and a target said first with a colon
/// ("prd: autoscale …" is "for prd: autoscale …"). "+" dropped the second change ("email … on failure
/// + let analysts run the job"), "prd:" changed every target, "wkrs" was not read as workers, "3x"
/// retried twice. A task's or job's key said first with a colon ("land_s3: 3 retries and a 20m timeout")
/// is what the words are about.
enum ShorthandRewrite: FollowUpRewrite {
    static let id = "shorthand"
    static let examples = [
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.floodJobs, before: [],
                               request: "retry geocode_addresses 3x + email ops@example.com on failure of the flood job",
                               readAs: "retry geocode_addresses 3 times and email ops@example.com on failure of the flood job"),
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.floodJobs, before: [],
                               request: "add a task report that depends on geocode_addresses and flood_risk and runs src/score.py",
                               readAs: "add a task report after geocode_addresses and flood_risk and runs src/score.py"),
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.floodJobs, before: [],
                               request: "prod: give the flood job a 2 hour timeout w/ 2 retries",
                               readAs: "for prod: give the flood job a 2 hour timeout with 2 retries"),
        FollowUpRewriteExample(files: FollowUpRewriteFixtures.floodJobs, before: [],
                               request: "remove the dependency of flood_risk on geocode_addresses",
                               readAs: "make flood_risk no longer depend on geocode_addresses"),
    ]

    /// (Pattern, replacement) pairs, in order.
    static let replacements: [(String, String)] = [
        (#"\s+[+&]\s+"#, " and "),
        (#"(?i)\bw/o\b"#, "without"),
        (#"(?i)\bw/(?=\s)"#, "with"),
        (#"(?i)\b(wkrs?|wrkrs?|wrks)\b"#, "workers"),
        (#"(?i)\bgrp\b"#, "group"),
        (#"(?i)\bshd\b"#, "should"),
        (#"(?i)\b(pls|plz)\b"#, "please"),
        // "remove the dependency of gold on silver": the dependency, not a library called gold (it answered
        // "installs gold in its definition").
        // "serve version 3 of the model and send all traffic to it": one change (the second part was not understood).
        (#"(?i)(\bversion\s+\S+.*?)\s*,?\s+and\s+(?:send|route|move|point|direct)\s+all\s+(?:the\s+)?(?:traffic|requests)\s+(?:to|at)\s+(?:it|that(?:\s+version)?|the\s+new\s+(?:one|version))\b"#,
         "$1 with all traffic"),
        (#"(?i)^(?:please\s+)?(?:remove|drop|delete)\s+the\s+dependency\s+of\s+(?:the\s+)?(\S+?)(?:\s+task)?\s+on\s+(?:the\s+)?(\S+?)(?:\s+task)?([.!]?)$"#,
         "make $1 no longer depend on $2$3"),
    ]

    static func rewrite(_ context: PlanningContext, session: RefineSession?, previous: RefineSession.Turn?) -> FollowUpRewritten? {
        let original = context.request.original
        // (Quoted text is a value: "Sales + Marketing" stays as written.)
        guard !original.contains("\""), !original.contains("“") else { return nil }
        var text = original
        for (pattern, replacement) in replacements {
            text = text.replacingOccurrences(of: pattern, with: replacement, options: .regularExpression)
        }
        // "retry bronze_ingest 3x": 3 times, said of retries and runs ("i3.2xlarge" is no count).
        if context.request.hasAny(["retry", "retries", "run", "runs", "attempt", "attempts", "times"]) {
            text = text.replacingOccurrences(of: #"(?i)\b(\d+)x(?![\w.])"#, with: "$1 times", options: .regularExpression)
        }
        // "add a task report that depends on build_silver and build_gold and runs …": the new task runs after
        // them (it asked which task waits for which).
        if text.range(of: #"(?i)^\s*(please\s+)?(add|create)\s+(a|an|one|the)?\s*(new\s+)?(\w+\s+)?(task|step)\b"#, options: .regularExpression) != nil {
            text = text.replacingOccurrences(of: #"(?i),?\s*(?:that|which)?\s*(?:depends|depending|dependent)\s+on\b"#, with: " after", options: .regularExpression)
            // "… once both gold tasks finish", "… after both gold tasks": after the gold tasks, every one of them (it
            // waited for one, or found no task called "both").
            let group = #"(?i)\b(?:once|when|after)\s+(?:both|all|all\s+the|the|its|all\s+of\s+the)\s+(?!the\b|other\b|remaining\b|previous\b)([\w-]+)\s+tasks(?:\s+(?:have\s+)?(?:finish(?:ed)?|are\s+done|complete(?:d)?|end(?:ed)?|succeed(?:ed)?))?\b"#
            if let said = FollowUpRewrites.groups(group, in: text), let word = said[0]?.lowercased(),
               let range = text.range(of: group, options: .regularExpression) {
                // The tasks whose keys have the word, in the one job that has several (named by their keys).
                let keys = context.catalog.references(ofType: "jobs").map { job in
                    (context.effectiveJob(job.key, target: nil)?["tasks"]?.sequence ?? []).compactMap { $0["task_key"]?.string }
                        .filter { ResourceCatalog.words($0).contains(word) }
                }.filter { $0.count >= 2 }
                text.replaceSubrange(range, with: keys.count == 1 ? "after " + keys[0].dropLast().joined(separator: ", ") + " and " + keys[0].last! : "after the \(word) tasks")
            }
        }
        // "rename X to Y, keep the -target suffix": how the name is renamed (its part with the target stays),
        // no change of its own.
        if context.request.has("rename") {
            // (Said as "keeping the target part", which no clause splits off and the rename reads.)
            text = text.replacingOccurrences(of: #"(?i)\s*[,(]?\s*(\b(and|but)\s+)?\b(keep|keeping|preserve|preserving)\s+(the\s+|its\s+)?\S*\s*(target|env|environment|prefix|suffix)\S*(\s+(prefix|suffix|part))?\s*\)?\s*$"#,
                                             with: " keeping the target part", options: .regularExpression)
        }
        // "prd: autoscale …": the target said first, with a colon.
        let targets = Set(context.bundle.targetNames.flatMap { [$0.lowercased()] + PlanningContext.aliases(of: $0.lowercased()) })
        if let range = text.range(of: #"^\s*([A-Za-z][\w-]*)\s*:\s+"#, options: .regularExpression) {
            let written = text[range].trimmingCharacters(in: CharacterSet(charactersIn: " :"))
            let name = written.lowercased()
            let rest = String(text[range.upperBound...])
            let startsWithVerb = CompoundRequest.verbs.contains(rest.split(separator: " ").first.map { $0.lowercased() } ?? "")
            let taskKeys = Set(context.catalog.entries.flatMap { $0.parts.filter { $0.kind == .task }.map(\.key) })
            let jobKeys = Set(context.catalog.references(ofType: "jobs").map(\.key))
            if targets.contains(name) {
                text = "for \(name): " + rest
            } else if taskKeys.contains(written) && !jobKeys.contains(written) {
                // "land_s3: 3 retries and 20m timeout": that task's.
                text = startsWithVerb ? rest + " on the \(written) task" : "give \(written) " + rest
            } else if jobKeys.contains(written) {
                text = startsWithVerb ? rest + " for the \(written) job" : "give the \(written) job " + rest
            }
        } else if let range = text.range(of: #"^\s*([A-Za-z][\w-]*(\s+[A-Za-z][\w-]*){1,3})\s*:\s+"#, options: .regularExpression) {
            // "weekly analytics: mondays 7am instead": a resource named by its words first (it changed the
            // retries of the change before).
            let words = String(text[range]).trimmingCharacters(in: CharacterSet(charactersIn: " :"))
            let named = context.catalog.mentions(in: words).filter { $0.value == .name }.keys
            if named.count == 1, let resource = named.first {
                text = String(text[range.upperBound...]) + " for the \(resource.key) \(ResourceVocabulary.singular(resource.type))"
            }
        }
        return text == original ? nil : .followUp(context.saying(text))
    }
}
