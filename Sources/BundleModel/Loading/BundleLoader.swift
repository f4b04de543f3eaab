import Foundation

/// A bundle file as read: its path relative to the bundle root and its composed YAML.
public struct BundleFile: Sendable {
    public var path: String
    public var root: YAMLNode?
    public var isRoot: Bool
    /// Not read: the loader was told to skip it (`BundleLoader.shouldRead`).
    public var isSkipped: Bool = false

    public init(path: String, root: YAMLNode?, isRoot: Bool, isSkipped: Bool = false) {
        self.path = path
        self.root = root
        self.isRoot = isRoot
        self.isSkipped = isSkipped
    }
}

/// A bundle with all its configuration files read and merged into one tree (targets not yet applied).
public struct LoadedBundle: Sendable {
    /// The root file's name, such as `databricks.yml`.
    public var rootFile: String
    public var files: [BundleFile]
    /// Every file's top-level mapping merged: maps recursively, lists concatenated.
    public var configuration: YAMLMapping
    /// Problems found while reading: syntax, encoding, duplicate keys, includes, resources defined twice.
    public var diagnostics: [Diagnostic]
    public var source: any BundleFileSource

    public var bundleName: String? { configuration["bundle"]?["name"]?.string }

    /// The targets in the order they are written.
    public var targetNames: [String] { targetsMapping?.keys ?? [] }

    public var targetsMapping: YAMLMapping? {
        (configuration["targets"] ?? configuration["environments"])?.mapping
    }
}

/// Finds and reads a bundle: the root file, its `include:` globs, and the merge of all files.
public struct BundleLoader: Sendable {
    public static let rootFileNames = ["databricks.yml", "databricks.yaml", "bundle.yml", "bundle.yaml"]
    static let includeExtensions = [".yml", ".yaml", ".json"]
    static let notInterpolated = "The Databricks CLI reads include paths before variables are resolved: ${…} is taken literally, as part of a file name. "
        + "Name the files themselves (include: [conf/dev/*.yml, conf/prod/*.yml]), or put the per-target settings under targets.<name>."

    public let source: any BundleFileSource
    public var limits: YAMLComposer.Limits
    public var cache: ParseCache?
    /// Which included files to read; the others are listed in `LoadedBundle.files` without a tree
    /// (`isSkipped`), contribute nothing and are not checked. Incremental validation skips files
    /// whose findings it knows already. Nil reads every file.
    public var shouldRead: (@Sendable (String) -> Bool)?

    public init(source: any BundleFileSource, limits: YAMLComposer.Limits = .default, cache: ParseCache? = nil,
                shouldRead: (@Sendable (String) -> Bool)? = nil) {
        self.source = source
        self.limits = limits
        self.cache = cache
        self.shouldRead = shouldRead
    }

