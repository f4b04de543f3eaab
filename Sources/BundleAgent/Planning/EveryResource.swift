import BundleEditing
import BundleModel
import Foundation

/// "every job", "all pipelines", "when any job fails", "each of the jobs": a request about each
/// resource of a kind. The intent plans for one resource at a time (as asked with `--resource`), and
/// the plans become one revision; resources the change does not fit are left as they are, and the
/// summary says which and why.
enum EveryResource {
    static let quantifiers: Set<String> = ["every", "each", "all", "any", "both"]
    /// Words before a kind that say which by position, not by name ("the other jobs").
    static let notQualifiers: Set<String> = ["other", "others", "remaining", "rest", "same", "new", "old", "existing", "current", "two", "these", "those", "my", "our"]
    /// Words that may stand between the quantifier and the noun: "all of the jobs", "every one of my jobs".
    static let fillers: Set<String> = ["the", "my", "our", "your", "of", "these", "those", "this", "bundle", "s", "one", "single"]

    /// The resource types the words quantify over: ["jobs"] for "every job", ["jobs", "pipelines"] for
    /// "all jobs and pipelines"; empty when none.
    static func types(in request: RequestText) -> Set<String> {
        let words = request.words
        var types: Set<String> = []
        func type(of word: String) -> String? {
            // "all schedules", "every trigger": the jobs that have them.
            if ["schedule", "schedules", "trigger", "triggers"].contains(word) { return "jobs" }
            return ["jobs", "pipelines", "dashboards", "apps", "model_serving_endpoints", "sql_warehouses", "experiments", "alerts"]
                .first { (ResourceVocabulary.nouns[$0] ?? []).contains(word) }
        }
        // "pause everything in dev": each job and pipeline the change fits (when the change asked which).
        // ("… only if everything before it succeeded", "everything upstream": the tasks before one, not every job.)
        if let i = words.firstIndex(of: "everything"), !(i + 1 < words.count && ["before", "upstream"].contains(words[i + 1])) {
            types.formUnion(["jobs", "pipelines", "alerts"])
        }
        // "when anything fails in prod", "if anything breaks": each job and pipeline (it asked which, or took
        // the one the conversation was about).
        if let i = words.firstIndex(where: { $0 == "anything" || $0 == "something" }), i + 1 < words.count,
           ["fails", "failed", "fail", "failing", "breaks", "errors", "goes", "crashes"].contains(words[i + 1]) {
            types.formUnion(["jobs", "pipelines"])
        }
        // "the dashboards", "tag the jobs": a kind in the plural, with "the", is each of them.
        let plurals: Set<String> = ["jobs", "pipelines", "dashboards", "apps", "endpoints", "warehouses", "experiments", "alerts"]
        // "the three pipelines", "both pipelines": so too.
        // "the other jobs" too: each of them (the one just changed is already as asked).
        func the(_ i: Int) -> Bool {
            words[i - 1] == "the" || (i > 1 && words[i - 2] == "the" && (RequestText.numberWords[words[i - 1]] != nil || Int(words[i - 1]) != nil || words[i - 1] == "other"))
        }
        for (i, word) in words.enumerated() where i > 0 && the(i) && plurals.contains(word) {
            if let type = type(of: word) { types.insert(type) }
            // "the jobs and the alert": each of both kinds.
            if i + 2 < words.count, ["and", "or"].contains(words[i + 1]) {
                let k = words[i + 2] == "the" && i + 3 < words.count ? i + 3 : i + 2
                if let second = type(of: words[k]) { types.insert(second) }
            }
        }
        // "the dq jobs", "the bronze ingestion pipelines": a kind in the plural after "the" and a word or two
        // that say which (`qualifiers`).
        for (i, word) in words.enumerated() where i > 1 && plurals.contains(word) {
            let said = (1...min(2, i - 1)).first { n in words[i - n - 1] == "the" && words[(i - n)..<i].allSatisfy { !ResourceVocabulary.common.contains($0) && type(of: $0) == nil && !quantifiers.contains($0) && !notQualifiers.contains($0) && RequestText.numberWords[$0] == nil && Int($0) == nil } }
            if said != nil, let type = type(of: word) { types.insert(type) }
        }
        for (i, word) in words.enumerated() where quantifiers.contains(word) {
            var j = i + 1
            while j < words.count, fillers.contains(words[j]) { j += 1 }
            // "all ML jobs", "every bronze pipeline": past a word or two that say which (`qualifiers`).
            if j + 1 < words.count, type(of: words[j]) == nil, !ResourceVocabulary.common.contains(words[j]) {
                if type(of: words[j + 1]) != nil { j += 1 } else if j + 2 < words.count, type(of: words[j + 2]) != nil, !ResourceVocabulary.common.contains(words[j + 1]) { j += 2 }
            }
            // "all tasks" (not "all tasks of sales_sync"): the tasks of every job; "both clusters", "all job
            // clusters": the clusters of every job.
            if j < words.count, words[j] == "job", j + 1 < words.count, ["cluster", "clusters"].contains(words[j + 1]) { j += 1 }
            if j < words.count, ["task", "tasks", "cluster", "clusters"].contains(words[j]), !(j + 1 < words.count && ["of", "in"].contains(words[j + 1])) {
                types.insert("jobs")
                continue
            }
            guard j < words.count, let first = type(of: words[j]) else { continue }
            types.insert(first)
            // "all jobs and pipelines", "both jobs and the pipeline"
            if j + 2 < words.count, ["and", "or"].contains(words[j + 1]) {
                let k = words[j + 2] == "the" && j + 3 < words.count ? j + 3 : j + 2
                if let second = type(of: words[k]) { types.insert(second) }
            }
        }
        return types
    }

