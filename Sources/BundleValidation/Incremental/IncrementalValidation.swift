import BundleModel
import Foundation

/// Validation that pays for what changed (issue 17). Findings of a configuration file that holds only
/// resources depend on that file, on the files that hold everything else (the root file, variables,
/// targets), on which resources exist, and on what the file system says about local paths. Everything
/// but the file itself goes into a context digest; while the digest and the file's content identity
/// are what a `FindingsCache` kept, the file is neither parsed nor checked: its kept findings are used.
/// Rules that span resources still see the whole bundle: keys defined twice, references to resources and
/// target overrides make their files load (or the run validate every file).
struct IncrementalValidation {
    let request: ValidationRequest
    let cache: FindingsCache

    /// Content identities, asked once per file (status calls or index lookups).
    final class Identities: @unchecked Sendable {
        let source: any BundleFileSource
        private var known: [String: String?] = [:]
        private let lock = NSLock()

        init(_ source: any BundleFileSource) { self.source = source }

        subscript(path: String) -> String? {
            lock.lock()
            if let id = known[path] { lock.unlock(); return id }
            lock.unlock()
            let id = source.contentIdentity(path)
            lock.lock()
            known[path] = id
            lock.unlock()
            return id
        }
    }

    /// Whether some target is `mode: production` without its own `workspace.root_path` and without
    /// `run_as` (its own or the bundle's).
    static func productionTargetWeighsEveryJob(_ configuration: YAMLMapping) -> Bool {
        (configuration["targets"]?.mapping?.entries ?? []).contains { target in
            target.value["mode"]?.string == "production" && target.value["workspace"]?["root_path"] == nil
                && target.value["run_as"] == nil && configuration["run_as"] == nil
        }
    }

    func run(source: any BundleFileSource) throws(ValidationRequest.SetupError) -> ValidationReport {
        let timing = PhaseTiming()
        var stored = cache.read()
        if let document = stored, !document.probes.allSatisfy({ $0.holds(in: source) }) { stored = nil }
        timing.mark("read the cache (\(stored?.files.count ?? 0) files)")
        let identities = Identities(source)
        let parses = request.cache ?? ParseCache()
        let keptFiles = stored?.files ?? [:]
        let kept: @Sendable (String) -> FindingsCache.Document.Entry? = { path in
            guard let entry = keptFiles[path], let id = identities[path], id == entry.identity else { return nil }
            return entry
        }

        // First load: the root file, files whose findings are not kept, and files holding more than resources.
        let firstRead: @Sendable (String) -> Bool = { path in
            guard let entry = kept(path) else { return true }
            return !entry.summary.onlyResources
        }
        var bundle: LoadedBundle
        do {
            bundle = try BundleLoader(source: source, cache: parses, shouldRead: firstRead).load()
        } catch {
            throw .load(error)
        }
        timing.mark("first load (\(bundle.files.filter { !$0.isSkipped }.count) of \(bundle.files.count) files read)")
        let included = bundle.files.filter { !$0.isRoot }.map(\.path)
        var summaries: [String: BundleFileSummary] = [:]
        summaries.reserveCapacity(bundle.files.count)
        for file in bundle.files {
            if file.isSkipped, let entry = kept(file.path) {
                summaries[file.path] = entry.summary
            } else {
                summaries[file.path] = BundleFileSummary(file: file, diagnostics: bundle.diagnostics)
            }
        }

        // Which resources are defined where; keys used twice make every file load.
        var definedIn: [String: String] = [:]
        var typeOfKey: [String: String] = [:]
        definedIn.reserveCapacity(bundle.files.count)
        typeOfKey.reserveCapacity(bundle.files.count)
        var collision = false
        for path in [bundle.rootFile] + included {
            for resource in summaries[path]?.resources ?? [] {
                if definedIn[resource] != nil { collision = true }
                definedIn[resource] = path
                if let dot = resource.utf8.firstIndex(of: UInt8(ascii: ".")) {
                    let type = String(resource[..<dot]), key = String(resource[resource.utf8.index(after: dot)...])
                    if let known = typeOfKey[key], known != type { collision = true }
                    typeOfKey[key] = type
                }
            }
        }
        let unreadable = summaries.values.contains { $0.unreadable }
        let context = contextDigest(rootFile: bundle.rootFile, included: included, summaries: summaries, identities: identities)
        timing.mark("summaries and context digest")

        // The files to read: all of them, or those whose findings may differ from the kept ones.
        var toRead = Set<String>()
        let everything = stored == nil || unreadable || collision || context == nil || context != stored?.context
        if everything {
            toRead = Set(included)
        } else {
            for path in included where kept(path) == nil || !(summaries[path]?.onlyResources ?? false) { toRead.insert(path) }
            for summary in summaries.values {
                for resource in summary.overrides { if let path = definedIn[resource] { toRead.insert(path) } }
            }
            // A production target without its own root_path or run_as: whether every job has run_as decides
            // between a warning and a recommendation (ProductionTargetIsolationRule), so every job is read.
            // (Before the references are followed: a job read for this alone names a pipeline of another file, which
            // was then missing, and the second run said "the bundle defines no pipelines".)
            if Self.productionTargetWeighsEveryJob(bundle.configuration) {
                for (path, summary) in summaries where path != bundle.rootFile && summary.resources.contains(where: { $0.hasPrefix("jobs.") }) {
                    toRead.insert(path)
                }
            }
            // A file that names a resource of a file read again is read again too: its findings may depend on
            // what that resource says (an app's serving endpoint without the app's permission, a pipeline task of
            // a pipeline made continuous). Kept, they went stale: a warning was missed, or stayed after its fix.
            // (Only resources that changed: an unchanged file read for another reason, or a changed file's other
            // resources, define what they did before.)
            var definedInRead = Set<String>()
            for path in Set(definedIn.values) where path != bundle.rootFile && kept(path) == nil {
                definedInRead.formUnion(summaries[path]?.resourcesChanged(since: stored?.files[path]?.summary) ?? [])
            }
            for (path, summary) in summaries where path != bundle.rootFile && !toRead.contains(path)
                && summary.references.contains(where: definedInRead.contains) {
                toRead.insert(path)
            }
            // References need the resources they name (and a reference to a missing one its suggestions).
            var queue = Array(toRead) + [bundle.rootFile]
            var brokenReference = false
            while let path = queue.popLast() {
                for resource in summaries[path]?.references ?? [] {
                    guard let definer = definedIn[resource] else { brokenReference = true; continue }
                    if definer != bundle.rootFile, toRead.insert(definer).inserted { queue.append(definer) }
                }
            }
            if brokenReference { toRead = Set(included) }
        }
        let firstSet = Set(bundle.files.filter { !$0.isRoot && !$0.isSkipped }.map(\.path))
        if toRead != firstSet {
            let wanted = toRead
            do {
                bundle = try BundleLoader(source: source, cache: parses, shouldRead: { wanted.contains($0) }).load()
            } catch {
                throw .load(error)
            }
        }
        timing.mark("load \(toRead.count + 1) of \(included.count + 1) files")

        let recording = ProbeRecordingFileSource(source)
        bundle.source = recording
        var report = try request.validate(bundle)

        // The kept findings of the files not read.
        // A finding is kept with the file of the resource it is about, wherever its position is: a complex
        // variable's value in variables.yml that a job in etl.job.yml uses is found only while the job's file is
        // read (kept with variables.yml, it was lost on the next run, which reused the job's findings).
        var located: [String: [Diagnostic]] = [:]
        for d in report.diagnostics {
            guard let file = d.location?.file else { continue }
            let definer = d.path.flatMap(Self.resource(ofPath:)).flatMap { definedIn[$0] }
            located[definer.flatMap { $0 != bundle.rootFile ? $0 : nil } ?? file, default: []].append(d)
        }
        var entries: [String: FindingsCache.Document.Entry] = [:]
        var reused = 0
        for file in bundle.files where !file.isRoot {
            if file.isSkipped {
                guard let entry = kept(file.path) else { continue }
                report.diagnostics += entry.findings
                entries[file.path] = entry
                reused += 1
            } else if let id = identities[file.path], source.contentIdentityIsStable(file.path), let summary = summaries[file.path] {
                entries[file.path] = .init(identity: id, summary: summary, findings: located[file.path] ?? [])
            }
        }
        if reused > 0 { report.diagnostics.sort(by: Validator.order) }
        var probes = recording.probes
        if !everything, let earlier = stored?.probes { probes.formUnion(earlier) }
        let document = FindingsCache.Document(format: FindingsCache.Document.format, build: FindingsCache.build,
                                              context: context ?? "", probes: probes.sorted { ($0.path, $0.kind.rawValue) < ($1.path, $1.kind.rawValue) },
                                              files: entries, reused: reused)
        // Nothing new learned (a hook run on what was checked before): the file is left as it is.
        var unchanged = stored
        unchanged?.reused = reused
        if unchanged != document { cache.write(document) }
        timing.mark("validate, reusing the findings of \(reused) files")
        return report
    }

