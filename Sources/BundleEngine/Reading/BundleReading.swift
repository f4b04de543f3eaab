import BundleModel
import Foundation

/// The arguments of `read_bundle`.
public struct BundleReadRequest: Codable, Sendable {
    /// A target: its effective configuration (targets merged, variables resolved). Nil: the files as written.
    public var target: String?
    /// Only what is below this configuration path (as `dabrepo diff` prints paths).
    public var path: String?

    public init(target: String? = nil, path: String? = nil) {
        self.target = target
        self.path = path
    }
}

/// What `read_bundle` returns: the bundle's files as written (whole, or the part of each file below a
/// path), or one target's effective configuration (whole or below a path), as YAML with secrets redacted.
public struct BundleReadResult: Codable, Sendable, Equatable {
    public struct File: Codable, Sendable, Equatable {
        /// Relative to the bundle root.
        public var file: String
        /// Where the part below the path starts (nil for a whole file).
        public var line: Int?
        public var yaml: String
    }

    public var bundle: String?
    /// The bundle's targets, in the order they are written.
    public var targets: [String]
    public var target: String?
    public var path: String?
    /// As written: each file, or each file's part below `path`.
    public var files: [File]?
    /// The target's effective configuration (or its part below `path`).
    public var configuration: String?
    /// Files that could not be read as YAML (or an include that failed): the rest of the bundle is read
    /// without them, so a reader must not take their resources as absent. Nil when there are none.
    public var problems: [Problem]?

    public struct Problem: Codable, Sendable, Equatable {
        public var file: String?
        public var line: Int?
        public var column: Int?
        public var message: String
    }
}

/// `read_bundle`: the bundle as written or as a target gets it.
public struct BundleReading: Sendable {
    public let source: any BundleFileSource

    public init(source: any BundleFileSource) {
        self.source = source
    }

    public func read(_ request: BundleReadRequest) throws(EngineError) -> BundleReadResult {
        let bundle: LoadedBundle
        do { bundle = try BundleLoader(source: source).load() } catch {
            throw EngineError(.invalid, "the bundle cannot be read: \(error.description)")
        }
        var path: ConfigurationPath?
        if let text = request.path, !text.isEmpty {
            do { path = try ConfigurationPath(parsing: text) } catch { throw EngineError(.usage, error.description) }
        }
        var result = BundleReadResult(bundle: bundle.bundleName, targets: bundle.targetNames, target: request.target, path: path?.description)
        let problems = bundle.diagnostics.filter { $0.severity == .error }.map {
            BundleReadResult.Problem(file: $0.location?.file, line: $0.location?.line, column: $0.location?.column,
                                     message: SecretRedaction.redact($0.summary))
        }
        result.problems = problems.isEmpty ? nil : problems
        if let target = request.target {
            guard bundle.targetNames.contains(target) else {
                let close = Suggestion.closest(to: target, among: bundle.targetNames).map { " (did you mean \($0)?)" } ?? ""
                throw EngineError(.notFound, "the bundle has no target \(target)\(close); its targets: \(bundle.targetNames.joined(separator: ", "))")
            }
            var configuration = bundle.effectiveConfiguration(target: target).configuration
            // Each variable with the target's value (its `default` and `value`, as the CLI shows them): the
            // declared default alone said prod used dev's catalog.
            if let variables = configuration["variables"]?.mapping {
                configuration.set("variables", YAMLNode(.mapping(bundle.deployedVariables(variables, target: target, keepingDefault: true)),
                                                        at: configuration["variables"]!.location))
            }
            let effective = YAMLNode(.mapping(configuration), at: SourceLocation(file: bundle.rootFile, line: 1, column: 1))
            guard let path else {
                result.configuration = ConfigurationText.yaml(effective)
                return result
            }
            let located = EditPlacement.LocatedPath(path, in: effective)
            guard located.matched == path.count, let node = located.node else {
                throw Self.notFound(path, located, in: "target \(target)")
            }
            result.configuration = ConfigurationText.yaml(node)
            return result
        }
        var files: [BundleReadResult.File] = []
        var deepest: EditPlacement.LocatedPath?
        var siblings: [String] = []
        for file in bundle.files {
            guard let path else {
                let text = (try? source.read(file.path)).flatMap { $0 }.map { String(decoding: $0, as: UTF8.self) } ?? ""
                files.append(.init(file: file.path, line: nil, yaml: SecretRedaction.redact(text)))
                continue
            }
            let located = EditPlacement.LocatedPath(path, in: file.root)
            if located.matched == path.count, let node = located.node {
                files.append(.init(file: file.path, line: node.location.line, yaml: ConfigurationText.yaml(node)))
            } else if deepest == nil || located.matched > deepest!.matched {
                deepest = located
                siblings = located.node?.mapping?.keys ?? []
            } else if located.matched == deepest!.matched, let keys = located.node?.mapping?.keys {
                // (The same mapping in another file: "resources.jobs has …" lists the jobs of every file.)
                siblings += keys.filter { !siblings.contains($0) }
            }
        }
        if let path, files.isEmpty {
            var error = Self.notFound(path, deepest ?? EditPlacement.LocatedPath(path, in: nil), in: "the bundle's files", keys: siblings)
            if let first = problems.first {
                error = EngineError(error.kind, error.message + "; it may be in \(first.file ?? "a file") that cannot be read: " + first.message
                                    + (first.line.map { " (line \($0))" } ?? ""))
            }
            throw error
        }
        result.files = files
        return result
    }

    /// "resources.jobs.etl.tagz does not exist in …; resources.jobs.etl has name, tags, tasks".
    static func notFound(_ path: ConfigurationPath, _ located: EditPlacement.LocatedPath, in place: String, keys: [String]? = nil) -> EngineError {
        let missing = path.prefix(located.matched + 1)
        var message = "\(missing) does not exist in \(place)"
        if let mapping = located.node?.mapping {
            let parent = path.prefix(located.matched)
            message += "; \(parent.isEmpty ? "the top level" : parent.description) has " + (keys.flatMap { $0.isEmpty ? nil : $0 } ?? mapping.keys).joined(separator: ", ")
        } else if let items = located.node?.sequence {
            message += "; \(path.prefix(located.matched)) is a list of \(items.count)"
        }
        return EngineError(.notFound, SecretRedaction.redact(message))
    }
}
