import BundleModel
import Foundation

/// Every resource of a bundle with the names a request may use for it: its key, its `name` (or
/// `display_name`, `cluster_name`), and its parts (task keys, job cluster keys, environment keys,
/// parameter names, pipeline cluster labels). Names compare ignoring case, `_`/`-`/spaces and
/// `${…}` interpolations, so "marketing digest", "Marketing-Digest" and "marketing_digest" are one.
struct ResourceCatalog: Sendable {
    /// A named part of a resource that can point at it.
    enum PartKind: String, CaseIterable, Sendable {
        case task, jobCluster, environment, parameter, clusterLabel

        /// The noun a request uses for it ("task", never "step").
        var noun: String {
            switch self {
            case .task: return "task"
            case .jobCluster, .clusterLabel: return "cluster"
            case .environment: return "environment"
            case .parameter: return "parameter"
            }
        }

        /// The nouns that say a word is this kind of part ("the extract task", "the sync cluster").
        var nouns: Set<String> {
            switch self {
            case .task: return ["task", "tasks", "step", "steps"]
            case .jobCluster, .clusterLabel: return ["cluster", "clusters", "compute"]
            case .environment: return ["environment", "environments", "env"]
            case .parameter: return ["parameter", "parameters", "param", "params", "argument"]
            }
        }
    }

    struct Part: Sendable {
        var kind: PartKind
        var key: String
        var words: [String]
        /// A task's type (`dashboard_task`, `pipeline_task`, …); nil for other parts.
        var taskType: String?
    }

    /// The word before "task" that says a task's type: "the dashboard task", "the sql task".
    static let taskTypeWords: [String: String] = [
        "dashboard": "dashboard_task", "pipeline": "pipeline_task", "dlt": "pipeline_task", "sql": "sql_task", "query": "sql_task",
        "dbt": "dbt_task", "notebook": "notebook_task", "wheel": "python_wheel_task", "python": "spark_python_task",
        "condition": "condition_task", "jar": "spark_jar_task", "foreach": "for_each_task",
    ]

    /// The task types the words name as "<type> task" ("remove the dashboard task").
    static func saidTaskTypes(_ words: [String]) -> Set<String> {
        Set(words.indices.compactMap { i in
            i > 0 && ["task", "tasks"].contains(words[i]) ? taskTypeWords[words[i - 1]] : nil
        })
    }

    struct Entry: Sendable {
        var reference: ResourceReference
        var keyWords: [String]
        var nameWords: [String]
        var parts: [Part]
        /// The words of the file that defines this resource and no other ("nhp_data-outpatients.yml"):
        /// "the outpatients job" names it where no key or name says so.
        var fileWords: [String] = []
        var file = ""
    }

    /// How strongly a request names a resource.
    enum Level: Int, Comparable, Sendable {
        /// A word of its key or name that no other resource has ("the billing job").
        case word = 1
        /// A part that only this resource has ("retry the extract task").
        case part = 2
        /// Its whole key or name ("the marketing digest").
        case name = 3

        static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
    }

    let entries: [Entry]
    let targetNames: Set<String>
    /// The entries' references, for `contains` (asked per resource of a bundle of thousands).
    let referenceSet: Set<ResourceReference>

    init(bundle: LoadedBundle) {
        var seen = Set<ResourceReference>()
        var entries: [Entry] = []
        func add(_ resources: YAMLNode?) {
            for type in resources?.mapping?.entries ?? [] {
                // (A target's `"*"` override of every resource of a kind is no resource: it was offered as a job.)
                for resource in type.value.mapping?.entries ?? [] where resource.key != "*" {
                    let reference = ResourceReference(type: type.key, key: resource.key)
                    guard seen.insert(reference).inserted else { continue }
                    entries.append(Self.entry(reference, resource.value))
                }
            }
        }
        add(bundle.configuration["resources"])
        // Resources a target defines for itself only.
        for target in bundle.targetNames { add(bundle.targetsMapping?[target]?["resources"]) }
        let perFile = Dictionary(grouping: entries.indices, by: { entries[$0].file })
        for (file, indices) in perFile where indices.count == 1 && !file.isEmpty {
            let stem = String(file.split(separator: "/").last ?? "").split(separator: ".").first.map(String.init) ?? ""
            entries[indices[0]].fileWords = Self.words(stem)
        }
        self.entries = entries
        referenceSet = Set(entries.map(\.reference))
        targetNames = Set(bundle.targetNames.flatMap { Self.words($0) })
    }

    static func entry(_ reference: ResourceReference, _ node: YAMLNode) -> Entry {
        var name = node["name"]?.string ?? node["display_name"]?.string ?? node["cluster_name"]?.string ?? node["table_name"]?.string ?? ""
        // Experiments and notebooks are named by a workspace path: the last component names them.
        if name.contains("/") { name = String(name.split(separator: "/").last ?? "") }
        var parts: [Part] = []
        func collect(_ list: String, _ field: String, _ kind: PartKind) {
            for item in node[list]?.sequence ?? [] {
                if let key = item[field]?.string, !key.isEmpty {
                    let type = kind == .task ? item.mapping?.keys.first(where: { $0.hasSuffix("_task") }) : nil
                    parts.append(Part(kind: kind, key: key, words: words(key), taskType: type))
                }
            }
        }
        switch reference.type {
        case "jobs":
            collect("tasks", "task_key", .task)
            collect("job_clusters", "job_cluster_key", .jobCluster)
            collect("environments", "environment_key", .environment)
            collect("parameters", "name", .parameter)
        case "pipelines":
            collect("clusters", "label", .clusterLabel)
        default:
            break
        }
        // `${bundle.name}_job`: what is left of a name made from references ("job") names nothing.
        var nameWords = words(name)
        if nameWords.allSatisfy({ word in ResourceVocabulary.nouns.values.contains { $0.contains(word) } || ResourceVocabulary.common.contains(word) }) {
            nameWords = []
        }
        return Entry(reference: reference, keyWords: words(reference.key), nameWords: nameWords, parts: parts, file: node.location.file)
    }

