import BundleEditing
import BundleModel
import Foundation

/// What an intent plans against: the bundle, the request, and the answers to "which target" and
/// "which job" (from the options, the words of the request, or the bundle having only one).
public struct PlanningContext: Sendable {
    public let bundle: LoadedBundle
    public let request: RequestText
    public let targetOption: String?
    public let resourceOption: String?
    /// From the conversation: the resource and target a follow-up continues with when it names none.
    public var defaultResource: ResourceReference?
    public var defaultTarget: String?
    /// "… in every target": a change of the shared definition goes ahead where targets set the value
    /// themselves (the planner changes each of those too), instead of asking which target.
    var everyTarget = false
    /// The bundle's resources with the names a request may use for them.
    let catalog: ResourceCatalog

    public init(bundle: LoadedBundle, request: RequestText, targetOption: String? = nil, resourceOption: String? = nil,
                defaultResource: ResourceReference? = nil, defaultTarget: String? = nil) {
        self.init(bundle: bundle, request: request, targetOption: targetOption, resourceOption: resourceOption,
                  defaultResource: defaultResource, defaultTarget: defaultTarget, catalog: ResourceCatalog(bundle: bundle))
    }

    /// A context over the same bundle, with its catalog already made.
    init(bundle: LoadedBundle, request: RequestText, targetOption: String?, resourceOption: String?,
         defaultResource: ResourceReference?, defaultTarget: String?, catalog: ResourceCatalog) {
        self.bundle = bundle
        self.request = request
        self.targetOption = targetOption
        self.resourceOption = resourceOption
        self.defaultResource = defaultResource
        self.defaultTarget = defaultTarget
        self.catalog = catalog
    }

    /// The target the request is about: `--target`, or one named in the words ("for dev", "the prod
    /// cluster"); nil means the shared definition.
    /// "… in prod" with dev chosen besides (a target option the user gave): which one is meant is not
    /// for the planner to guess. Nil when the words name no other target.
    public var contradictedTarget: PlanOutcome? {
        guard let targetOption else { return nil }
        let words = Self.withoutValues(withoutResourceNamesHoldingTargets)
        // Its name or a usual other name ("in production", "for the staging environment", "only in stg").
        func says(_ target: String) -> Bool {
            let names = [target.lowercased()] + Self.aliases(of: target.lowercased()).filter { alias in !bundle.targetNames.contains { $0.lowercased() == alias } }
            return names.contains { Self.namesTargetExplicitly(words, $0) || words.contains("in the \($0) target") || words.contains("for the \($0) target")
                || words.contains("the \($0) environment") }
        }
        guard let other = bundle.targetNames.first(where: { $0 != targetOption && says($0) }), !says(targetOption) else { return nil }
        return .refused("the request says \(other), but the target chosen for it is \(targetOption): choose \(other) as the target, or leave \"in \(other)\" out of the words")
    }

    public func target() throws -> String? {
        if let targetOption {
            guard bundle.targetNames.contains(targetOption) else {
                throw PlanningStop(outcome: .refused(bundle.targetNames.isEmpty
                    ? "no such target '\(targetOption)': this bundle defines no targets (\"add a \(targetOption) target\" makes one)"
                    : "no such target '\(targetOption)'; available: \(bundle.targetNames.joined(separator: ", "))"))
            }
            return targetOption
        }
        let request = Self.withoutValues(withoutResourceNamesHoldingTargets)
        var named = bundle.targetNames.filter { Self.namesTarget(request, $0.lowercased()) }
        // "in production" for the target prod, "in prod" for prd: another usual name of the same target.
        if named.isEmpty {
            named = bundle.targetNames.filter { name in
                Self.aliases(of: name.lowercased()).contains { alias in
                    !bundle.targetNames.contains { $0.lowercased() == alias } && Self.namesTarget(request, alias) && !request.contains("\(alias) mode")
                }
            }
        }
        // "in dev, staging and test": the targets listed after one named.
        var listed = true
        while listed, !named.isEmpty {
            listed = false
            let said = Set(named.map { $0.lowercased() })
            for name in bundle.targetNames where !named.contains(name) {
                let w = request.words
                if w.indices.contains(where: { i in
                    w[i] == name.lowercased() && i > 0 && (said.contains(w[i - 1]) || (i > 1 && ["and", "or"].contains(w[i - 1]) && said.contains(w[i - 2])))
                }) {
                    named.append(name)
                    listed = true
                }
            }
        }
        // "… to qa in the qa target and prod in prod" without a qa target: refused (prod got qa's value), as a target
        // the bundle lacks is when it is the only one said.
        if !named.isEmpty, !bundle.targetNames.isEmpty, let missing = Self.usualTargetNames.first(where: { usual in
            !bundle.targetNames.contains { $0.lowercased() == usual } && !named.contains { Self.aliases(of: $0.lowercased()).contains(usual) }
                && request.lowered.range(of: "\\b(in|for)\\s+(the\\s+)?\(usual)(\\s+target|\\s+only|\\s+and\\b|\\s*,|\\s*[.!]?$)|\\bthe \(usual) target\\b", options: .regularExpression) != nil
        }) {
            throw PlanningStop(outcome: .refused("this bundle has no target \(missing); its targets: \(bundle.targetNames.joined(separator: ", ")) (\"add a \(missing) target\" makes one)"))
        }
        if named.count > 1 {
            throw PlanningStop(outcome: .clarify(question: "The request names several targets; which one should change?", choices: named.map { "--target \($0)" }))
        }
        // "… in staging" without a staging target: refused, never the shared definition instead.
        // (Without any target, only "in prod", "for dev", "… prod target": "the dev cluster" may be a name.)
        if named.isEmpty, let missing = Self.usualTargetNames.first(where: { usual in
            !bundle.targetNames.contains { $0.lowercased() == usual }
                && (bundle.targetNames.isEmpty ? Self.namesTargetExplicitly(request, usual) : Self.namesTarget(request, usual))
                && !request.contains("\(usual) mode") && !request.contains("\(usual) target")
        }) {
            guard !bundle.targetNames.isEmpty else {
                throw PlanningStop(outcome: .refused("this bundle has no target \(missing); it has no targets (\"add a \(missing) target\" makes one; without \"in \(missing)\" the change applies to every deployment)"))
            }
            throw PlanningStop(outcome: .refused("this bundle has no target \(missing); its targets: \(bundle.targetNames.joined(separator: ", ")) (\"add a \(missing) target\" makes one)"))
        }
        // "in the default target": the one marked default: true.
        if named.isEmpty, request.contains("in the default target") || request.contains("for the default target") || request.contains("on the default target") {
            let defaults = bundle.targetNames.filter { bundle.targetsMapping?[$0]?["default"]?.scalar?.value == .bool(true) }
            guard defaults.count == 1 else {
                throw PlanningStop(outcome: .refused("this bundle marks no target as the default (default: true); name the target (\(bundle.targetNames.joined(separator: ", ")))"))
            }
            return defaults[0]
        }
        return named.first ?? defaultTarget
    }

