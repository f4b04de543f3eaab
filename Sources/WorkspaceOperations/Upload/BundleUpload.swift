import BundleEngine
import BundleModel
import BundleRepository
import BundleValidation
import Foundation
import Workspace

/// The bundle's files to the target's workspace file path, as `databricks bundle deploy` lays them
/// out (`BundleUploadPlan`), after the target validated. Every file is read before any is sent;
/// existing objects are replaced and nothing in the workspace is deleted.
public struct BundleUpload: Sendable {
    public struct Request: Sendable {
        public var root: URL
        /// The target (nil: git config dabrepo.target, else the default target).
        public var target: String?
        /// Only say what would go where.
        public var dryRun: Bool
        /// `name=value` assignments, which win over `BUNDLE_VAR_<name>` in `environment` (as `validate` reads them).
        public var variables: [String]
        public var environment: [String: String]

        public init(root: URL, target: String? = nil, dryRun: Bool = false, variables: [String] = [],
                    environment: [String: String] = ProcessInfo.processInfo.environment) {
            self.root = root
            self.target = target
            self.dryRun = dryRun
            self.variables = variables
            self.environment = environment
        }
    }

    public struct Result: Sendable, Encodable {
        public struct File: Sendable, Encodable {
            public var local: String
            public var remote: String
            /// "notebook (python)", "notebook (jupyter)" or "file".
            public var kind: String
        }

        @EncodedAsNull public var target: String?
        public var destination: String
        public var uploaded: Bool
        public var files: [File]

        /// For people: what was (or would be) uploaded where.
        public var message: String {
            let notebooks = files.filter { $0.kind != "file" }.count
            let counts = "\(files.count) file\(files.count == 1 ? "" : "s") (\(notebooks) notebook\(notebooks == 1 ? "" : "s"))"
            if uploaded { return "Uploaded \(counts) to \(destination) for target \(target ?? "default")." }
            return "Would upload \(counts) to \(destination) for target \(target ?? "default"):\n" + files.map { "  \($0.local) → \($0.remote)" }.joined(separator: "\n")
        }
    }

    /// Connects once the target validated (an invalid bundle needs no credentials to be refused).
    public let connect: WorkspaceConnection.Connect

    public init(connect: @escaping WorkspaceConnection.Connect) {
        self.connect = connect
    }

    /// A target that names its workspace (`workspace.host`) is uploaded there or nowhere: a profile or
    /// `DATABRICKS_HOST` for another workspace is refused, as the Databricks CLI refuses it ("config
    /// host mismatch"), rather than the files going to the wrong workspace.
    static func checkHost(of client: WorkspaceClient, against configuration: YAMLMapping, target: String?) throws(EngineError) {
        guard let written = configuration["workspace"]?["host"]?.string, !written.contains("${") else { return }
        func normal(_ host: String) -> String {
            var h = host.lowercased().trimmingCharacters(in: .whitespaces)
            if !h.hasPrefix("http://") && !h.hasPrefix("https://") { h = "https://" + h }
            while h.hasSuffix("/") { h.removeLast() }
            return h
        }
        let configured = client.config.host
        guard normal(written) != normal(configured) else { return }
        let from = client.config.sources["host"].map { " (from \($0))" } ?? ""
        throw EngineError(.usage, "target \(target ?? "default") deploys to \(written), but the workspace configured here is \(configured)\(from); "
                          + "nothing was uploaded: use the profile of \(written) (--profile, or DATABRICKS_CONFIG_PROFILE), or set DATABRICKS_HOST to it")
    }

    /// Every regular file under the root (the .git folder left out), relative to it.
    static func allFiles(in root: URL) -> [String] {
        guard let walk = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        var out: [String] = []
        let prefix = root.standardizedFileURL.path + "/"
        for case let url as URL in walk {
            if url.lastPathComponent == ".git" { walk.skipDescendants(); continue }
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
            let path = url.standardizedFileURL.path
            if path.hasPrefix(prefix) { out.append(String(path.dropFirst(prefix.count))) }
        }
        return out
    }