    /// The bundle root directory for `directory`: the directory itself when given explicitly; when
    /// `walkUp`, the nearest directory at or above it holding a root file (as git finds `.git`).
    /// `DATABRICKS_BUNDLE_ROOT`, as the Databricks CLI reads it: the bundle's folder for commands that are
    /// given none; nil when it is unset or empty.
    public static func rootFromEnvironment(_ environment: [String: String]) throws(BundleLoadError) -> URL? {
        guard let value = environment["DATABRICKS_BUNDLE_ROOT"], !value.isEmpty else { return nil }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: value, isDirectory: &isDirectory) else {
            throw .invalidRootSetting(value: value, reason: "no such directory")
        }
        guard isDirectory.boolValue else { throw .invalidRootSetting(value: value, reason: "not a directory") }
        do {
            return try locateRoot(from: URL(fileURLWithPath: value), walkUp: false)
        } catch {
            throw .invalidRootSetting(value: value, reason: "it holds no \(rootFileNames.joined(separator: " or "))")
        }
    }

    public static func locateRoot(from directory: URL, walkUp: Bool) throws(BundleLoadError) -> URL {
        var isDirectory: ObjCBool = false
        let start = directory.standardizedFileURL
        guard FileManager.default.fileExists(atPath: start.path, isDirectory: &isDirectory) else {
            throw .unreadable(path: start.path, reason: "no such directory")
        }
        guard isDirectory.boolValue else { throw .notADirectory(path: start.path) }
        var current = start
        while true {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: current.path)) ?? []
            let found = rootFileNames.filter(names.contains)
            if found.count > 1 { throw .severalRootFiles(directory: current.path, names: found) }
            if found.count == 1 { return current }
            let parent = current.deletingLastPathComponent()
            // (A path that does not get shorter going up — a current directory that was removed gives
            // one — ends the walk too.)
            guard walkUp, parent.path != current.path, parent.path.count < current.path.count else {
                throw .noRootFile(directory: start.path, searchedUpwards: walkUp, below: bundles(below: start))
            }
            current = parent
        }
    }

    /// Bundle directories in the folders under `directory`, relative to it, sorted: at most 3 levels
    /// down and 2,000 folders looked at, hidden folders and build output left out (said in an error, so
    /// it must be quick).
    static func bundles(below directory: URL) -> [String] {
        let skipped: Set<String> = ["node_modules", "__pycache__", "dist", "build", "target", "venv"]
        var found: [String] = [], queue: [(URL, String, Int)] = [(directory, "", 0)], visited = 0
        while !queue.isEmpty && visited < 2_000 {
            let (folder, relative, depth) = queue.removeFirst()
            visited += 1
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
            if depth > 0, names.contains(where: rootFileNames.contains) {
                found.append(relative)
                continue
            }
            guard depth < 3 else { continue }
            for name in names where !name.hasPrefix(".") && !skipped.contains(name) {
                var isDirectory: ObjCBool = false
                let child = folder.appendingPathComponent(name)
                if FileManager.default.fileExists(atPath: child.path, isDirectory: &isDirectory), isDirectory.boolValue {
                    queue.append((child, relative.isEmpty ? name : relative + "/" + name, depth + 1))
                }
            }
        }
        return found.sorted()
    }

    /// Reads the root file, follows the includes and merges everything.
    public func load() throws(BundleLoadError) -> LoadedBundle {
        let present = Self.rootFileNames.filter { source.fileExists($0) }
        guard !present.isEmpty else { throw .noRootFile(directory: source.rootDescription, searchedUpwards: false) }
        guard present.count == 1 else { throw .severalRootFiles(directory: source.rootDescription, names: present) }
        let rootName = present[0]

        var diagnostics: [Diagnostic] = []
        let rootFile = try readFile(rootName, isRoot: true, diagnostics: &diagnostics)
        var files = [rootFile]
        var configuration = YAMLMapping()
        var includedMappings: [YAMLMapping] = []
        if let root = rootFile.root {
            if let m = root.mapping {
                configuration = ConfigurationMerge.droppingMisshapenSections(m, diagnostics: &diagnostics)
            } else if !root.isNull {
                diagnostics.append(Diagnostic(
                    .error, rule: ModelRuleID.yamlSyntax,
                    summary: "\(rootName) must be a mapping of sections (bundle, include, resources, targets, ...), not \(root.typeNameWithArticle)",
                    location: root.location))
            }
        }

        let includes = expandIncludes(configuration["include"], diagnostics: &diagnostics)
        for (file, fileDiagnostics) in try readFiles(includes) {
            diagnostics += fileDiagnostics
            let path = file.path
            files.append(file)
            guard let root = file.root else { continue }
            guard let m = root.mapping else {
                if !root.isNull {
                    diagnostics.append(Diagnostic(
                        .error, rule: ModelRuleID.yamlSyntax,
                        summary: "\(path) must be a mapping of sections (resources, targets, ...), not \(root.typeNameWithArticle)",
                        location: root.location))
                }
                continue
            }
            if let include = m.entry("include") {
                // A warning, as in the Databricks CLI (bundle/config/loader/process_include.go): ignored.
                diagnostics.append(Diagnostic(
                    .warning, rule: ModelRuleID.includeInIncludedFile,
                    summary: "include section in \(path) is ignored: only the include section of \(rootName) is applied",
                    detail: "Move these patterns into the include section of \(rootName).",
                    path: "include", location: include.keyLocation))
            }
            var incoming = ConfigurationMerge.droppingMisshapenSections(m, diagnostics: &diagnostics)
            incoming.remove("include")
            includedMappings.append(incoming)
        }
        if !includedMappings.isEmpty {
            configuration = ConfigurationMerge.mergeFiles([configuration] + includedMappings, diagnostics: &diagnostics)
        }
        return LoadedBundle(rootFile: rootName, files: files, configuration: configuration,
                            diagnostics: diagnostics, source: source)
    }

    /// Reads and composes the included files, on all cores when there are many; results in order.
    func readFiles(_ paths: [String]) throws(BundleLoadError) -> [(BundleFile, [Diagnostic])] {
        final class Slots: @unchecked Sendable {
            var results: [(BundleFile, [Diagnostic])?]
            let lock = NSLock()
            init(_ n: Int) { results = Array(repeating: nil, count: n) }
        }
        let slots = Slots(paths.count)
        // Files left unread are settled here, on this thread: a cache hit that changes nothing should
        // not pay for handing thousands of them to other threads (and for their lock).
        var toRead: [Int] = []
        for i in paths.indices {
            if let shouldRead, !shouldRead(paths[i]) {
                slots.results[i] = (BundleFile(path: paths[i], root: nil, isRoot: false, isSkipped: true), [])
            } else {
                toRead.append(i)
            }
        }
        let work: @Sendable (Int) -> Void = { i in
            let key = self.source.contentIdentity(paths[i]).map { paths[i] + "\u{0}" + $0 }
            if let key, let cached = self.cache?.value(key) {
                slots.lock.lock()
                slots.results[i] = cached
                slots.lock.unlock()
                return
            }
            var d: [Diagnostic] = []
            // readFile throws only for the root file.
            let file = (try? self.readFile(paths[i], isRoot: false, diagnostics: &d)) ?? BundleFile(path: paths[i], root: nil, isRoot: false)
            if let key { self.cache?.store(key, (file, d)) }
            slots.lock.lock()
            slots.results[i] = (file, d)
            slots.lock.unlock()
        }
        if toRead.count >= 16 {
            let indices = toRead
            DispatchQueue.concurrentPerform(iterations: indices.count) { work(indices[$0]) }
        } else {
            for i in toRead { work(i) }
        }
        return slots.results.map { $0! }
    }

    func readFile(_ path: String, isRoot: Bool, diagnostics: inout [Diagnostic]) throws(BundleLoadError) -> BundleFile {
        let data: Data?
        do {
            data = try source.read(path)
        } catch {
            if isRoot { throw .unreadable(path: path, reason: error.localizedDescription) }
            diagnostics.append(Diagnostic(.error, rule: ModelRuleID.include, summary: "cannot read \(path): \(error.localizedDescription)",
                                          location: SourceLocation(file: path, line: 1, column: 1)))
            return BundleFile(path: path, root: nil, isRoot: isRoot)
        }
        guard let data else {
            if isRoot { throw .unreadable(path: path, reason: "not a regular file") }
            return BundleFile(path: path, root: nil, isRoot: isRoot)
        }
        let result = YAMLComposer(file: path, limits: limits).compose(data)
        diagnostics += result.diagnostics
        return BundleFile(path: path, root: result.root, isRoot: isRoot)
    }

    /// The files the `include:` section names, in order, each once, the root file excluded.
    func expandIncludes(_ include: YAMLNode?, diagnostics: inout [Diagnostic]) -> [String] {
        guard let include, !include.isNull else { return [] }
        guard let items = include.sequence else {
            diagnostics.append(Diagnostic(.error, rule: ModelRuleID.include,
                                          summary: "include must be a list of path globs, not \(include.typeNameWithArticle)",
                                          path: "include", location: include.location))
            return []
        }
        var seen: Set<String> = Set(Self.rootFileNames)
        // The same file reached through a symbolic link is read once (and the root file never again).
        // Directory identities are asked once per directory, not once per file (a stat each).
        var directories: [String: String?] = [:]
        var seenIdentities: Set<String> = Set(Self.rootFileNames.compactMap { source.fileExists($0) ? fileIdentity($0, directories: &directories) : nil })
        var result: [String] = []
        // `**` globs that leave files out, said once every entry is read: a file another entry loads is not left out.
        var leftOut: [(pattern: String, path: String, location: SourceLocation?, files: [String])] = []
        defer {
            for entry in leftOut {
                let missed = entry.files.filter { !seen.contains($0) }
                guard !missed.isEmpty else { continue }
                diagnostics.append(Diagnostic(.warning, rule: ModelRuleID.include,
                                              summary: "include \"\(entry.pattern)\" does not include \(missed.prefix(3).joined(separator: ", "))\(missed.count > 3 ? " and \(missed.count - 3) more" : "")",
                                              detail: "The Databricks CLI matches include globs as Go's filepath.Glob does: ** is * (one directory level) and {a,b} is literal. List each level (resources/*.yml, resources/*/*.yml) to include them.",
                                              path: entry.path, location: entry.location))
            }
        }
        for (i, item) in items.enumerated() {
            let path = "include[\(i)]"
            guard let pattern = item.string, !pattern.isEmpty else {
                diagnostics.append(Diagnostic(.error, rule: ModelRuleID.include,
                                              summary: "include entries must be path globs (strings), not \(item.typeNameWithArticle)",
                                              path: path, location: item.location))
                continue
            }
            if pattern.hasPrefix("/") {
                diagnostics.append(Diagnostic(.error, rule: ModelRuleID.include,
                                              summary: "include \"\(pattern)\" is an absolute path; includes are relative to the bundle root",
                                              path: path, location: item.location))
                continue
            }
            // A pattern Go's filepath.Glob cannot read: the CLI stops there (it was OK).
            if IncludeGlob.isMalformed(pattern) {
                diagnostics.append(Diagnostic(.error, rule: ModelRuleID.include,
                                              summary: "include \"\(pattern)\": syntax error in pattern",
                                              detail: "A \"[\" opens a character class that must close with \"]\"; write \\[ for the character itself.",
                                              path: path, location: item.location))
                continue
            }
            // As the Databricks CLI reads it (Go's filepath.Glob): `**` is `*`, braces are literal.
            let glob = IncludeGlob(pattern, extended: false)
            var matches: [String]
            if glob.isLiteral {
                let p = BundlePath.normalize(pattern)
                matches = source.fileExists(p) ? [p] : []
                if matches.isEmpty {
                    diagnostics.append(Diagnostic(.error, rule: ModelRuleID.include,
                                                  summary: "include \"\(pattern)\" names a file that does not exist",
                                                  detail: pattern.contains("${") ? Self.notInterpolated
                                                    : suggestion(for: p).map { "Did you mean \"\($0)\"?" }
                                                    // (A file each user keeps of their own, such as databricks.local.yml, that git ignores:
                                                    // a glob may match nothing, which the CLI takes; it suggested the root file.)
                                                    ?? "Create it, or write the include as a glob (\"\(Self.optionalGlob(p))\"), which the Databricks CLI accepts when it matches nothing.",
                                                  path: path, location: item.location))
                    continue
                }
            } else {
                matches = walk(glob, directoriesToo: true)
                // `conf/${var.env}/*.yml`: a glob the CLI takes literally, which matches nothing and is no error
                // there; said, since the files it was written for are left out unsaid.
                if matches.isEmpty, pattern.contains("${") {
                    diagnostics.append(Diagnostic(.info, rule: ModelRuleID.include,
                                                  summary: "include \"\(pattern)\" matches no file: include paths are not interpolated",
                                                  detail: Self.notInterpolated, path: path, location: item.location))
                }
                // Written as if `**` went down any number of directories: say which files the CLI leaves out.
                // The root file is loaded anyway (process_root_includes.go seeds `seen` with its names).
                if pattern.contains("**") || pattern.contains("{") {
                    let missed = walk(IncludeGlob(pattern)).filter {
                        !matches.contains($0) && !Self.rootFileNames.contains($0) && Self.includeExtensions.contains(where: $0.hasSuffix)
                    }.sorted()
                    if !missed.isEmpty { leftOut.append((pattern, path, item.location, missed)) }
                }
            }
            for folder in matches.filter({ $0.hasSuffix("/") }).sorted() {
                diagnostics.append(Diagnostic(.error, rule: ModelRuleID.include,
                                              summary: "include \"\(pattern)\" matches the folder \(folder.dropLast()), which is not a .yml, .yaml or .json file",
                                              detail: "The Databricks CLI's glob matches folders too, and refuses them (\"Files in the 'include' configuration section must be YAML or JSON files\"). \(folder.dropLast().hasSuffix(".yml") || folder.dropLast().hasSuffix(".yaml") ? "A folder named like a file is matched as one: rename it (or move what it holds)." : "Match the files alone: \(pattern.hasSuffix("*") ? pattern + ".yml" : pattern + "/*.yml"), and \(folder)*.yml for the folder's.")",
                                              path: path, location: item.location))
            }
            matches.removeAll { $0.hasSuffix("/") }
            for m in matches.sorted() where !seen.contains(m) {
                seen.insert(m)
                if source.mayLink, let identity = fileIdentity(m, directories: &directories) {
                    guard seenIdentities.insert(identity).inserted else { continue }
                }
                guard Self.includeExtensions.contains(where: { m.hasSuffix($0) }) else {
                    diagnostics.append(Diagnostic(.error, rule: ModelRuleID.include,
                                                  summary: "include \"\(pattern)\" matches \(m), which is not a .yml, .yaml or .json file",
                                                  detail: "Only configuration files can be included. To deploy other files, list them under sync.include instead.",
                                                  path: path, location: item.location))
                    continue
                }
                if BundlePath.leavesRoot(m) {
                    diagnostics.append(Diagnostic(.info, rule: ModelRuleID.includeOutsideRoot,
                                                  summary: "include \"\(pattern)\" reads \(m), outside the bundle root",
                                                  detail: "The Databricks CLI allows this, but the bundle then depends on files beside it: keep them in the same repository.",
                                                  path: path, location: item.location))
                }
                result.append(m)
            }
        }
        return result
    }

    /// The identity of an existing file: its directory's identity and its name, the same for every path
    /// (through symbolic links to the directory) that reaches it. `directories` remembers the
    /// directories' identities.
    func fileIdentity(_ path: String, directories: inout [String: String?]) -> String? {
        let name: Substring, directoryPath: String
        if let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) {
            name = path[path.index(after: slash)...]
            directoryPath = String(path[..<slash])
        } else {
            name = path[...]
            directoryPath = ""
        }
        let directory: String?
        if let known = directories[directoryPath] {
            directory = known
        } else {
            directory = source.directoryIdentity(directoryPath)
            directories[directoryPath] = directory
        }
        guard let directory else { return nil }
        return directory + "/" + name
    }

    /// Walks the directories a glob can reach; each real directory is entered once (symlink loops end).
    func walk(_ glob: IncludeGlob, directoriesToo: Bool = false) -> [String] {
        var found: [String] = []
        var visited = Set<String>()
        var queue = Array(Set(glob.baseDirectories)).sorted()
        while let directory = queue.popLast() {
            guard source.directoryExists(directory) else { continue }
            if let identity = source.directoryIdentity(directory) {
                guard visited.insert(identity).inserted else { continue }
            }
            let entries = source.entries(ofDirectory: directory)
            for name in entries.files {
                let path = directory.isEmpty ? name : directory + "/" + name
                if glob.matches(path) { found.append(path) }
            }
            for name in entries.directories {
                let path = directory.isEmpty ? name : directory + "/" + name
                // A folder the pattern matches (`resources/*` beside resources/jobs/): Go's filepath.Glob
                // returns it too, and the CLI refuses it as no YAML file. Marked with a trailing slash.
                if directoriesToo, glob.matches(path) { found.append(path + "/") }
                guard glob.mayMatchInside(path) else { continue }
                // Hidden directories (.git, .databricks, .venv) only when the pattern names them.
                let hidden = name.hasPrefix(".") && !glob.pattern.hasPrefix(name + "/") && !glob.pattern.contains("/" + name + "/")
                if !hidden { queue.append(path) }
            }
        }
        return found
    }

    /// "databricks.local.yml" as a glob that matches it and may match nothing: "databricks.local*.yml".
    static func optionalGlob(_ path: String) -> String {
        guard let dot = path.lastIndex(of: "."), dot > path.startIndex else { return path + "*" }
        return path[..<dot] + "*" + path[dot...]
    }

    func suggestion(for path: String) -> String? {
        let directory = BundlePath.directory(of: path)
        // (Never the root configuration file, which an include cannot name.)
        let names = source.contents(ofDirectory: directory).filter { directory.isEmpty ? !["databricks.yml", "databricks.yaml", "bundle.yml", "bundle.yaml"].contains($0) : true }
        let name = String(path.split(separator: "/").last ?? "")
        guard let best = Suggestion.closest(to: name, among: names) else { return nil }
        return directory.isEmpty ? best : directory + "/" + best
    }
}