    /// The request without the values it gives, which name no target: a quoted or bracketed value
    /// (`["dev", "test", "prod"]`), and the last word after "to" where a parameter, variable, tag or
    /// default is set ("set the target parameter default of run-dbt to prod").
    static func withoutValues(_ request: RequestText) -> RequestText {
        var text = request.original
        for pattern in ["\\[[^\\]]*\\]", "\"[^\"]*\"", "“[^”]*”"] {
            text = text.replacingOccurrences(of: pattern, with: " ", options: .regularExpression)
        }
        let words = RequestText(text)
        if words.hasAny(["parameter", "parameters", "param", "params", "default", "value", "tag", "tags", "variable", "var"]),
           let range = text.range(of: "\\s(to|=)\\s+\\S+\\s*[.!]?\\s*$", options: .regularExpression) {
            text = String(text[..<range.lowerBound])
        }
        return text == request.original ? request : RequestText(text)
    }

    /// The request without the resource names in it that hold a target's word: "the production
    /// training job" names the job production_training, not the target prod.
    var withoutResourceNamesHoldingTargets: RequestText {
        let targetWords = Set(Self.usualTargetNames + Self.aliasGroups.flatMap { $0 } + bundle.targetNames.map { $0.lowercased() })
        var text = request.original
        // Words that say what kind of thing, not which one: "the prod cluster" still names the target.
        let generic = Set(ResourceVocabulary.nouns.values.joined()).union(["cluster", "clusters", "task", "tasks", "schedule", "target", "workspace",
                                                                          "mode", "catalog", "schema", "warehouse", "env", "environment", "only", "data"])
        for entry in catalog.entries {
            // The whole key or name, and the parts of it that hold a target's word beside a word of its
            // own ("the test suite" of tfnsw_test_suite).
            var phrases: [[String]] = []
            for words in [entry.keyWords, entry.nameWords] where words.count >= 2 && words.contains(where: targetWords.contains) {
                phrases.append(words)
                for length in stride(from: words.count - 1, through: 2, by: -1) {
                    for start in 0...(words.count - length) {
                        let part = Array(words[start..<(start + length)])
                        if part.contains(where: targetWords.contains), part.contains(where: { !targetWords.contains($0) }),
                           part.allSatisfy({ targetWords.contains($0) || !generic.contains($0) }) { phrases.append(part) }
                        // "the production pipeline" for the job named "Phase 4: Production Pipeline", where the
                        // bundle has no pipeline the noun could mean (it was read as "the pipeline in prod").
                        else if start + length == words.count, length == 2, targetWords.contains(part[0]), let noun = part.last,
                                let kinds = ResourceCatalog.nounTypes[noun],
                                kinds.contains(entry.reference.type) || !catalog.entries.contains(where: { kinds.contains($0.reference.type) }) {
                            phrases.append(part)
                        }
                    }
                }
            }
            for phrase in phrases {
                let pattern = "(?<![\\w])" + phrase.map(NSRegularExpression.escapedPattern(for:)).joined(separator: "[\\s_-]+") + "(?![\\w])"
                guard let regex = try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive]) else { continue }
                text = regex.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: " ")
            }
        }
        return text == request.original ? request : RequestText(text)
    }

    static let usualTargetNames = ["dev", "development", "prod", "production", "staging", "stage", "qa", "test", "uat", "sandbox", "preprod"]
    static let aliasGroups: [[String]] = [["prod", "production", "prd"], ["dev", "development", "develop"], ["staging", "stage", "stg"], ["test", "testing", "tst"]]

    /// Other usual names of a target ("production" for prod).
    static func aliases(of name: String) -> [String] {
        aliasGroups.first { $0.contains(name) }?.filter { $0 != name } ?? []
    }

    /// Whether the words name a target: "for dev", "in prod", "the dev cluster", "prod only", "autoscale
    /// prod …"; not a value that happens to be a target's name ("default dev").
    /// "in prod", "for dev", "to production": a target, and nothing else, named.
    static func namesTargetExplicitly(_ request: RequestText, _ name: String) -> Bool {
        request.words.indices.contains { i in
            request.words[i] == name && i > 0 && ["in", "for", "on", "to", "into"].contains(request.words[i - 1])
                && !(i + 1 < request.words.count && ["cluster", "clusters", "job", "jobs", "pipeline", "task", "workspace"].contains(request.words[i + 1]))
        }
    }

    static func namesTarget(_ request: RequestText, _ name: String) -> Bool {
        let before: Set<String> = ["for", "in", "on", "to", "the", "target", "of", "same", "into"]
        let after: Set<String> = ["target", "cluster", "clusters", "environment", "only", "job", "jobs", "workspace", "workers", "instances", "nodes", "schedule", "too", "as"]
        for (i, w) in request.words.enumerated() where w == name {
            if i > 0 && before.contains(request.words[i - 1]) { return true }
            // "in dev and prod": the second of two targets named together.
            if i >= 3 && ["and", "or"].contains(request.words[i - 1]) && before.contains(request.words[i - 3]) { return true }
            if i + 1 < request.words.count && after.contains(request.words[i + 1]) { return true }
            if i == 0 && (request.words.count <= 3 || ["should", "must", "needs", "runs", "only", "gets", "has", "uses"].contains(request.words[1])) { return true }
            // "autoscale prod between 2 and 8", "make prod bigger": the object of the verb ("actually make
            // prod run at 5am": after words that open a sentence).
            let openers: Set<String> = ["actually", "no", "ok", "okay", "so", "then", "and", "now", "please", "also", "oh", "wait", "hmm", "but"]
            // ("change prod so it runs every 6 hours", "switch prod to …": the shared schedule changed.)
            if i >= 1, ["autoscale", "make", "scale", "pause", "unpause", "resize", "shrink", "grow", "upgrade", "downgrade", "let", "have", "change", "switch", "update", "give"].contains(request.words[i - 1]),
               request.words[..<(i - 1)].allSatisfy(openers.contains) { return true }
            // "… prod should run at 5", "but prod must stay paused".
            if i + 1 < request.words.count, ["should", "must", "needs"].contains(request.words[i + 1]), request.words[..<i].allSatisfy({ openers.contains($0) || $0 == "the" }) { return true }
        }
        return false
    }

    /// The job the request is about (see `resource(_:where:)`); `applicable` says which jobs the
    /// change can be made to ("has a job cluster"), so that the only one that fits is chosen.
    public func job(where applicable: ((String) -> Bool)? = nil, unfit: ((ResourceReference) -> String)? = nil) throws -> String {
        try resource(["jobs"], where: applicable.map { test in { test($0.key) } }, unfit: unfit).key
    }

    /// The resource a request is about, of one of `types`:
    /// 1. `--resource TYPE.KEY` (or a bare key);
    /// 2. what the words name: a resource's key or name ("the marketing digest"), a part only it has
    ///    ("the extract task", "the sync cluster"), a word of its name no other resource has ("billing");
    ///    the strongest wins, and among equals the ones the change applies to;
    /// 3. the resource the conversation is about (a follow-up);
    /// 4. the only resource the change applies to ("make the cluster smaller" with one job that has one).
    /// Two or more left: a question listing only those that fit. None: refused, never a guess.
    /// `unfit` says why a resource cannot take the change ("runs on serverless compute"), for the
    /// refusal when none can.
    public func resource(_ types: [String], where applicable: ((ResourceReference) -> Bool)? = nil,
                         unfit: ((ResourceReference) -> String)? = nil) throws -> ResourceReference {
        let chosen = try chooseResource(types, where: applicable, unfit: unfit)
        // A resource only other targets define, asked for in this one ("for dev run nightly at 2am", nightly being
        // prod's): refused (a partial copy without its tasks was written into dev).
        if let target = try? target(), let having = targetsDefiningOnly(chosen), !having.isEmpty, !having.contains(target) {
            throw PlanningStop(outcome: .refused("\(ResourceVocabulary.singular(chosen.type)) \(chosen.key) is defined only in target\(having.count == 1 ? "" : "s") \(having.joined(separator: ", ")), not in \(target); "
                + "ask for it there (\"… in \(having[0])\"), or define it for \(target) first"))
        }
        return chosen
    }

    func chooseResource(_ types: [String], where applicable: ((ResourceReference) -> Bool)? = nil,
                        unfit: ((ResourceReference) -> String)? = nil) throws -> ResourceReference {
        let fits: (ResourceReference) -> Bool = { applicable?($0) ?? true }
        let kinds = types.map { ResourceVocabulary.singular($0) }.joined(separator: " or ")
        if let resourceOption {
            // (Parsed and looked up once: asked for each of 2,000 jobs, this was a cubic walk.)
            let parsedOption = ResourceReference(parsing: resourceOption).flatMap { catalog.contains($0) ? $0 : nil }
            let last = resourceOption.split(separator: ".").last.map(String.init)
            let matches = (parsedOption.map { [$0] } ?? catalog.entries.map(\.reference).filter { $0.key == resourceOption || $0.key == last })
                .filter { types.contains($0.type) }
            // "jobs.nightly_etl" for the job nightly_etl_job: the option is matched as a name too, when only one fits.
            func byName() -> [ResourceReference] {
                let found = catalog.mentions(in: last ?? resourceOption)
                    .filter { types.contains($0.key.type) && (ResourceReference(parsing: resourceOption)?.type ?? $0.key.type) == $0.key.type }
                let strongest = found.values.max()
                return found.filter { $0.value == strongest && strongest == .name }.keys.sorted()
            }
            let named = matches.isEmpty ? byName() : []
            guard let chosen = matches.first ?? (named.count == 1 ? named[0] : nil) else {
                // Another kind of resource the bundle has: this change is not one it takes (said so, not "no job").
                if let parsed = ResourceReference(parsing: resourceOption), catalog.contains(parsed), !types.contains(parsed.type) {
                    throw PlanningStop(outcome: .refused("this change applies to \(ResourceVocabulary.article(kinds)) \(kinds), and \(parsed.key) is \(ResourceVocabulary.article(ResourceVocabulary.singular(parsed.type))) \(ResourceVocabulary.singular(parsed.type)); ask for the \(ResourceVocabulary.singular(parsed.type)) in its own words"))
                }
                let available = types.flatMap { catalog.references(ofType: $0) }.map(\.description)
                throw PlanningStop(outcome: .refused("no \(kinds) '\(resourceOption)' in this bundle; \(available.isEmpty ? "it has none" : "it has: \(available.joined(separator: ", "))")"))
            }
            return chosen
        }
        var mentions = catalog.mentions(in: request.original)
        // "add 2 retries to every job in prod" where a schema is keyed prod: "in prod" is the target, not that schema
        // ("schema prod is a schema; this change applies to a job"), unless its noun is said ("the prod schema").
        for reference in mentions.keys where bundle.targetNames.contains(where: { $0.lowercased() == reference.key.lowercased() })
            && Self.namesTargetExplicitly(request, reference.key.lowercased())
            && !request.contains("\(reference.key.lowercased()) \(ResourceVocabulary.singular(reference.type))") {
            mentions[reference] = nil
        }
        var named = mentions.filter { types.contains($0.key.type) }
        // "let analysts view every job": a quantifier over the kind outweighs a word that only a part
        // of one resource has ("view" of its task customer_kpi_view); a whole name still narrows.
        let quantified = EveryResource.types(in: request)
        if named.values.allSatisfy({ $0 < .name }), named.keys.contains(where: { quantified.contains($0.type) }),
           request.hasAny(["every", "all", "both", "each"]) {
            named = [:]
        }
        if let strongest = named.values.max() {
            // "the hello world jobs": every one of that kind the words name (hello_world_job and
            // hello_world_job_2), not the closest name alone.
            let plural = EveryResource.types(in: request)
            var namedOfPlural = named.keys.filter { plural.contains($0.type) && fits($0) }.sorted()
            if namedOfPlural.count == 1 { namedOfPlural = catalog.sharingName(with: namedOfPlural[0], in: request.original).filter(fits) }
            if namedOfPlural.count > 1, named.keys.allSatisfy({ plural.contains($0.type) }) {
                throw question(namedOfPlural, kinds: kinds)
            }
            let best = named.filter { $0.value == strongest }.keys.sorted()
            let fitting = best.filter(fits)
            // "pause the batch inference and monitoring schedules": several of a kind said together, one
            // by its name and one by a word of it (the second was dropped, unsaid); asked, and a planner
            // that can makes the change in each.
            if fitting.count == 1, request.has("and"), request.hasAny(["jobs", "pipelines", "schedules", "triggers", "warehouses", "endpoints", "apps"]) {
                let together = named.filter { $0.key.type == fitting[0].type && $0.value == .word || $0.key == fitting[0] }.keys.filter(fits).sorted()
                if together.count > 1 { throw question(together, kinds: kinds) }
            }
            if fitting.count == 1 { return fitting[0] }
            // "the payment analysis warehouse" when an app is named so too: the kind the words say.
            if fitting.count > 1 {
                let said = Set(fitting.map(\.type)).filter { request.hasAny(ResourceVocabulary.nouns[$0] ?? []) }
                let narrowed = fitting.filter { said.contains($0.type) }
                if said.count == 1, narrowed.count == 1 { return narrowed[0] }
            }
            if fitting.count > 1 { throw question(fitting, kinds: kinds) }
            // Named, but the change does not apply to it: let the intent say why.
            if best.count == 1 { return best[0] }
            throw question(best, kinds: kinds)
        }
        if let other = mentions.filter({ $0.value == .name }).keys.sorted().first, !types.contains(other.type) {
            throw PlanningStop(outcome: .refused("\(other.spoken) is \(ResourceVocabulary.article(ResourceVocabulary.singular(other.type))) \(ResourceVocabulary.singular(other.type)); this change applies to \(ResourceVocabulary.article(kinds)) \(kinds)"))
        }
        if let unknown = catalog.unknownName(in: request.original, types: types) {
            let available = types.flatMap { catalog.references(ofType: $0) }.map(\.key)
            throw PlanningStop(outcome: .refused("no \(kinds) of this bundle is called \"\(unknown)\"\(pythonResourcesNote); \(available.isEmpty ? "it has none" : "it has: \(available.joined(separator: ", "))")\(notIncludedNote)"))
        }
        if let other = otherKindNamed(types) {
            let which = other.named.map { " \($0.key)" } ?? ""
            throw PlanningStop(outcome: .refused("the request is about the \(other.kind)\(which), and this change applies to \(ResourceVocabulary.article(kinds)) \(kinds) only"))
        }
        // A task key written as it is ("give ingest_bronze 2 retries"): the jobs that have that task, over the
        // conversation's job that has not (the retries went to its only task); two that have it are asked.
        if types.contains("jobs") {
            let tokens = Set(request.original.lowercased().split(whereSeparator: { $0.isWhitespace || ",;:()\"'`“”!?".contains($0) })
                .map { $0.hasSuffix(".") ? String($0.dropLast()) : String($0) })
            let holdingTask = catalog.entries.filter { entry in
                entry.reference.type == "jobs" && entry.parts.contains { $0.kind == .task && tokens.contains($0.key.lowercased()) && ResourceCatalog.isIdentifier($0.key) }
            }.map(\.reference).filter(fits)
            if !holdingTask.isEmpty, !(defaultResource.map(holdingTask.contains) ?? false) {
                if holdingTask.count == 1 { return holdingTask[0] }
                throw question(holdingTask.sorted(), kinds: kinds)
            }
        }
        // The conversation's resource, unless the words name another kind ("… and make the pipeline
        // photon" after a job's clause is about the pipeline).
        let nounTypes = types.filter { type in (ResourceVocabulary.nouns[type] ?? []).contains { request.has($0) } }
        if let defaultResource, types.contains(defaultResource.type), catalog.contains(defaultResource),
           nounTypes.isEmpty || nounTypes.contains(defaultResource.type) {
            return defaultResource
        }
        var candidates = types.flatMap { catalog.references(ofType: $0) }
        guard !candidates.isEmpty else { throw PlanningStop(outcome: .refused("this bundle defines no \(kinds)" + pythonResourcesNote + notIncludedNote)) }
        // "the pipeline": the kind of resource named narrows the choice.
        let namedTypes = types.filter { type in (ResourceVocabulary.nouns[type] ?? []).contains { request.has($0) } }
        if !namedTypes.isEmpty, candidates.contains(where: { namedTypes.contains($0.type) }) {
            candidates = candidates.filter { namedTypes.contains($0.type) }
        } else if !namedTypes.isEmpty, namedTypes.count < types.count {
            // "tag the pipeline" in a bundle without pipelines: not a job instead.
            let kinds = namedTypes.map { ResourceVocabulary.singular($0) }.joined(separator: " or ")
            throw PlanningStop(outcome: .refused("this bundle defines no \(kinds)" + pythonResourcesNote
                + "; it has \(candidates.sorted().map(\.spoken).joined(separator: ", "))"))
        }
        var fitting = candidates.filter(fits)
        // "use spot for all jobs, skip etl": the one that fits is the one left out (etl alone was changed).
        let excepted = catalog.excepted(in: request.original)
        if !excepted.isEmpty, !fitting.isEmpty, fitting.allSatisfy(excepted.contains) {
            throw PlanningStop(outcome: .refused("nothing to change: only \(fitting.map(\.spoken).joined(separator: ", ")) could take this change, and the request leaves \(fitting.count == 1 ? "it" : "them") out"))
        }
        fitting.removeAll(where: excepted.contains)
        if fitting.count == 1 { return fitting[0] }
        // The question offers those holding a word of the request, where some do ("the invoicing ingestion
        // job": the two jobs with "invoicing" in their names, not all ten).
        // (Two letters too where they are a whole word of a key: "the nb job" of citibike_etl_pipeline_nb and ingest_nb.)
        let keyWords = Set(fitting.flatMap { reference in catalog.entries.first { $0.reference == reference }?.keyWords ?? [] })
        let said = Set(request.words.filter { ($0.count >= 3 || ($0.count == 2 && keyWords.contains($0))) && !ResourceVocabulary.common.contains($0) && !catalog.targetNames.contains($0) })
        let holding = fitting.filter { reference in
            catalog.entries.first { $0.reference == reference }.map { !said.isDisjoint(with: $0.keyWords + $0.nameWords + $0.fileWords) } ?? false
        }
        if holding.count > 1 { fitting = holding }
        if fitting.isEmpty {
            if candidates.count == 1 { return candidates[0] }
            let kindsFound = Set(candidates.map(\.type)).sorted().map { ResourceVocabulary.singular($0) + "s" }.joined(separator: " and ")
            // One clause for each reason: "job a, job b run on serverless compute; pipeline c has no clusters of its own".
            let why = unfit.map { note -> String in
                var order: [String] = [], byNote: [String: [ResourceReference]] = [:]
                for candidate in candidates {
                    let n = note(candidate)
                    if byNote[n] == nil { order.append(n) }
                    byNote[n, default: []].append(candidate)
                }
                return ": " + order.map { n in
                    let owners = byNote[n]!
                    // The verb agrees: "job a runs …", "job a, job b run …" ("already runs" too).
                    let plurals = ["runs": "run", "has": "have", "defines": "define", "uses": "use", "is": "are", "e-mails": "e-mail", "does": "do"]
                    var words = n.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
                    if owners.count > 1, let i = words.prefix(2).firstIndex(where: { plurals[$0] != nil }) { words[i] = plurals[words[i]]! }
                    let clause = words.joined(separator: " ")
                    return owners.map { "\(ResourceVocabulary.singular($0.type)) \($0.key)" }.joined(separator: ", ") + " " + clause
                }.joined(separator: "; ")
            }
            throw PlanningStop(outcome: .refused("none of the \(candidates.count) \(kindsFound) of this bundle can take this change" + (why ?? " (\(Self.listed(candidates.map(\.key))))")))
        }
        throw question(fitting, kinds: kinds)
    }

    /// A resource of another kind than `types` that the request is about: "rename the uploads volume",
    /// "let analysts view the dashboard", "auto stop the sql warehouse" (when the bundle has one, and the
    /// words name none of `types`' kinds) — answered as such, never with a job picked instead.
    func otherKindNamed(_ types: [String]) -> (kind: String, named: ResourceReference?)? {
        let own = Set(types.flatMap { ResourceVocabulary.nouns[$0] ?? [] })
        if request.words.contains(where: { own.contains($0) || ["task", "tasks", "cluster", "clusters"].contains($0) }) { return nil }
        let kinds: [(type: String, nouns: [String])] = [
            ("dashboards", ["dashboard", "dashboards"]), ("apps", ["app", "apps"]), ("volumes", ["volume", "volumes"]),
            ("model_serving_endpoints", ["endpoint", "endpoints"]), ("quality_monitors", ["monitor", "monitors"]),
            ("experiments", ["experiment", "experiments"]), ("alerts", ["alert", "alerts"]), ("sql_warehouses", ["warehouse", "warehouses"]),
        ]
        // The noun as a thing ("the dashboard", "our app", "the uploads volume"), never a verb ("alert me
        // if …", "monitor the run duration").
        let determiners: Set<String> = ["the", "this", "that", "our", "my", "its", "their"]
        let words = request.words
        func namedAsThing(_ nouns: [String]) -> Bool {
            words.indices.contains { i in
                nouns.contains(words[i]) && (i > 0 && (determiners.contains(words[i - 1]) || (i > 1 && determiners.contains(words[i - 2]))))
            }
        }
        let mentions = catalog.mentions(in: request.original)
        for kind in kinds where !types.contains(kind.type) {
            let defined = catalog.references(ofType: kind.type)
            guard !defined.isEmpty else { continue }
            let named = defined.first { mentions[$0] == .name }
            guard named != nil || namedAsThing(kind.nouns) else { continue }
            // A SQL task's warehouse ("use warehouse abc for the report query") is the job's.
            if kind.type == "sql_warehouses" && request.hasAny(["query", "queries", "sql_task", "id"]) { continue }
            return (ResourceVocabulary.singular(kind.type), named ?? (defined.count == 1 ? defined[0] : nil))
        }
        return nil
    }

    /// The same request without the values it gives ("rename it to \"Prod clicks\"", a path), for
    /// finding the target and the resource: a new name or a path names nothing of the bundle.
    /// The same context for other words (a follow-up restated: "make it 5" → "retry 5 times").
    func saying(_ text: String) -> PlanningContext {
        var said = PlanningContext(bundle: bundle, request: RequestText(text), targetOption: targetOption, resourceOption: resourceOption,
                                   defaultResource: defaultResource, defaultTarget: defaultTarget, catalog: catalog)
        said.everyTarget = everyTarget
        return said
    }

    /// The same context for other words about `resource`, as `--resource` names it ("the train task" of the
    /// job just changed, not the job train_job its words name).
    func saying(_ text: String, about resource: ResourceReference) -> PlanningContext {
        var said = PlanningContext(bundle: bundle, request: RequestText(text), targetOption: targetOption, resourceOption: resource.description,
                                   defaultResource: defaultResource, defaultTarget: defaultTarget, catalog: catalog)
        said.everyTarget = everyTarget
        return said
    }

    /// Asks which target should change when targets set what a change of the shared definition changes
    /// themselves (`overriding`), unless the request is for every target.
    func askWhichTarget(_ overriding: [String], setting what: String) throws {
        guard !overriding.isEmpty, !everyTarget else { return }
        throw PlanningStop(outcome: .clarify(
            question: "Target\(overriding.count == 1 ? "" : "s") \(overriding.joined(separator: ", ")) set\(overriding.count == 1 ? "s" : "") \(what) itself; which target should change?",
            choices: bundle.targetNames.map { "--target \($0)" }))
    }

    /// `lastOnly`: only where the value is written last ("rename the daily scoring job to Daily
    /// Scoring": the new name goes, the job's words before it stay).
    func ignoring(_ values: [String], lastOnly: Bool = false) -> PlanningContext {
        var text = request.original
        for value in values where !value.isEmpty {
            // As a whole: "main" goes, "maintenance" stays, and so does "medshield-analysts" (one hyphenated name).
            let pattern = "(?<![\\w-])" + NSRegularExpression.escapedPattern(for: value) + "(?![\\w]|-\\w)"
            guard let regex = try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive]) else { continue }
            let all = NSRange(text.startIndex..., in: text)
            if lastOnly {
                if let last = regex.matches(in: text, range: all).last, let range = Range(last.range, in: text) { text.replaceSubrange(range, with: " ") }
            } else if bundle.targetNames.contains(where: { $0.lowercased() == value.lowercased() }) || Self.usualTargetNames.contains(value.lowercased()) {
                // "set the catalog to prod in prod": the value goes, the target said after "in" stays (the change
                // was made to every target's default).
                let matches = regex.matches(in: text, range: all)
                let saysTarget = { (match: NSTextCheckingResult) -> Bool in
                    guard let range = Range(match.range, in: text) else { return false }
                    return text[..<range.lowerBound].range(of: #"(?i)\b(in|for|on)\s+(the\s+)?$"#, options: .regularExpression) != nil
                }
                let kept = matches.count > 1 && matches.contains(where: saysTarget) && matches.contains(where: { !saysTarget($0) })
                for match in matches.reversed() where !(kept && saysTarget(match)) {
                    if let range = Range(match.range, in: text) { text.replaceSubrange(range, with: " ") }
                }
            } else {
                text = regex.stringByReplacingMatches(in: text, range: all, withTemplate: " ")
            }
        }
        var ignoring = PlanningContext(bundle: bundle, request: RequestText(text), targetOption: targetOption, resourceOption: resourceOption,
                                       defaultResource: defaultResource, defaultTarget: defaultTarget, catalog: catalog)
        ignoring.everyTarget = everyTarget
        return ignoring
    }

    /// For a bundle whose resources (some or all) are made by Python code (`python: resources:`), which
    /// requests cannot edit: where they come from.
    /// Resource files of the bundle's folders that no `include` brings in, for the refusals that say a
    /// resource is not there (`resources/sample_job.job.yml` beside a root file without `include:`).
    var notIncludedFiles: [String] {
        let loaded = Set(bundle.files.map(\.path))
        var found: [String] = []
        for folder in ["", "resources"] where folder.isEmpty || bundle.source.directoryExists(folder) {
            for name in bundle.source.contents(ofDirectory: folder).sorted() where name.hasSuffix(".yml") || name.hasSuffix(".yaml") {
                let path = folder.isEmpty ? name : folder + "/" + name
                guard !loaded.contains(path), path != bundle.rootFile, !name.hasPrefix("."),
                      let data = try? bundle.source.read(path), let text = String(data: data, encoding: .utf8),
                      text.range(of: #"(?m)^(resources|targets):"#, options: .regularExpression) != nil else { continue }
                found.append(path)
            }
        }
        return found
    }

    /// "; resources/sample_job.job.yml is not included …" when such files are there.
    var notIncludedNote: String {
        let files = notIncludedFiles
        guard !files.isEmpty else { return "" }
        let list = files.prefix(3).joined(separator: ", ") + (files.count > 3 ? " and \(files.count - 3) more" : "")
        return "; \(list) \(files.count == 1 ? "is" : "are") not included in the bundle (\"include the \(files[0].contains("/") ? "resources folder" : "\(files[0]) file")\" adds \(files.count == 1 ? "it" : "them"))"
    }

    var pythonResourcesNote: String {
        // (`experimental.python.resources` is the older place of the same setting.)
        for (key, node) in [("python.resources", bundle.configuration["python"]?["resources"]),
                            ("experimental.python.resources", bundle.configuration["experimental"]?["python"]?["resources"])] {
            guard let loaders = node?.sequence?.compactMap(\.string), !loaders.isEmpty else { continue }
            return " in YAML; its Python code makes resources (\(key): \(loaders.joined(separator: ", "))), which are changed in that code, not here"
        }
        return ""
    }

    func question(_ unsorted: [ResourceReference], kinds: String) -> PlanningStop {
        let candidates = unsorted.sorted()
        return PlanningStop(outcome: .clarify(question: "Which \(kinds)? \(candidates.count) could take this change: \(Self.listed(candidates.map(\.key))).",
                                       choices: candidates.map { "--resource \($0)" }))
    }

    /// The parts of one kind of a resource that the request names ("the extract task"), without those
    /// it excepts ("all ingest tasks except ingest_erp": the ingest tasks but ingest_erp).
    func namedParts(_ kind: ResourceCatalog.PartKind, of resource: ResourceReference) -> [String] {
        let (kept, excepted) = Self.exceptClause(request.original)
        guard let excepted else { return catalog.namedParts(kind, of: resource, in: request.original) }
        let out = catalog.namedParts(kind, of: resource, in: excepted)
        let named = catalog.namedParts(kind, of: resource, in: kept)
        return named.filter { !out.contains($0) }
    }

    /// "the deploy tasks", "all bronze tasks": the tasks whose keys have that word (deploy_yolo_endpoint,
    /// deploy_sam_endpoint); nil when the words name no such group (a word before "tasks" that no key has,
    /// or none said).
    func tasksNamedByAWord(_ keys: [String]) -> (word: String, keys: [String])? {
        let words = request.words
        for (i, word) in words.enumerated() where i > 0 && ["tasks", "steps"].contains(word) {
            let w = words[i - 1]
            // (Kinds of task are no group of keys: "the notebook tasks", "the sql tasks".)
            guard !["the", "all", "every", "its", "their", "job", "other", "these", "those", "both", "of", "my", "our", "notebook", "python", "sql", "pipeline",
                    "dbt", "spark", "wheel", "jar", "condition", "run", "job's", "remaining", "failed", "failing", "long", "slow", "two", "three", "four"].contains(w),
                  w.count > 2, Int(w) == nil else { continue }
            let group = keys.filter { key in key.lowercased().split(whereSeparator: { $0 == "_" || $0 == "-" || $0 == " " }).contains { $0 == w } }
            // A word said as a group's ("the bronze tasks", "all deploy tasks"), or one some keys have; not
            // the request's own verb ("retry tasks 3 times").
            let determined = i > 1 && ["the", "all", "every", "both", "these", "those", "my", "our", "its"].contains(words[i - 2])
            guard determined || !group.isEmpty else { continue }
            // "retry the etl tasks": the job's own name, not a group of its tasks ("job etl has no etl tasks").
            if group.isEmpty, catalog.entries.contains(where: { $0.keyWords.contains(w) || $0.nameWords.contains(w) }) { continue }
            return (w, group)
        }
        return nil
    }

    /// How many tasks the words say ("the three forecast tasks", "the 2 tasks"): the number one or two
    /// words before "tasks", or nil.
    func countOfTasksSaid() -> Int? {
        let words = request.words
        guard let i = words.firstIndex(where: { $0 == "tasks" || $0 == "steps" }) else { return nil }
        for j in [i - 1, i - 2] where j >= 0 {
            if let n = Int(words[j]) ?? RequestText.numberWords[words[j]], n > 1 { return n }
        }
        return nil
    }

    /// The parts excepted, for a request that names every part but them ("retry every task except load").
    func exceptedParts(_ kind: ResourceCatalog.PartKind, of resource: ResourceReference) -> [String] {
        Self.exceptClause(request.original).excepted.map { catalog.namedParts(kind, of: resource, in: $0) } ?? []
    }

    /// The request before "except" (or "but not", "other than", "apart from") and the words after it.
    static func exceptClause(_ text: String) -> (kept: String, excepted: String?) {
        // (", skip weekly_report", "but leave weekly_report out", "leaving out the report job": so too; "skip"
        // alone is a request of its own: "skip the tests task on weekends".)
        let pattern = #"\b(except( for)?|but not|other than|apart from|aside from|excluding|besides|save for|with the exception of)\b"#
            + #"|(,|\bbut|\band)\s+(skip|skipping|leave out|leaving out|not)\b|\b(leave|leaving) (?=(the )?\S+( job| pipeline)? out\b)"#
        guard let range = text.range(of: pattern, options: [.regularExpression, .caseInsensitive]) else {
            return (text, nil)
        }
        return (String(text[..<range.lowerBound]), String(text[range.upperBound...]))
    }

    /// The merged, resolved configuration of a resource for a target (nil: the bundle's default view).
    public func effectiveResource(_ reference: ResourceReference, target: String?) -> YAMLNode? {
        let chosen = target ?? (try? TargetSelection.choose(nil, in: bundle)) ?? nil
        if let found = effectiveConfiguration(chosen).configuration["resources"]?[reference.type]?[reference.key] { return found }
        // A resource only other targets define (promote_from_dev_job in test and prod, not in the default
        // dev): as the first of them has it, for a change meant for every target (it "did not apply").
        // (One target alone: as that target has it, where its definition is; "job nightly has no tasks", and
        // a new schedule took UTC for prod's Europe/Paris.)
        guard target == nil else { return nil }
        let section = targetsSection
        let having = bundle.targetNames.filter { name in
            name != chosen && bundle.files.contains(where: { $0.root?[section]?[name]?["resources"]?[reference.type]?[reference.key] != nil })
        }
        guard !having.isEmpty else { return nil }
        return effectiveConfiguration(having[0]).configuration["resources"]?[reference.type]?[reference.key]
    }

    /// The targets that define a resource the bundle's own `resources` do not (`targets.prod.resources.pipelines.x`);
    /// nil when the bundle defines it for every target.
    func targetsDefiningOnly(_ reference: ResourceReference) -> [String]? {
        guard !bundle.files.contains(where: { $0.root?["resources"]?[reference.type]?[reference.key] != nil }) else { return nil }
        let section = targetsSection
        return bundle.targetNames.filter { name in
            bundle.files.contains(where: { $0.root?[section]?[name]?["resources"]?[reference.type]?[reference.key] != nil })
        }
    }

    /// Keys for a sentence: all of a few, the first 20 of many and how many more (2,000 jobs made one line
    /// of 20,000 characters).
    static func listed(_ keys: [String], limit: Int = 20) -> String {
        keys.count <= limit + 1 ? keys.joined(separator: ", ") : keys.prefix(limit).joined(separator: ", ") + " and \(keys.count - limit) more"
    }

    /// A target's merged, resolved configuration (made once for the bundle of this context).
    public func effectiveConfiguration(_ target: String?) -> EffectiveConfiguration {
        catalog.effectiveMemo.value(target) { bundle.effectiveConfiguration(target: target) }
    }

    /// The merged, resolved configuration of a job for a target (nil: the bundle's default view).
    public func effectiveJob(_ key: String, target: String?) -> YAMLNode? {
        effectiveResource(ResourceReference(type: "jobs", key: key), target: target)
    }

    /// The target whose override alone gives the jobs the request may mean one of `fields` ("pause the
    /// schedule" of a job scheduled in prod only, whose definition has none): that target, so that the
    /// change goes where the schedule is. Nil when the request names a target, a job it may mean has
    /// the field without one, or no target gives it; asked when several do.
    func targetWhereOnlyJobsHave(_ fields: [String], named target: String?, jobs chosen: [String]? = nil) throws -> String? {
        guard target == nil, !bundle.targetNames.isEmpty else { return nil }
        let has: (String, String?) -> Bool = { job, target in fields.contains { self.effectiveJob(job, target: target)?[$0] != nil } }
        let mentioned = catalog.mentions(in: request.original).keys.filter { $0.type == "jobs" }.map(\.key)
        let conversation = defaultResource.flatMap { $0.type == "jobs" ? [$0.key] : nil }
        let resource = resourceOption.flatMap { option in catalog.references(ofType: "jobs").first { $0.key == option || "jobs.\($0.key)" == option }.map { [$0.key] } }
        let jobs = chosen ?? resource ?? (mentioned.isEmpty ? conversation ?? catalog.references(ofType: "jobs").map(\.key) : mentioned)
        guard !jobs.isEmpty, !jobs.contains(where: { has($0, nil) }) else { return nil }
        let targets = bundle.targetNames.filter { target in jobs.contains { has($0, target) } }
        guard targets.count > 1 else { return targets.first }
        let what = fields.first ?? "schedule"
        throw PlanningStop(outcome: .clarify(question: "The \(what) is set only in targets \(targets.joined(separator: ", ")); which target should change?",
                                             choices: targets.map { "--target \($0)" }))
    }

    /// The file that defines a resource (the root file when no file does, as for a target's own resources).
    public func definitionFile(of reference: ResourceReference) -> String {
        for file in bundle.files {
            if file.root?["resources"]?[reference.type]?[reference.key] != nil { return file.path }
        }
        return bundle.rootFile
    }

    /// The file that defines a job.
    public func definitionFile(ofJob key: String) -> String {
        definitionFile(of: ResourceReference(type: "jobs", key: key))
    }

    /// The file that defines a target (the root file unless an included file does).
    public func targetFile(_ target: String) -> String {
        let section = targetsSection
        for file in bundle.files where file.root?[section]?[target] != nil { return file.path }
        return bundle.rootFile
    }

    /// Where edits for a resource go, and the path of the resource in that file: the target's
    /// override block (`targets.<t>.resources.<type>.<key>`) when a target is named, else the
    /// resource's definition.
    /// The section that holds the targets: `targets`, or `environments` in a bundle of the first format.
    var targetsSection: String {
        let roots = bundle.files.compactMap(\.root)
        return roots.contains(where: { $0["environments"] != nil }) && !roots.contains(where: { $0["targets"] != nil }) ? "environments" : "targets"
    }

    public func location(of reference: ResourceReference, target: String?) -> (file: String, base: EditPath) {
        let section = targetsSection
        let inTarget: (String) -> EditPath = { [.key(section), .key($0), .key("resources"), .key(reference.type), .key(reference.key)] }
        if let target {
            // An included file that already overrides (or defines) it for the target.
            if let file = bundle.files.first(where: { $0.root?[section]?[target]?["resources"]?[reference.type]?[reference.key] != nil }) {
                return (file.path, inTarget(target))
            }
            return (targetFile(target), inTarget(target))
        }
        // A resource only a target defines (`targets.dev.resources.jobs.x`): its definition is there, not
        // a new top-level stub that every target would get.
        if !bundle.files.contains(where: { $0.root?["resources"]?[reference.type]?[reference.key] != nil }) {
            for name in bundle.targetNames {
                if let file = bundle.files.first(where: { $0.root?[section]?[name]?["resources"]?[reference.type]?[reference.key] != nil }) {
                    return (file.path, inTarget(name))
                }
            }
        }
        return (definitionFile(of: reference), [.key("resources"), .key(reference.type), .key(reference.key)])
    }

    /// Where edits for a job go (see `location(of:target:)`).
    public func jobLocation(_ key: String, target: String?) -> (file: String, base: EditPath) {
        location(of: ResourceReference(type: "jobs", key: key), target: target)
    }

    /// The node at `path` of a file as written (merges expanded), or nil.
    public func rawNode(file: String, path: EditPath) -> YAMLNode? {
        guard var node = bundle.files.first(where: { $0.path == file })?.root else { return nil }
        for component in path {
            switch component {
            case .key(let k): guard let next = node[k] else { return nil }; node = next
            case .index(let i): guard let items = node.sequence, items.indices.contains(i) else { return nil }; node = items[i]
            }
        }
        return node
    }

    /// Sets a value inside the entry of an identity-matched list (`job_clusters` by `job_cluster_key`,
    /// `tasks` by `task_key`), adding the entry when the file has none for that identity, as a target
    /// override does.
    public func setInList(file: String, base: EditPath, list: String, identityField: String, identity: String,
                          inner: EditPath, value: EditValue) -> EditOperation {
        let items = rawNode(file: file, path: base + [.key(list)])?.sequence ?? []
        // A pipeline cluster without a label is the `default` one (as the CLI merges them).
        if let index = items.firstIndex(where: { $0[identityField]?.string == identity || (identityField == "label" && identity == "default" && $0["label"] == nil) })
            ?? items.firstIndex(where: { $0[identityField]?.string.map { writtenKey($0, resolvesTo: identity) } ?? false }) {
            return .set(base + [.key(list), .index(index)] + inner, value)
        }
        let nested = inner.reversed().reduce(value) { acc, c in
            if case .key(let k) = c { return .mapping([(k, acc)]) }
            return acc
        }
        guard case .mapping(let fields) = nested else { return .append(base + [.key(list)], .mapping([(identityField, .string(identity))])) }
        return .append(base + [.key(list)], .mapping([(identityField, .string(identity))] + fields))
    }

    func forTarget(_ target: String?) -> String { target.map { " for target \($0)" } ?? "" }

    /// Whether a key written with the target or a variable in it (`"${bundle.environment}_report"`,
    /// dais2023; `${var.job_prefix}-run-unit-tests-task`) is `identity` for one of the targets. (The
    /// planner reads keys resolved and edits them as written: a key it did not find was appended as a
    /// new task of that name.)
    func writtenKey(_ written: String, resolvesTo identity: String) -> Bool {
        guard written.contains("${bundle.") || written.contains("${var.") else { return false }
        let declared = bundle.configuration["variables"]?.mapping
        return (bundle.targetNames.isEmpty ? ["default"] : bundle.targetNames).contains { target in
            var text = written.replacingOccurrences(of: "${bundle.target}", with: target).replacingOccurrences(of: "${bundle.environment}", with: target)
            if let name = bundle.configuration["bundle"]?["name"]?.string { text = text.replacingOccurrences(of: "${bundle.name}", with: name) }
            for name in declared?.keys ?? [] where text.contains("${var.\(name)}") {
                let own = bundle.targetsMapping?[target]?["variables"]?[name]
                guard let value = (own?.mapping == nil ? own : own?["default"])?.scalar?.text ?? declared?[name]?["default"]?.scalar?.text else { continue }
                text = text.replacingOccurrences(of: "${var.\(name)}", with: value)
            }
            return text == identity
        }
    }

    /// Whether an item of a list as written (a task, a job cluster) has `identity` in `field`, written
    /// so or with references that resolve to it.
    func writtenItem(_ item: YAMLNode, field: String, is identity: String) -> Bool {
        guard let written = item[field]?.string else { return false }
        return written == identity || writtenKey(written, resolvesTo: identity)
    }
}