    /// The kinds a request names one each of, joined ("tag the job and the pipeline", "the pipeline
    /// and the job"): both, when the bundle has one of each (`one`).
    static func paired(in request: RequestText, one: (String) -> Bool) -> Set<String> {
        let words = request.words
        func kind(_ word: String) -> String? {
            ["jobs", "pipelines", "dashboards", "apps", "model_serving_endpoints", "sql_warehouses", "experiments"]
                .first { (ResourceVocabulary.nouns[$0] ?? []).contains(word) && !word.hasSuffix("s") }
        }
        for i in words.indices where i > 0 && words[i - 1] == "the" {
            guard let first = kind(words[i]), i + 2 < words.count, ["and", "&"].contains(words[i + 1]) else { continue }
            let k = words[i + 2] == "the" ? i + 3 : i + 2
            if k < words.count, let second = kind(words[k]), second != first, one(first), one(second) { return [first, second] }
        }
        return []
    }

    /// The words between a quantifier and its kind that say which ("all ML jobs": ["ml"]).
    static func qualifiers(in request: RequestText) -> [String] {
        let words = request.words
        for (i, word) in words.enumerated() where quantifiers.contains(word) {
            var j = i + 1
            // ("all three jobs": a count, not a word of their names.)
            while j < words.count, fillers.contains(words[j]) || RequestText.numberWords[words[j]] != nil || Int(words[j]) != nil { j += 1 }
            var said: [String] = []
            while j < words.count, said.count < 2, !ResourceVocabulary.common.contains(words[j]), !(ResourceVocabulary.nouns.values.contains { $0.contains(words[j]) }) {
                said.append(words[j]); j += 1
            }
            if !said.isEmpty, j < words.count, ResourceVocabulary.nouns.values.contains(where: { $0.contains(words[j]) }) { return said }
        }
        // "the dq jobs": the words between "the" and a kind in the plural.
        let plurals: Set<String> = ["jobs", "pipelines", "dashboards", "apps", "endpoints", "warehouses", "experiments"]
        for (i, word) in words.enumerated() where i > 1 && plurals.contains(word) {
            for n in 1...min(2, i - 1) where words[i - n - 1] == "the" {
                let said = Array(words[(i - n)..<i])
                if said.allSatisfy({ word in !ResourceVocabulary.common.contains(word) && !quantifiers.contains(word) && !ResourceVocabulary.nouns.values.contains { $0.contains(word) }
                    && !notQualifiers.contains(word) && RequestText.numberWords[word] == nil && Int(word) == nil }) {
                    return said
                }
            }
        }
        return []
    }