    /// Lower-cased words without `${…}` interpolations, split at anything not a letter or digit. An
    /// e-mail address or URL is no name ("oncall@example.com" does not name the example pipeline).
    static func words(_ text: String) -> [String] {
        let text = text.contains("@") || text.contains("://")
            ? text.split(separator: " ", omittingEmptySubsequences: false).map { $0.contains("@") || $0.contains("://") ? "" : String($0) }.joined(separator: " ")
            : text
        var cleaned = ""
        var depth = 0
        var index = text.startIndex
        while index < text.endIndex {
            if text[index...].hasPrefix("${") { depth += 1; index = text.index(index, offsetBy: 2); continue }
            if depth > 0 {
                if text[index] == "}" { depth -= 1 }
                index = text.index(after: index)
                continue
            }
            // "NewYorkTaxi_Job": the humps of a name written in camel case are words ("new york taxi job").
            if text[index].isUppercase, let last = cleaned.last, last.isLowercase { cleaned.append(" ") }
            cleaned.append(text[index])
            index = text.index(after: index)
        }
        return cleaned.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init)
    }

    /// A word without a common ending ("monitoring", "monitors" → "monitor"), for words of names only.
    static func stem(_ word: String) -> String {
        var stem = word
        for suffix in ["ing", "ers", "er", "es", "ed", "s"] where word.hasSuffix(suffix) && word.count - suffix.count >= 4 {
            stem = String(word.dropLast(suffix.count))
            break
        }
        // "score" and "scoring", "pipeline" and "pipelines": without a final e too.
        if stem.count >= 5, stem.hasSuffix("e") { stem.removeLast() }
        return stem
    }

    /// The kinds each noun says ("job": jobs; "model": models and registered_models).
    static let nounTypes: [String: Set<String>] = ResourceVocabulary.nouns.reduce(into: [String: Set<String>]()) { result, entry in
        for noun in entry.value { result[noun, default: []].insert(entry.key) }
    }

    /// The kinds the noun at `index` says, where the last noun of a run decides ("pipeline job": a job);
    /// nil when no kind's noun stands there.
    static func headNounTypes(_ words: [String], from index: Int) -> Set<String>? {
        guard index < words.count, nounTypes[words[index]] != nil else { return nil }
        var last = index
        while last + 1 < words.count, nounTypes[words[last + 1]] != nil { last += 1 }
        return nounTypes[words[last]]
    }

    /// Whether `words` hold the words of `phrase` in their order ("citibike python" in
    /// citibike_etl_pipeline_py), a word written short as names write it ("python" for py, "notebook"
    /// for nb).
    static func holds(_ words: [String], _ phrase: [String]) -> Bool {
        let short = ["python": "py", "notebook": "nb", "notebooks": "nb"]
        var rest = words[...]
        for p in phrase {
            guard let i = rest.firstIndex(where: { w in w == p || short[p] == w || (p.count >= 6 && w.count >= 4 && stem(p) == stem(w)) }) else { return false }
            rest = rest[(i + 1)...]
        }
        return !phrase.isEmpty
    }

    /// Where `phrase` stands in `words` as a whole run of words, or nil.
    static func position(of phrase: [String], in words: [String]) -> Int? {
        guard !phrase.isEmpty, phrase.count <= words.count else { return nil }
        for start in 0...(words.count - phrase.count) where Array(words[start..<(start + phrase.count)]) == phrase {
            return start
        }
        // "salessync" for "sales sync": a name written as one word.
        let joined = phrase.joined()
        if phrase.count > 1, let i = words.firstIndex(of: joined) { return i }
        return nil
    }

    /// Whether the request names this part: its whole key, which is either a word of its own
    /// ("extract") or stands beside the part's noun ("the default environment", "cluster main").
    static func names(_ part: Part, in words: [String], text: String? = nil) -> Bool {
        // "the sql validation" for 02_sql_validation: a key's leading number is its place, not its name.
        if part.words.count > 2, part.words[0].allSatisfy(\.isNumber), position(of: part.words, in: words) == nil {
            var bare = part
            bare.words.removeFirst()
            return names(bare, in: words, text: text)
        }
        guard let start = position(of: part.words, in: words) else { return false }
        if !part.words.allSatisfy({ ResourceVocabulary.common.contains($0) }) { return true }
        // "after deploy_model": a key of common words, written as it is.
        if let text, isIdentifier(part.key), writesToken(part.key, in: text) { return true }
        // A key that ends with its own noun ("notebook_task", "main_cluster") is "the notebook task" as written.
        if part.words.count > 1, let last = part.words.last, part.kind.nouns.contains(last) { return true }
        let end = start + part.words.count
        let before = start > 0 ? words[start - 1] : ""
        let after = end < words.count ? words[end] : ""
        return part.kind.nouns.contains(after) || part.kind.nouns.contains(before)
    }

    /// What `mentions(in:)` found for each text: a request about every job asks it once per job.
    final class MentionMemo: @unchecked Sendable {
        private let lock = NSLock()
        private var found: [String: [ResourceReference: Level]] = [:]
        func value(_ text: String, _ make: () -> [ResourceReference: Level]) -> [ResourceReference: Level] {
            if let known = lock.withLock({ found[text] }) { return known }
            let made = make()
            lock.withLock { if found.count < 256 { found[text] = made } }
            return made
        }
    }
    let mentionMemo = MentionMemo()

    /// Each target's merged, resolved configuration, made once per bundle: asked for each job of each
    /// target ("pause the schedule" of 2,000 jobs resolved the whole bundle 4,000 times: 5 minutes).
    final class EffectiveMemo: @unchecked Sendable {
        private let lock = NSLock()
        private var made: [String: EffectiveConfiguration] = [:]
        func value(_ target: String?, _ make: () -> EffectiveConfiguration) -> EffectiveConfiguration {
            let key = target.map { "t:" + $0 } ?? "none"
            if let known = lock.withLock({ made[key] }) { return known }
            let configuration = make()
            lock.withLock { made[key] = configuration }
            return configuration
        }
    }
    let effectiveMemo = EffectiveMemo()

    /// `one` and the other resources of its kind whose keys hold the words of its key (without the
    /// kind's word) that the request says: "the hello world jobs" are hello_world_job and
    /// hello_world_job_2. Only `one` when the request says fewer than two of those words.
    func sharingName(with one: ResourceReference, in text: String) -> [ResourceReference] {
        guard let entry = entries.first(where: { $0.reference == one }) else { return [one] }
        var stem = entry.keyWords
        if let last = stem.last, ["job", "jobs", "pipeline", "pipelines"].contains(last) { stem.removeLast() }
        guard stem.count >= 2, Self.position(of: stem, in: Self.words(text)) != nil else { return [one] }
        return [one] + entries.filter { other in
            other.reference != one && other.reference.type == one.type && Self.position(of: stem, in: other.keyWords) != nil
        }.map(\.reference).sorted()
    }

    /// The resources the request names, each at the strongest level it is named.
    /// (The words after "except", "but not", … name what stays as it is, never what changes: "set a timeout
    /// on all jobs except etl_genai_enrich" changed etl_genai_enrich alone.)
    func mentions(in text: String) -> [ResourceReference: Level] {
        let kept = PlanningContext.exceptClause(text).kept
        return mentionMemo.value(kept) { findMentions(in: kept) }
    }

    /// The resources the words after "except" (or "but not", "other than", …) name; empty without such words.
    func excepted(in text: String) -> Set<ResourceReference> {
        guard let excepted = PlanningContext.exceptClause(text).excepted else { return [] }
        return Set(mentionMemo.value(excepted) { findMentions(in: excepted) }.keys)
    }

    private func findMentions(in text: String) -> [ResourceReference: Level] {
        // "the ad-hoc job" for adhoc_entity_matching: a hyphenated word is also the word it joins (after
        // the others, so that places in the request stay as they were).
        let hyphenated = text.split(whereSeparator: \.isWhitespace).filter { $0.contains("-") && !$0.hasPrefix("-") && !$0.contains("@") && !$0.contains("://") }
            .map { $0.lowercased().filter { $0.isLetter || $0.isNumber } }.filter { !$0.isEmpty }
        let words = Self.words(text) + hyphenated
        var found: [ResourceReference: Level] = [:]
        func note(_ reference: ResourceReference, _ level: Level) {
            found[reference] = max(found[reference] ?? level, level)
        }
        // Whole names, where no longer name holds them: "the Generate_NHP_Data_OP job" names that job,
        // not also Generate_NHP_Data.
        var spans: [(reference: ResourceReference, range: Range<Int>)] = []
        let kindWords: Set<String> = ["job", "jobs", "pipeline", "pipelines", "workflow", "wf"]
        for entry in entries {
            // bronze_ingestion_job is "the bronze ingestion" too: its key without the kind's word.
            var bare = entry.keyWords
            if bare.count > 2, let last = bare.last, kindWords.contains(last) { bare.removeLast() }
            // build_lakehouse is "the lakehouse build" too: a two-word key said the other way round.
            let reversed = entry.keyWords.count == 2 ? Array(entry.keyWords.reversed()) : []
            for phrase in [entry.keyWords, entry.nameWords, bare == entry.keyWords ? [] : bare, reversed] where !phrase.isEmpty {
                guard let start = Self.position(of: phrase, in: words) else { continue }
                let length = Array(words[start...]).starts(with: phrase) ? phrase.count : 1
                // "the invoicing ingestion job": no schema called ingestion, as a job is said.
                if let kinds = Self.headNounTypes(words, from: start + length), !kinds.contains(entry.reference.type) { continue }
                // "the orders pipeline" is a pipeline, not the job named "ETL Orders Pipeline" (unless "… Pipeline job"
                // or the key written as it is: healthclaim_guardian_pipeline is that job).
                if !(phrase == entry.keyWords && Self.isIdentifier(entry.reference.key) && Self.writesToken(entry.reference.key, in: text)),
                   let kinds = Self.nounTypes[words[start + length - 1]], !kinds.contains(entry.reference.type),
                   Self.headNounTypes(words, from: start + length)?.contains(entry.reference.type) != true,
                   entries.contains(where: { other in kinds.contains(other.reference.type) && !Set(other.keyWords + other.nameWords).isDisjoint(with: words[start..<(start + length - 1)]) }) { continue }
                spans.append((entry.reference, start..<(start + length)))
            }
        }
        for span in spans where !spans.contains(where: { $0.range.count > span.range.count && $0.range.clamped(to: span.range) == span.range }) {
            note(span.reference, .name)
        }
        // Parts and words count only where they point at one resource.
        var partOwners: [String: Set<ResourceReference>] = [:]
        var saidAsPart = Set<String>()
        for entry in entries {
            for part in entry.parts where Self.names(part, in: words, text: text) {
                let id = "\(part.kind.rawValue):\(part.key)"
                partOwners[id, default: []].insert(entry.reference)
                // Beside its noun ("the invoicing task") or written as its key (load_orders), a part names its
                // resource strongly; a bare word ("the invoicing ingestion job") only as a word does.
                // Without either, where another resource's own key or name holds the words ("the sva subscriptions
                // ingestion job" for Ingestao_1_…_sva_subscriptions, not the job with a task sva_subscriptions), not at all.
                if let start = Self.position(of: part.words, in: words) {
                    let end = start + part.words.count
                    if (end < words.count && part.kind.nouns.contains(words[end])) || (start > 0 && part.kind.nouns.contains(words[start - 1]))
                        || (Self.isIdentifier(part.key) && Self.writesToken(part.key, in: text)) {
                        saidAsPart.insert(id)
                    } else if entries.contains(where: { other in other.reference != entry.reference && (Self.holds(other.keyWords, part.words) || Self.holds(other.nameWords, part.words))
                                && Self.headNounTypes(words, from: end).map { $0.contains(other.reference.type) } != false }) {
                        // (A holder of another kind than the noun after the words says does not count: "the fact
                        // subscription job" is the job with the task fact_subscription, not the pipeline.)
                        partOwners[id]?.insert(ResourceReference(type: "", key: ""))
                    } else if part.words.count > 1 {
                        saidAsPart.insert(id)
                    }
                }
            }
        }
        for (id, owners) in partOwners where owners.count == 1 { note(owners.first!, saidAsPart.contains(id) ? .part : .word) }
        // "the dashboard task": the one resource whose tasks include one of that type.
        for type in Self.saidTaskTypes(words) {
            let owners = entries.filter { entry in entry.parts.contains { $0.kind == .task && $0.taskType == type } }
            if owners.count == 1 { note(owners[0].reference, .part) }
        }
        // "the bail send job" for db_wf_bail_send_job, "the ml pipeline" for the job medallion_ml_pipeline:
        // two words side by side in the request and in one resource's key or name only.
        if words.count > 1 {
            for i in 0..<(words.count - 1) {
                let pair = [words[i], words[i + 1]]
                // ("job 1" for job_1_create_data_repositories: a number beside the noun names one too.)
                guard pair.contains(where: { ($0.count >= 2 || $0.allSatisfy(\.isNumber)) && !ResourceVocabulary.common.contains($0) && !targetNames.contains($0) }) else { continue }
                // ("orders pipeline" names a pipeline, not the job called "ETL Orders Pipeline".)
                let owners = entries.filter { Self.position(of: pair, in: $0.keyWords) != nil || Self.position(of: pair, in: $0.nameWords) != nil }
                    // (But "the ml pipeline" is the job medallion_ml_pipeline where no pipeline has "ml".)
                    .filter { entry in Self.headNounTypes(words, from: i + 1).map { kinds in kinds.contains(entry.reference.type)
                        || !entries.contains { $0.reference.type != entry.reference.type && kinds.contains($0.reference.type) && ($0.keyWords + $0.nameWords).contains(pair[0]) } } ?? true }
                if owners.count == 1, (found[owners[0].reference] ?? .word) < .part { note(owners[0].reference, .part) }
            }
        }
        // "the healthcheck task": a word of a part's key beside the part's noun, in one resource only.
        if partOwners.isEmpty {
            let partial = entries.filter { entry in PartKind.allCases.contains { !namedParts($0, of: entry, words: words, text: text).isEmpty } }
            if partial.count == 1 { note(partial[0].reference, .part) }
        }
        // "the daily job", "the ml one", "the data pipeline job", "the citibike python job": the words right
        // before a kind's noun (or "one"), even common ones, where they stand together in one resource of
        // that kind only.
        let grammar: Set<String> = ["the", "a", "an", "this", "that", "these", "those", "my", "our", "your", "its", "their", "every", "each", "all",
                                    "any", "both", "other", "same", "new", "old", "one", "two", "which", "first", "last", "second", "only", "whole",
                                    "entire", "of", "for", "to", "in", "on", "at", "and", "or", "with", "from", "by", "it", "is", "make", "set", "run"]
        for (j, noun) in words.enumerated() where j > 0 && (Self.nounTypes[noun] != nil || noun == "one" || noun == "ones") {
            var start = j
            while start > 0, j - start < 3, !grammar.contains(words[start - 1]), !targetNames.contains(words[start - 1]) { start -= 1 }
            guard start < j else { continue }
            for i in start..<j {
                let phrase = Array(words[i..<j])
                // (A kind's noun before another counts as a name: "the dlt pipeline" for approach_dlt.)
                // ("the dashboard job": a kind's word that one job of the noun's kind has in its key names it.)
                if phrase.count == 1, phrase[0] == noun || phrase[0].count < 2
                    || (Self.nounTypes[phrase[0]] != nil && Self.nounTypes[phrase[0]] != Self.nounTypes[noun]
                        && entries.filter({ entry in Self.nounTypes[noun].map { $0.contains(entry.reference.type) } ?? false }).filter({ $0.keyWords.contains(phrase[0]) }).count != 1) { continue }
                var owners = entries.filter { entry in
                    (Self.nounTypes[noun].map { $0.contains(entry.reference.type) } ?? true)
                        && [entry.keyWords, entry.nameWords, entry.fileWords].contains { Self.holds($0, phrase) }
                }
                // "the daily collection job" for data_collection_daily: the words in another order, where none
                // has them in this one.
                if owners.isEmpty, phrase.count >= 2 {
                    owners = entries.filter { entry in
                        (Self.nounTypes[noun].map { $0.contains(entry.reference.type) } ?? true)
                            && [entry.keyWords, entry.nameWords].contains { Set(phrase).isSubset(of: Set($0)) }
                    }
                }
                if owners.count == 1 {
                    // Two words or more of one resource, in order, before its kind's noun: as strong as a part.
                    let level: Level = phrase.count >= 2 ? .part : .word
                    if (found[owners[0].reference] ?? .word) <= level { note(owners[0].reference, level) }
                    break
                }
                // "the full pipeline" for the job full_ml_pipeline ("Full ML Pipeline"), where no pipeline has the
                // words: the one resource of another kind whose name has them and the noun too.
                // (Said as words, "the full pipeline", not inside a key such as refresh_pipeline.)
                if owners.isEmpty, Self.nounTypes[noun] != nil,
                   text.range(of: "\\b" + (phrase + [noun]).map { NSRegularExpression.escapedPattern(for: $0) }.joined(separator: "\\s+") + "\\b",
                              options: [.regularExpression, .caseInsensitive]) != nil {
                    let named = entries.filter { entry in
                        [entry.keyWords, entry.nameWords].contains { $0.contains(noun) && Self.holds($0, phrase) }
                    }
                    if named.count == 1, (found[named[0].reference] ?? .word) <= .part { note(named[0].reference, .part); break }
                }
            }
        }
        // A kind's noun ("the dashboards") names no resource, even one whose key holds it (job_4_deploy_dashboards).
        // (Only the kinds the bundle has: "the monitor job" is a job where no quality monitor is defined.)
        let kindNouns = Set(Set(entries.map(\.reference.type)).flatMap { ResourceVocabulary.nouns[$0] ?? [] })
        // "the IP job" for "Generate NHP Data (IP)": a two-letter word written in capitals is a name's too.
        // (Not a runtime's flavour after its version: "16.4 ML", "15.4 LTS".)
        let tokens = text.split(whereSeparator: { $0.isWhitespace })
        let acronyms = Set(tokens.indices.filter { i in
            let t = tokens[i].filter(\.isLetter)
            return t.count == 2 && t.allSatisfy(\.isUppercase) && tokens[i].allSatisfy({ $0.isLetter || "()[].,;:!?'\"".contains($0) })
                && !(i > 0 && tokens[i - 1].contains(where: \.isNumber))
        }.map { tokens[$0].filter(\.isLetter).lowercased() })
        for word in Set(words) where (word.count >= 3 || acronyms.contains(word)) && !ResourceVocabulary.common.contains(word) && !targetNames.contains(word) && !kindNouns.contains(word) {
            var owners = entries.filter { $0.keyWords.contains(word) || $0.nameWords.contains(word) }
            // "the monitoring job" for monitor_app_job: the same word with another ending.
            if word.count >= 6 {
                let stem = Self.stem(word)
                owners += entries.filter { entry in
                    !owners.contains { $0.reference == entry.reference } && (entry.keyWords + entry.nameWords).contains { $0.count >= 4 && Self.stem($0) == stem }
                }
            }
            // Only its file says so ("the outpatients job", defined alone in nhp_data-outpatients.yml).
            if owners.isEmpty {
                owners = entries.filter { entry in entry.fileWords.contains { $0 == word || (word.count >= 6 && $0.count >= 4 && Self.stem($0) == Self.stem(word)) } }
            }
            // Right before a kind's noun, only that kind ("the invoicing ingestion job" is no schema ingestion).
            let nounsAfter = words.indices.filter { words[$0] == word }.compactMap { Self.headNounTypes(words, from: $0 + 1) }
            if !nounsAfter.isEmpty { owners = owners.filter { owner in nounsAfter.contains { $0.contains(owner.reference.type) } } }
            // One of its kind ("monitoring": the job monitor_app_job, even beside the cluster monitoring_cluster).
            for (_, ofType) in Dictionary(grouping: owners, by: { $0.reference.type }) where ofType.count == 1 { note(ofType[0].reference, .word) }
        }
        // "run the vacuum on the first of the month": a word of one task's key (vacuum_tables) that no
        // resource's name has, and no other resource's part, where the words name nothing else.
        // (Not a word of a value, "c360-readers", "ops@…", and not when the words name another kind: "the dashboard".)
        let saidKinds = Set(words.compactMap { Self.nounTypes[$0] }.flatMap { $0 })
        if found.isEmpty, saidKinds.isEmpty || saidKinds.contains("jobs") {
            let plainWords = Set(text.split(whereSeparator: \.isWhitespace).filter { !$0.contains(where: { "-@=/.:".contains($0) }) }.flatMap { Self.words(String($0)) })
            for word in Set(words) where plainWords.contains(word) && word.count >= 4 && !ResourceVocabulary.common.contains(word) && !targetNames.contains(word) && !kindNouns.contains(word)
                && !entries.contains(where: { $0.keyWords.contains(word) || $0.nameWords.contains(word) }) {
                let owners = entries.filter { $0.parts.contains { $0.kind == .task && $0.words.contains(word) } }
                if owners.count == 1 { note(owners[0].reference, .word) }
            }
        }
        // "unpause the hourly data collection" for data_collection_hourly: three words side by side that one
        // resource's key or name has, in another order, where nothing else is named.
        if found.isEmpty, words.count >= 3 {
            for i in 0...(words.count - 3) {
                let window = Set(words[i..<(i + 3)])
                guard window.count == 3, window.contains(where: { !ResourceVocabulary.common.contains($0) && !targetNames.contains($0) }) else { continue }
                let owners = entries.filter { window.isSubset(of: Set($0.keyWords)) || window.isSubset(of: Set($0.nameWords)) }
                if owners.count == 1 { note(owners[0].reference, .part) }
            }
        }
        return found
    }

    /// A word the request gives as a name of one of `types` ("the billing job") that no resource has.
    func unknownName(in text: String, types: [String]) -> String? {
        let words = Self.words(text)
        let nouns = Set(types.flatMap { ResourceVocabulary.nouns[$0] ?? [] })
        let known = Set(entries.flatMap { $0.keyWords + $0.nameWords + $0.parts.flatMap(\.words) })
        for (i, word) in words.enumerated() where i > 0 && nouns.contains(word) {
            let name = words[i - 1]
            // "the three pipelines", "both jobs": a count names nothing.
            // ("the dq job", "the ml pipeline": two letters name one too, unless a word of the sentence.)
            let twoLetterWords: Set<String> = ["my", "an", "to", "of", "in", "on", "it", "is", "be", "do", "go", "no", "so", "up", "us",
                                               "we", "me", "by", "or", "as", "at", "if", "am", "he", "ok"]
            // ("the serving endpoint", "the sql warehouse", "the dlt pipeline": words of the kind, not a name.)
            let kindWords: Set<String> = ["serving", "sql", "dlt", "lakeflow", "databricks", "streamlit", "dash", "gradio", "lakeview", "genie", "registered", "delta", "live", "declarative", "secret",
                                         // ("in prod use a Large warehouse": a size, not a name.)
                                         "small", "medium", "large", "x-small", "x-large", "2x-small", "2x-large", "3x-large", "4x-large"]
            if name.count >= 3 || (name.count == 2 && !twoLetterWords.contains(name)), !ResourceVocabulary.common.contains(name), !kindWords.contains(name), !targetNames.contains(name), !known.contains(name), name.first!.isLetter,
               RequestText.numberWords[name] == nil, !["both", "several", "many", "few", "other", "remaining"].contains(name) {
                return name
            }
        }
        return nil
    }

    /// A word right before a noun of `reference`'s kind that is a word of other resources (or of their tasks) and
    /// not of `reference`: "the bronze workflow" in a conversation about fda_ml_lifecycle names another job
    /// (a schedule was committed on the conversation's one). Nil when there is none.
    func nameOfAnother(in text: String, than reference: ResourceReference) -> String? {
        guard let own = entries.first(where: { $0.reference == reference }) else { return nil }
        let words = Self.words(text)
        let nouns = Set(ResourceVocabulary.nouns[reference.type] ?? [])
        let mine = Set(own.keyWords + own.nameWords + own.parts.flatMap(\.words))
        let others = Set(entries.filter { $0.reference != reference }.flatMap { $0.keyWords + $0.nameWords + $0.parts.flatMap(\.words) })
        for (i, word) in words.enumerated() where i > 0 && nouns.contains(word) {
            let name = words[i - 1]
            if name.count >= 3, !ResourceVocabulary.common.contains(name), !targetNames.contains(name), others.contains(name), !mine.contains(name) { return name }
        }
        // "move nightly to 5:30": a word of another resource's key of the same kind, on its own.
        let otherKeys = Set(entries.filter { $0.reference != reference && $0.reference.type == reference.type }.flatMap(\.keyWords))
        // (A common word — nightly, daily — only where it names rather than describes: first, or right after the verb.)
        return words.indices.first { i in
            let word = words[i]
            guard word.count >= 4, otherKeys.contains(word), !mine.contains(word), !targetNames.contains(word) else { return false }
            return !ResourceVocabulary.common.contains(word) || i == 0 || ["move", "shift", "reschedule", "make", "change", "set", "rename", "pause", "unpause"].contains(words[i - 1])
        }.map { words[$0] }
    }

    /// The parts of one kind of a resource that the request names.
    /// The place an ordinal right before one of `nouns` says ("the second task": 1, "the last task": count - 1),
    /// when there are that many; nil otherwise.
    static func ordinalPlace(before nouns: Set<String>, in words: [String], count: Int) -> Int? {
        let ordinals = ["first": 0, "second": 1, "third": 2, "fourth": 3, "fifth": 4, "sixth": 5, "1st": 0, "2nd": 1, "3rd": 2, "4th": 3, "5th": 4]
        for (i, word) in words.enumerated() where i > 0 && nouns.contains(word) && i >= 2 && words[i - 2] == "the" {
            let said = words[i - 1]
            if said == "last", count > 0 { return count - 1 }
            if let place = ordinals[said], place < count { return place }
        }
        return nil
    }

    func namedParts(_ kind: PartKind, of reference: ResourceReference, in text: String) -> [String] {
        guard let entry = entries.first(where: { $0.reference == reference }) else { return [] }
        return namedParts(kind, of: entry, words: Self.words(text), text: text)
    }

    /// As above, for an entry and the request's words already at hand (`mentions` asks it of every
    /// entry: looked up and split again each time, "add retries to every job" took 45 ms a job).
    func namedParts(_ kind: PartKind, of entry: Entry, words: [String], text: String) -> [String] {
        let reference = entry.reference
        let parts = entry.parts.filter { $0.kind == kind }
        // "the second task", "the last task": by its place in the job (no task is called "second").
        if kind == .task, let place = Self.ordinalPlace(before: kind.nouns, in: words, count: parts.count) { return [parts[place].key] }
        let whole = parts.filter { part in
            guard Self.names(part, in: words, text: text) else { return false }
            // A part called as its resource is (the task training of the job training) is named beside
            // its own noun ("the training task"), not the resource's ("the training job").
            guard part.words.allSatisfy({ entry.keyWords.contains($0) || entry.nameWords.contains($0) }) else { return true }
            guard let start = Self.position(of: part.words, in: words) else { return false }
            let end = start + part.words.count
            if (end < words.count && kind.nouns.contains(words[end])) || (start > 0 && kind.nouns.contains(words[start - 1])) { return true }
            // "add retries to run_bronze_flights" (the job's display name too): the key written as it is,
            // not followed by the resource's own noun ("run_bronze_flights job").
            let resourceNouns = ResourceVocabulary.nouns[reference.type] ?? []
            return Self.isIdentifier(part.key) && Self.writesToken(part.key, in: text) && !(end < words.count && resourceNouns.contains(words[end]))
        }
        // "the verify_refresh task" names verify_refresh, not also refresh (whose words it holds).
        let spans = whole.compactMap { part in Self.position(of: part.words, in: words).map { (part.key, $0..<($0 + part.words.count)) } }
        let outermost = whole.filter { part in
            guard let own = spans.first(where: { $0.0 == part.key })?.1 else { return true }
            return !spans.contains { $0.0 != part.key && $0.1.count > own.count && $0.1.clamped(to: own) == own }
        }.map(\.key)
        if !outermost.isEmpty { return outermost }
        // "the healthcheck task" for run_healthcheck: a word of the key beside the part's noun, when it
        // is no word of the resource's own name (the task training of the job training).
        var found: [String] = []
        for (i, word) in words.enumerated() where kind.nouns.contains(word) {
            // "the bronze and silver tasks": the words joined by "and" before the noun too.
            var before: [Int] = [i - 1]
            var k = i - 1
            while k >= 2, ["and", "or"].contains(words[k - 1]) { before.append(k - 2); k -= 2 }
            var any = false
            for j in before + [i + 1] where words.indices.contains(j) && !(j == i + 1 && any) {
                let candidate = words[j]
                // (A word of the resource's name counts right before a singular noun: "the training task" of
                // malaria_rl_training_job is its task train_initial_model; "the training tasks" are all of them.)
                let beforeSingular = j == i - 1 && ["task", "step", "cluster", "environment", "parameter"].contains(word)
                // (Two letters only right before the noun and as a whole word of a part: "the ML task", "the pv tasks".)
                let short = candidate.count == 2 && j == i - 1 && candidate.allSatisfy(\.isLetter) && parts.contains { $0.words.contains(candidate) }
                guard candidate.count >= 3 || short, !ResourceVocabulary.common.contains(candidate), !targetNames.contains(candidate),
                      beforeSingular || (!entry.keyWords.contains(candidate) && !entry.nameWords.contains(candidate)) else { continue }
                // ("prep" for data_preparation: the start of a longer word, as people shorten them.)
                var owners = parts.filter { $0.words.contains(candidate) || $0.words.contains { $0.count >= 4 && Self.stem($0) == Self.stem(candidate) } }
                    .nonEmpty ?? parts.filter { $0.words.contains { candidate.count >= 4 && $0.count > candidate.count + 2 && $0.hasPrefix(candidate) } }
                // "the pv detector tasks", "the prophet forecast tasks": words before the one next to the noun
                // narrow it down (pv_detector_*, not ev_detector_*), as long as some of those parts have them.
                if j == i - 1, owners.count > 1 {
                    let all = owners
                    func qualified(by qualifier: String) -> [Part] {
                        all.filter { $0.words.contains(qualifier) || (qualifier.count >= 4 && $0.words.contains { Self.stem($0) == Self.stem(qualifier) }) }
                    }
                    var m = j - 1
                    while m >= 0, m >= j - 2, !["the", "a", "an", "all", "both", "every", "of", "to", "on", "for", "and", "or"].contains(words[m]) {
                        let narrowed = owners.filter { owner in qualified(by: words[m]).contains { $0.key == owner.key } }
                        guard !narrowed.isEmpty else { break }
                        owners = narrowed
                        m -= 1
                    }
                    // "the erp and commerce ingest tasks", "the erp, reference and commerce ingest tasks": each word
                    // of the list before the one that narrowed them names its own parts too.
                    if owners.count < all.count, m >= 1, ["and", "or"].contains(words[m]) {
                        var p = m - 1
                        while p >= 0 {
                            // ("the erp ingest and commerce ingest tasks": the shared word said again names none by itself.)
                            if words[p] == candidate { p -= 1; continue }
                            let more = qualified(by: words[p]).filter { part in !owners.contains { $0.key == part.key } }
                            guard !more.isEmpty else { break }
                            owners += more
                            p -= p >= 1 && ["and", "or"].contains(words[p - 1]) ? 2 : 1
                        }
                    }
                }
                // "the refresh task" (singular) of refresh_genius_state_sst and verify_refresh: the one the word
                // begins, as a task is named by what it does first.
                if j == i - 1, owners.count > 1, !word.hasSuffix("s") {
                    let leading = owners.filter { $0.words.first == candidate }
                    if leading.count == 1 { owners = leading }
                }
                for owner in owners where !found.contains(owner.key) { found.append(owner.key) }
                if !owners.isEmpty { any = true }
                // The word before the noun decides (the word after only when none before names one).
                if j == i - 1, !owners.isEmpty, before.count == 1 { break }
            }
        }
        // "the weather and loadshapes downloads": words joined by "and" that each name parts (a word of their
        // keys, written whole), though no noun of the part's kind follows.
        if found.isEmpty {
            for (k, word) in words.enumerated() where ["and", "or"].contains(word) && k > 0 && k + 1 < words.count {
                var pair = [words[k - 1], words[k + 1]]
                let naming = { (w: String) in parts.filter { $0.words.contains(w) && w.count >= 3 && !ResourceVocabulary.common.contains(w) } }
                // ("the erp, reference and commerce ingest tasks": the words of the list before, its commas gone.)
                var m = k - 2
                while m >= 0, !naming(words[m]).isEmpty, !entry.keyWords.contains(words[m]), !entry.nameWords.contains(words[m]) {
                    pair.insert(words[m], at: 0)
                    m -= 1
                }
                var owners = pair.map(naming)
                guard owners.allSatisfy({ !$0.isEmpty }), !pair.contains(where: { entry.keyWords.contains($0) || entry.nameWords.contains($0) }) else { continue }
                // The word after them, which they share ("downloads"), narrows each down where it can.
                if k + 2 < words.count {
                    let shared = Self.stem(words[k + 2])
                    owners = owners.map { side in side.filter { $0.words.contains { Self.stem($0) == shared } }.nonEmpty ?? side }
                }
                for owner in owners.joined() where !found.contains(owner.key) { found.append(owner.key) }
            }
            if !found.isEmpty { return found }
        }
        // "give the erp ingest 5 retries" for ingest_erp: a key's words side by side in another order (no
        // noun after them), one part alone.
        if found.isEmpty {
            let swapped = parts.filter { part in
                let count = part.words.count
                guard count >= 2, words.count >= count, Set(part.words).count == count,
                      part.words.contains(where: { !entry.keyWords.contains($0) && !entry.nameWords.contains($0) && !ResourceVocabulary.common.contains($0) }) else { return false }
                // ("the erp ingestion" too: a word and its longer form.)
                func same(_ a: String, _ b: String) -> Bool {
                    a == b || (min(a.count, b.count) >= 4 && abs(a.count - b.count) <= 4 && (a.hasPrefix(b) || b.hasPrefix(a)))
                }
                return (0...(words.count - count)).contains { start in
                    var left = Array(words[start..<(start + count)])
                    for word in part.words {
                        guard let i = left.firstIndex(where: { same($0, word) }) else { return false }
                        left.remove(at: i)
                    }
                    return true
                }
            }
            if swapped.count == 1 { return [swapped[0].key] }
        }
        // "the dashboard task": the one task of that type, where no key says which.
        if found.isEmpty, kind == .task {
            let typed = parts.filter { Self.saidTaskTypes(words).contains($0.taskType ?? "") }
            if typed.count == 1 { return [typed[0].key] }
        }
        return found
    }

    /// Whether a key is written as an identifier, not a word: `load_orders`, `TaskTwo` (camel case).
    static func isIdentifier(_ key: String) -> Bool {
        key.contains("_") || zip(key, key.dropFirst()).contains { $0.isLowercase && $1.isUppercase }
    }

    /// Whether `text` has `token` as a whole word (any case), as an identifier is written.
    static func writesToken(_ token: String, in text: String) -> Bool {
        let wanted = token.lowercased()
        return text.lowercased().split(whereSeparator: { $0.isWhitespace || ",;:()\"'`“”!?".contains($0) }).contains { word in
            word == wanted || (word.hasSuffix(".") && word.dropLast() == wanted)
        }
    }

    /// A word the request gives as the name of one of a resource's parts ("the download task") that
    /// names none of them; nil when every such word names one, or none is given.
    func unknownPart(_ kind: PartKind, of reference: ResourceReference, in text: String) -> String? {
        guard let entry = entries.first(where: { $0.reference == reference }), namedParts(kind, of: reference, in: text).isEmpty else { return nil }
        let words = Self.words(text)
        let known = Set(entry.parts.filter { $0.kind == kind }.flatMap(\.words) + entry.keyWords + entry.nameWords)
        let singular = kind.nouns.filter { !$0.hasSuffix("s") }
        for (i, word) in words.enumerated() where i > 0 && singular.contains(word) {
            let name = words[i - 1]
            if name.count >= 3, name.first!.isLetter, !ResourceVocabulary.common.contains(name), !targetNames.contains(name), !known.contains(name),
               RequestText.numberWords[name] == nil, !["first", "last", "new", "next", "other", "same", "failed", "failing", "single", "only"].contains(name) {
                return name
            }
        }
        return nil
    }

    /// The text with a mistyped word of a part's name put right ("trainig" → "training"): a word of five letters
    /// or more that names no part, one edit away (two for words of eight or more) from the words of exactly one
    /// part's name. Nil when no word needed it.
    func correctingPartTypos(_ kind: PartKind, of reference: ResourceReference, in text: String) -> String? {
        guard let entry = entries.first(where: { $0.reference == reference }) else { return nil }
        let partWords = Set(entry.parts.filter { $0.kind == kind }.flatMap(\.words))
        var corrected = text
        var changed = false
        for word in Self.words(text) where word.count >= 5 && !partWords.contains(word) && !ResourceVocabulary.common.contains(word) && !targetNames.contains(word) {
            let limit = word.count >= 8 ? 2 : 1
            let near = partWords.filter { abs($0.count - word.count) <= limit && Suggestion.distance($0, word) <= limit }
            guard near.count == 1, let right = near.first,
                  let range = corrected.range(of: #"\b"# + NSRegularExpression.escapedPattern(for: word) + #"\b"#, options: [.regularExpression, .caseInsensitive]) else { continue }
            corrected.replaceSubrange(range, with: right)
            changed = true
        }
        return changed ? corrected : nil
    }

    func contains(_ reference: ResourceReference) -> Bool { referenceSet.contains(reference) }

    func references(ofType type: String) -> [ResourceReference] { entries.filter { $0.reference.type == type }.map(\.reference) }
}

extension Array {
    /// Nil for an empty array, for `??` chains of candidates.
    var nonEmpty: Self? { isEmpty ? nil : self }
}