extension PlanningContext {
    /// Whether a job defines a cluster for the target: a job cluster, or a task's own `new_cluster`.
    func hasJobCluster(_ job: String, target: String?) -> Bool {
        !ClusterSelection.clusters(of: effectiveJob(job, target: target)).isEmpty
    }

    /// What a job or pipeline without clusters of its own runs on, for refusals of cluster changes:
    /// "runs on serverless compute", "runs on the all-purpose cluster 0123-…".
    func computeNote(_ reference: ResourceReference, target: String?) -> String {
        if reference.type == "pipelines" {
            return isServerlessPipeline(reference.key, target: target) ? "runs on serverless compute" : "has no clusters of its own"
        }
        let tasks = effectiveJob(reference.key, target: target)?["tasks"]?.sequence ?? []
        if let existing = tasks.compactMap({ $0["existing_cluster_id"]?.string }).first {
            // `${resources.clusters.interactive.id}`: a cluster of this bundle, changed as itself.
            if let key = existing.firstMatch(of: /\$\{resources\.clusters\.([A-Za-z0-9_-]+)\.id\}/)?.1 {
                return "runs on the bundle's all-purpose cluster \(key) (existing_cluster_id); ask about \"the \(key) cluster\" to change it"
            }
            return "runs on the all-purpose cluster \(existing) (existing_cluster_id), which the bundle does not define"
        }
        let kinds = Set(tasks.compactMap { task in task.mapping?.keys.first { $0.hasSuffix("_task") } })
        if !kinds.isEmpty, kinds.isSubset(of: ["sql_task", "dashboard_task", "pipeline_task", "run_job_task", "condition_task", "for_each_task", "dbt_cloud_task"]) {
            return "runs no cluster of its own (its tasks: \(kinds.sorted().joined(separator: ", ")))"
        }
        return "runs on serverless compute"
    }
}

extension PlanningContext {
    /// Every resource as `jobs.sales_sync ("Sales Sync")`, for an agent's instructions.
    public var resourceList: [String] {
        catalog.entries.map { entry in
            let node = bundle.configuration["resources"]?[entry.reference.type]?[entry.reference.key]
            let name = node?["name"]?.string ?? node?["display_name"]?.string ?? node?["cluster_name"]?.string
            return entry.reference.description + (name.map { " (\"\($0)\")" } ?? "")
        }
    }
}