    /// The count a quantifier gives ("all three jobs", "both pipelines", "the 2 jobs"); nil when none.
    static func count(in request: RequestText) -> Int? {
        let words = request.words
        for (i, word) in words.enumerated() where i + 1 < words.count {
            let kind = ResourceVocabulary.nouns.values.contains { $0.contains(words[i + 1]) } && words[i + 1].hasSuffix("s")
            guard kind else { continue }
            if word == "both" { return 2 }
            if let n = RequestText.numberWords[word] ?? Int(word), i > 0, ["all", "the", "both", "my", "our", "these", "those"].contains(words[i - 1]) { return n }
        }
        return nil
    }

    /// Of `resources`, those the qualifiers name ("all ML jobs": the jobs with "ml" in their key or
    /// name); all of them when the words qualify none. Refused when no resource has the words.
    static func qualified(_ resources: [ResourceReference], _ context: PlanningContext) throws -> [ResourceReference] {
        // "every job except etl_genai_enrich": all of them but those.
        let excepted = context.catalog.excepted(in: context.request.original)
        let resources = resources.filter { !excepted.contains($0) }
        let said = qualifiers(in: context.request)
        // "all three jobs" where the bundle has four: which three is not said.
        // (Counted among the kind it counts: "both jobs and the pipeline" are two jobs, and the pipeline.)
        let counted = context.request.words.indices.dropLast().compactMap { i -> String? in
            guard context.request.words[i] == "both" || RequestText.numberWords[context.request.words[i]] != nil || Int(context.request.words[i]) != nil else { return nil }
            return ResourceVocabulary.nouns.first { $0.value.contains(context.request.words[i + 1]) }?.key
        }.first
        let ofKind = counted.map { type in resources.filter { $0.type == type } } ?? resources
        if said.isEmpty, let count = count(in: context.request), count != ofKind.count, count > 1, let first = ofKind.first ?? resources.first {
            let kind = ResourceVocabulary.singular(first.type)
            throw PlanningStop(outcome: .refused("this bundle has \(ofKind.count) \(kind)s (\(ofKind.map(\.key).joined(separator: ", "))), not \(count); name the ones to change"))
        }
        guard !said.isEmpty else { return resources }
        let matching = resources.filter { resource in
            guard let entry = context.catalog.entries.first(where: { $0.reference == resource }) else { return false }
            let words = entry.keyWords + entry.nameWords
            return said.allSatisfy { q in words.contains { $0 == q || ($0.count >= 4 && ResourceCatalog.stem($0) == ResourceCatalog.stem(q)) } }
        }
        guard !matching.isEmpty else {
            throw PlanningStop(outcome: .refused("no \(resources.first.map { ResourceVocabulary.singular($0.type) } ?? "resource") of this bundle has \"\(said.joined(separator: " "))\" in its name; name them"))
        }
        return matching
    }