    /// `jobs.etl` for `resources.jobs.etl.job_clusters[0].new_cluster.num_workers`; nil for a path outside
    /// the resources.
    static func resource(ofPath path: String) -> String? {
        let parts = path.split(separator: ".", maxSplits: 3, omittingEmptySubsequences: false)
        guard parts.count >= 3, parts[0] == "resources" else { return nil }
        let key = parts[2].prefix { $0 != "[" }
        return key.isEmpty ? nil : "\(parts[1]).\(key)"
    }

    /// A digest of everything but the resource-only files' contents: the request, the root file and every
    /// file holding more than resources (by content identity), which files are included, which
    /// resources each defines, and the variable-overrides.json files. Nil when one of those identities may not survive this process.
    func contextDigest(rootFile: String, included: [String], summaries: [String: BundleFileSummary],
                       identities: Identities) -> String? {
        var text = request.cacheDescription + "\n"
        for path in [rootFile] + included.sorted() {
            text += path
            let summary = summaries[path]
            if path == rootFile || !(summary?.onlyResources ?? false) {
                guard let id = identities[path], identities.source.contentIdentityIsStable(path) else { return nil }
                text += "=" + id
            }
            text += ":" + (summary?.resources ?? []).joined(separator: ",") + "\n"
        }
        // Values of variables kept beside the configuration (.databricks/bundle/<target>/variable-overrides.json).
        for target in identities.source.contents(ofDirectory: ".databricks/bundle").sorted() {
            let path = ".databricks/bundle/\(target)/variable-overrides.json"
            guard identities.source.fileExists(path) else { continue }
            guard let id = identities[path], identities.source.contentIdentityIsStable(path) else { return nil }
            text += path + "=" + id + "\n"
        }
        return ContentHashingFileSource.digest(Data(text.utf8))
    }
}