    public func run(_ request: Request, progress: ProgressHandler? = nil) throws(EngineError) -> Result {
        let root = request.root
        let repository = try? GitRepository.open(containing: root.path)
        let source = DiskFileSource(root: root)
        let bundle: LoadedBundle
        let chosen: String?
        do {
            bundle = try BundleLoader(source: source).load()
            let environmentTarget = ["DATABRICKS_BUNDLE_TARGET", "DATABRICKS_BUNDLE_ENV"].lazy.compactMap({ request.environment[$0] }).first(where: { !$0.isEmpty })
            chosen = try TargetSelection.choose(request.target ?? environmentTarget ?? repository?.configValue("dabrepo.target"), in: bundle)
        } catch let error as TargetSelection.Failure {
            if case .noDefault(let names) = error {
                throw EngineError(.usage, "this bundle has several targets (\(names.joined(separator: ", "))) and none is marked `default: true`; name the target to upload")
            }
            throw EngineError(.usage, error.description)
        } catch {
            throw EngineError(.usage, "\(error)")
        }
        // What is uploaded must be a valid bundle for the target, with the variables given as `validate` takes them
        // (BUNDLE_VAR_catalog passed validate and failed the upload: "no value assigned to required variable").
        let overrides: VariableOverrides
        do throws(VariableOverrides.AssignmentError) {
            overrides = VariableOverrides.from(commandLine: try VariableOverrides.parseAssignments(request.variables), processEnvironment: request.environment)
        } catch {
            throw EngineError(.usage, error.description)
        }
        let validation: ValidationReport
        do { validation = try ValidationRequest(targets: .one(chosen), overrides: overrides).run(source: source) } catch { throw EngineError(.usage, error.description) }
        guard validation.errors == 0 else {
            let located = validation.diagnostics.filter { $0.severity == .error }.map(\.locatedLine)
            throw EngineError(.invalid, (["the bundle has errors for target \(chosen ?? "default"); nothing was uploaded: fix them, then upload again"] + located)
                .joined(separator: "\n"))
        }

        let effective = bundle.effectiveConfiguration(target: chosen, overrides: overrides)
        let client = try connect()
        try Self.checkHost(of: client, against: effective.configuration, target: chosen)
        let user = try WorkspaceCall.run { () throws(WorkspaceError) in try client.currentUser() }
        let destination = BundleUploadPlan.destination(configuration: effective, bundleName: bundle.bundleName ?? root.lastPathComponent, userName: user)
        // The CLI's file list (libs/sync/filelist.go): what git does not ignore, with what sync.include names (ignored
        // build output too), less what sync.exclude names — each pattern a gitignore line relative to its file
        // (`.env` leaves out src/.env too: it was uploaded).
        let sync = effective["sync"]
        let patterns = { (section: String) in (sync?[section]?.sequence ?? []).compactMap { node in node.string.map { (text: $0, file: node.location.file) } } }
        let includes = patterns("include"), excludes = patterns("exclude")
        var candidates = BundleWorkTree.files(in: root, repository: repository)
        if !includes.isEmpty {
            let included = SyncPattern.matcher(includes)
            candidates += Self.allFiles(in: root).filter(included)
        }
        let plan = BundleUploadPlan(files: candidates, read: { try? source.read($0) ?? nil }, destination: destination,
                                    excluded: SyncPattern.matcher(excludes))
        let result = Result(target: chosen, destination: plan.destination, uploaded: !request.dryRun, files: plan.items.map { item in
            switch item.kind {
            case .notebook(let language): return .init(local: item.local, remote: item.remote, kind: "notebook (\(language.lowercased()))")
            case .jupyter: return .init(local: item.local, remote: item.remote, kind: "notebook (jupyter)")
            case .file: return .init(local: item.local, remote: item.remote, kind: "file")
            }
        })
        guard !request.dryRun else { return result }
        let items = Dictionary(plan.items.map { ($0.remote, $0) }, uniquingKeysWith: { first, _ in first })
        let files: [String: Data]
        do { files = try plan.contents(from: source) } catch { throw EngineError(.internal, error.description) }
        try WorkspaceCall.run { () throws(WorkspaceError) in
            for folder in plan.folders { try client.makeDirectories(folder) }
            _ = try ConcurrentRequests.run(plan.items.map(\.remote),
                                           progress: progress.transfers("Uploading files", total: plan.items.count, item: { items[$0]?.local ?? $0 })) {
                remote throws(WorkspaceError) in
                let content = files[remote]!  // contents(from:) read every item, or threw
                switch items[remote]?.kind ?? .file {
                case .notebook(let language): try client.importObject(remote, content: content, format: "SOURCE", language: language)
                case .jupyter: try client.importObject(remote, content: content, format: "JUPYTER")
                case .file: try client.importObject(remote, content: content, format: "AUTO")
                }
            }
        }
        return result
    }
}