    /// The intent's plan for each of `choices` (the resources its question offered) whose type the
    /// request quantifies over, as one plan; nil when the request is not about every resource of a kind.
    /// `types`: the kinds meant when the words do not say them (an intent that knows its request is
    /// about each resource the question offered, as "stop emailing ana@example.com" is).
    static func plan(_ intent: any Intent.Type, _ context: PlanningContext, choices: [String], types meant: Set<String> = []) -> PlanOutcome? {
        guard context.resourceOption == nil else { return nil }
        var said = types(in: context.request)
        // "pause both in dev", "upgrade spark on both": "both" alone, where the question offers two.
        // "for all three", "all of them": as many as the question offers.
        let words = context.request.words
        let bareBoth = context.request.has("both") && choices.count == 2 && words.firstIndex(of: "both").map { i in
            i + 1 == words.count || ["to", "in", "on", "for", "of", "at", "too", "and"].contains(words[i + 1]) } == true
        let bareAll = words.indices.contains { i in
            words[i] == "all" && i + 1 < words.count && ((RequestText.numberWords[words[i + 1]] ?? Int(words[i + 1])) == choices.count
                || (words[i + 1] == "of" && i + 2 < words.count && words[i + 2] == "them"))
        }
        // "upgrade the environment version to 3 everywhere": each one offered.
        // "make the clusters smaller" when several jobs have one: each job's (the plural of a part).
        let everywhere = context.request.has("everywhere") || context.request.contains("across the board")
            || (context.request.hasAny(["clusters", "environments"]) && choices.allSatisfy { $0.hasPrefix("--resource ") })
        if said.isEmpty, meant.isEmpty, bareBoth || bareAll || everywhere {
            said = Set(choices.compactMap { $0.hasPrefix("--resource ") ? ResourceReference(parsing: String($0.dropFirst("--resource ".count)))?.type : nil })
        }
        if said.isEmpty, meant.isEmpty {
            said = paired(in: context.request) { type in context.catalog.references(ofType: type).count == 1 }
        }
        // "add retries to customer_sync and daily_kpis": each one the question offers is named, joined by "and"
        // (it asked which of the two).
        if said.isEmpty, meant.isEmpty, context.request.has("and") {
            let asked = choices.compactMap { $0.hasPrefix("--resource ") ? ResourceReference(parsing: String($0.dropFirst("--resource ".count))) : nil }
            let named = Set(context.catalog.mentions(in: context.request.original).filter { $0.value == .name }.keys)
            if asked.count >= 2, asked.count == choices.count, asked.allSatisfy(named.contains) { said = Set(asked.map(\.type)) }
        }
        let types = said.isEmpty ? meant : said
        guard !types.isEmpty else { return nil }
        let offered = choices.compactMap { choice -> ResourceReference? in
            guard choice.hasPrefix("--resource ") else { return nil }
            return ResourceReference(parsing: String(choice.dropFirst("--resource ".count)))
        }
        // "give the ad-hoc job 3 retries on every task": every task of the job the words name, not of every
        // job (the other job's tasks were changed too). The quantifier is over tasks or clusters alone when
        // without those words it quantifies nothing.
        if meant.isEmpty, !said.isEmpty, offered.count == choices.count, quantifiesPartsOnly(context.request) {
            let mentioned = context.catalog.mentions(in: context.request.original).filter { offered.contains($0.key) }
            if let strongest = mentioned.values.max() {
                let named = mentioned.filter { $0.value == strongest }.map(\.key)
                if named.count == 1 { return OfflinePlanner.outcome(of: intent, context.asking(about: named[0]), routed: false) }
            }
        }
        // Only a question about which resource, and only of the kinds the words name.
        guard offered.count == choices.count else { return nil }
        let resources: [ResourceReference]
        do { resources = try qualified(offered.filter { types.contains($0.type) }.sorted(), context) } catch let stop as PlanningStop { return stop.outcome } catch { return nil }
        // (One left by "except": "a 2 hour timeout on every job except weekly_report" with two jobs.)
        guard resources.count > 1 || (resources.count == 1 && (!qualifiers(in: context.request).isEmpty || !context.catalog.excepted(in: context.request.original).isEmpty))
        else { return nil }

        var changed: [(ResourceReference, Plan)] = [], unchanged: [(ResourceReference, Plan)] = [], skipped: [(ResourceReference, String)] = []
        for resource in resources {
            switch OfflinePlanner.outcome(of: intent, context.asking(about: resource), routed: false) {
            case .plan(let plan):
                if changesNothing(plan, in: context.bundle) { unchanged.append((resource, plan)) } else { changed.append((resource, plan)) }
            case .clarify(let question, let choices):
                return .clarify(question: "For \(resource.spoken): \(question)", choices: choices)
            case .refused(let reason):
                skipped.append((resource, reason))
            case .notUnderstood(let message, _):
                skipped.append((resource, message))
            }
        }
        // Resources of the kind that the question left out: the change does not fit them. (Only when the words
        // ask for every one: "retry customer sync and the daily KPIs job" listed the job nobody named.)
        let every = types.flatMap { context.catalog.references(ofType: $0) }
        let all = (try? qualified(every, context)) ?? every
        let quantified = !Self.types(in: context.request).isEmpty || !meant.isEmpty
        let notOffered = quantified ? all.filter { !resources.contains($0) }.sorted() : []
        let plans = changed.isEmpty ? unchanged : changed
        guard !plans.isEmpty else {
            // Each one already as asked: nothing to change (not a refusal).
            if !skipped.isEmpty, skipped.allSatisfy({ PlanOutcome.isAsAsked($0.1) }) {
                return .refused("nothing to change: " + skipped.map { "\($0.0.key): \($0.1)" }.joined(separator: "; "))
            }
            return .refused("none of the \(resources.count) \(kinds(types, plural: true)) can take this change: "
                + skipped.map { "\($0.0.key): \($0.1)" }.joined(separator: "; "))
        }
        let phrase = plans.count == every.count ? "every " + kinds(types) : spoken(plans.map(\.0))
        let subjects = plans.map { rephrase($0.1.subject, resource: $0.0, as: phrase) }
        let subject = Set(subjects).count == 1 ? subjects[0] : sentence(context.request.original)
        var summary = plans.map(\.1.summary).joined(separator: " ")
        if !changed.isEmpty, !unchanged.isEmpty {
            summary += " Already as asked: \(unchanged.map(\.0.key).joined(separator: ", "))."
        }
        let excepted = context.catalog.excepted(in: context.request.original).filter { types.contains($0.type) }.sorted()
        summary += notChanged(skipped + notOffered.filter { !excepted.contains($0) }.map { ($0, notApplicable) })
        if !excepted.isEmpty { summary += " Left as \(excepted.count == 1 ? "it is" : "they are"), as asked: \(excepted.map(\.key).joined(separator: ", "))." }
        // (With the files the plans remove: "remove the bronze and silver jobs" kept both files, and said
        // "Nothing to change", or committed only a target's override of one of them.)
        var merged = OfflinePlanner.merged(plans.map(\.1), subject: subject)
        merged.summary = summary
        merged.target = plans[0].1.target
        // Routed together: a `${var.…}` every resource uses changes once, as the variable.
        do {
            return .plan(OfflinePlanner.inEnvironmentsSection(TargetOnlyCopies.spread(try VariableBackedFields.route(merged, context), context), context))
        } catch let stop as PlanningStop {
            return stop.outcome
        } catch {
            return .refused("\(error)")
        }
    }

    /// A plan for one resource, when the words asked for every one of its kind: the summary says
    /// which others the change did not fit ("use Photon for all jobs" with one job on serverless).
    static func noting(_ plan: Plan, _ context: PlanningContext) -> Plan {
        guard context.resourceOption == nil, let resource = plan.resource else { return plan }
        let types = types(in: context.request)
        guard types.contains(resource.type), !quantifiesPartsOnly(context.request) else { return plan }
        let others = types.flatMap { context.catalog.references(ofType: $0) }.filter { $0 != resource }.sorted()
        var noted = plan
        noted.summary += notChanged(others.map { ($0, notApplicable) })
        return noted
    }

    /// "on every task", "all clusters": words that quantify over the parts of a job alone (without
    /// them the request quantifies nothing), so which job is for the other words to say.
    static func quantifiesPartsOnly(_ request: RequestText) -> Bool {
        let without = request.original.replacingOccurrences(of: #"(?i)\b(tasks?|steps?|(job\s+)?clusters?)\b"#, with: "things", options: .regularExpression)
        return !types(in: request).isEmpty && types(in: RequestText(without)).isEmpty
    }

    static let notApplicable = "the change does not apply to it"

    /// " Not changed: marketing_digest (the change does not apply to it)."
    static func notChanged(_ left: [(ResourceReference, String)]) -> String {
        left.isEmpty ? "" : " Not changed: \(left.map { "\($0.0.key) (\($0.1))" }.joined(separator: "; "))."
    }

    /// "job and pipeline", or plural "jobs and pipelines".
    static func kinds(_ types: Set<String>, plural: Bool = false) -> String {
        types.sorted().map { ResourceVocabulary.singular($0) + (plural ? "s" : "") }.joined(separator: " and ")
    }

    /// The request as a commit subject: its first letter upper-case, no final full stop.
    static func sentence(_ request: String) -> String {
        var text = request.trimmingCharacters(in: .whitespacesAndNewlines)
        while text.hasSuffix(".") { text.removeLast() }
        return capitalized(text)
    }

    /// `text` with its first letter upper-case, unless it starts with a key as written (`generate_metrics`,
    /// `ecommerce_orders`: "Generate_metrics no longer waits …" named no task).
    static func capitalized(_ text: String) -> String {
        let first = text.prefix { !$0.isWhitespace }
        if first.contains("_") || first.contains(where: \.isNumber) { return text }
        return text.prefix(1).uppercased() + text.dropFirst()
    }

    /// "job sales_sync", "jobs sales_sync and billing", "job a and pipeline b".
    static func spoken(_ resources: [ResourceReference]) -> String {
        let types = Set(resources.map(\.type))
        let names = types.count == 1 ? resources.map(\.key) : resources.map(\.spoken)
        let list = names.count <= 1 ? names.joined() : names.dropLast().joined(separator: ", ") + " and " + names.last!
        guard types.count == 1, let type = types.first else { return list }
        return (resources.count == 1 ? ResourceVocabulary.singular(type) : type) + " " + list
    }

    /// A plan's subject with its resource put as `phrase`: "Time out sales_sync after 2 hours" →
    /// "Time out every job after 2 hours"; "Rename pipeline orders_cdc …" → "Rename every pipeline …".
    static func rephrase(_ subject: String, resource: ResourceReference, as phrase: String) -> String {
        let key = NSRegularExpression.escapedPattern(for: resource.key)
        let noun = NSRegularExpression.escapedPattern(for: ResourceVocabulary.singular(resource.type))
        guard let regex = try? NSRegularExpression(pattern: "(?:\\b\(noun) )?(?<![\\w.])\(key)(?![\\w])", options: [.caseInsensitive]) else { return subject }
        let range = NSRange(subject.startIndex..., in: subject)
        return regex.stringByReplacingMatches(in: subject, range: range, withTemplate: NSRegularExpression.escapedTemplate(for: phrase))
    }

    /// Whether a plan's edits leave every file as it is.
    static func changesNothing(_ plan: Plan, in bundle: LoadedBundle) -> Bool {
        // (A job alone in its file is removed with the file: "remove every job" said "Already as asked" of it.)
        guard plan.removedFiles.isEmpty, plan.createdFiles.isEmpty else { return false }
        var originals: [String: String] = [:]
        guard let contents = try? OfflinePlanner.apply(plan, read: { file in
            guard let data = try bundle.source.read(file) else { throw EveryResourceReadError() }
            let text = String(decoding: data, as: UTF8.self)
            originals[file] = text
            return text
        }) else { return false }
        return contents.allSatisfy { originals[$0.key] == $0.value }
    }

    struct EveryResourceReadError: Error {}
}

extension PlanningContext {
    /// The same request, about one resource (as `--resource TYPE.KEY` asks).
    func asking(about resource: ResourceReference) -> PlanningContext {
        PlanningContext(bundle: bundle, request: request, targetOption: targetOption, resourceOption: resource.description,
                        defaultResource: defaultResource, defaultTarget: defaultTarget, catalog: catalog)
    }
}
