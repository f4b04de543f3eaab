import BundleEditing
import BundleModel
import Foundation

/// Source code a request adds to a pipeline's `libraries`: a notebook (`notebook: {path}`), a file
/// (`file: {path}`) or the files of a folder (`glob: {include}`). Paths in requests are relative to
/// the bundle root, as the user sees the repository; in the YAML they are relative to the file that
/// declares them, as the Databricks CLI reads them.
struct PipelineSource {
    enum Kind: String {
        case notebook, file, glob
    }

    var kind: Kind
    /// The path as the request wrote it.
    var written: String
    /// The path relative to the bundle root (workspace paths as they are), or with `/**` for a folder.
    var path: String

    static let sourceExtensions: Set<String> = ["py", "sql", "ipynb", "scala", "r"]

    /// The source path a request names, or nil when it names none (then it is a package, a wheel …).
    init?(_ text: RequestText) {
        let tokens = text.original.split(whereSeparator: \.isWhitespace).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ",;\"'`()")) }
        guard let token = tokens.first(where: Self.looksLikeSource) else { return nil }
        written = token
        let last = token.split(separator: "/").last.map(String.init) ?? token
        let fileExtension = last.contains(".") ? String(last.split(separator: ".").last ?? "").lowercased() : ""
        var path = token.hasPrefix("./") ? String(token.dropFirst(2)) : token
        if token.contains("*") {
            kind = .glob
        } else if token.hasSuffix("/") || (fileExtension.isEmpty && text.hasAny(["folder", "directory", "glob", "everything", "dir"])) {
            kind = .glob
            path = (path.hasSuffix("/") ? String(path.dropLast()) : path) + "/**"
        } else if fileExtension == "ipynb" || fileExtension.isEmpty || (text.hasAny(["notebook", "notebooks"]) && !text.hasAny(["file", "files"])) {
            kind = .notebook
        } else {
            kind = .file
        }
        self.path = path
    }

    /// The kind the file itself says, where it exists in the bundle: a notebook has the "Databricks
    /// notebook source" header (or is an .ipynb), a plain .py or .sql file is a `file` library, whatever
    /// the request called it (the CLI refuses a plain file as a notebook).
    func settled(by source: any BundleFileSource) -> PipelineSource {
        guard kind != .glob, !path.hasPrefix("/"), !path.hasPrefix("${"), let notebook = source.isNotebook(path) else { return self }
        var settled = self
        settled.kind = notebook ? .notebook : .file
        return settled
    }

    /// Every source path the words name ("remove src/a.py and src/b.py from the pipeline": both; the second was
    /// left in place, unsaid).
    static func all(_ text: RequestText) -> [PipelineSource] {
        text.original.split(whereSeparator: \.isWhitespace).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ",;\"'`()")) }
            .filter(looksLikeSource).compactMap { PipelineSource(RequestText($0)) }
    }

    /// A path with a source extension, a folder or a glob; not a package, wheel, JAR or URL.
    static func looksLikeSource(_ token: String) -> Bool {
        guard token.count > 1, !token.contains("=="), !token.contains("@"), !token.contains("://"),
              !token.hasSuffix(".whl"), !token.hasSuffix(".jar"), !token.hasSuffix(".txt"), !token.hasSuffix(".yml"), !token.hasSuffix(".yaml") else { return false }
        let last = token.split(separator: "/").last.map(String.init) ?? token
        let fileExtension = last.contains(".") ? String(last.split(separator: ".").last ?? "").lowercased() : ""
        if sourceExtensions.contains(fileExtension) { return true }
        return token.contains("/") && (fileExtension.isEmpty || token.contains("*"))
    }

    /// The path as `file` writes it: relative to that file's folder (workspace paths and `../` as written).
    func path(inFile file: String) -> String {
        if path.hasPrefix("/") || path.hasPrefix("${") || path.hasPrefix("../") { return path }
        let depth = BundlePath.directory(of: file).split(separator: "/").count
        return String(repeating: "../", count: depth) + path
    }

    /// The `libraries` entry, written for `file`.
    func entry(inFile file: String) -> EditValue {
        let field = kind == .glob ? "include" : "path"
        return .mapping([(kind.rawValue, .mapping([(field, .string(path(inFile: file)))]))])
    }

    /// The sources a pipeline has, by kind and path relative to the bundle root.
    static func existing(_ pipeline: YAMLNode) -> [(kind: Kind, path: String)] {
        (pipeline["libraries"]?.sequence ?? []).compactMap { library in
            for kind in [Kind.notebook, .file, .glob] {
                guard let node = library[kind.rawValue]?[kind == .glob ? "include" : "path"], let value = node.string else { continue }
                let path = value.hasPrefix("/") || value.hasPrefix("${") ? value : BundlePath.join(BundlePath.directory(of: node.location.file), value)
                return (kind, path)
            }
            return nil
        }
    }
}

extension LibraryIntent {
    /// "add the notebook src/pipelines/sessions.py to the clickstream pipeline": a `libraries` entry.
    static func planPipelineSource(_ context: PlanningContext, _ source: PipelineSource) throws -> Plan {
        // The words of the path name neither the target nor the pipeline.
        if Self.removesSource(context.request) { return try removingPipelineSource(context, source) }
        let resolving = context.ignoring([source.written])
        let target = try resolving.target()
        let p = try PipelineSelection(context, resolving.resource(["pipelines"]), target: target)
        let wanted = source.path.hasPrefix("/") || source.path.hasPrefix("${") ? source.path : BundlePath.normalize(source.path)
        if PipelineSource.existing(p.effective).contains(where: { $0.kind == source.kind && $0.path == wanted }) {
            throw p.already("using the \(source.kind.rawValue) \(source.path)")
        }
        let entry = source.entry(inFile: p.location.file)
        return p.plan(subject: "Add the \(source.kind.rawValue) \(source.path) to pipeline \(p.key)\(p.inTarget)",
                      summary: "Added the \(source.kind.rawValue) \(source.path) to the libraries of \(p.description)\(p.forTarget) (as \(source.path(inFile: p.location.file)) in \(p.location.file)).",
                      edits: [(p.location.file, [.append(p.location.base + [.key("libraries")], entry)])])
    }

    /// "the pipeline should not include src/b.py", "don't include …", "remove the library src/a.py", "exclude …":
    /// a source leaves the pipeline (it was added, or "already using" was said).
    static func removesSource(_ text: RequestText) -> Bool {
        text.hasAny(["remove", "delete", "drop", "exclude", "uninstall"]) || text.contains("get rid of") || text.contains("take out")
            || text.lowered.range(of: #"(\bnot|n't|\bno longer|\bstop|\bnever)\s+(be\s+)?(include|includ(es|ing)|use|using|run|running|load|loading|contain|containing|need)\b"#,
                                  options: .regularExpression) != nil
    }

    /// Whether some pipeline's `libraries` has the source the words name (for a removal said as of a library).
    static func pipelineHasSource(_ context: PlanningContext) -> Bool {
        guard let source = PipelineSource(context.request) else { return false }
        return context.catalog.references(ofType: "pipelines").contains { reference in
            context.effectiveResource(reference, target: nil).map { sourceIndex(source, in: $0) != nil } ?? false
        }
    }

    /// The index in the pipeline's `libraries` of the source said: its path from the bundle root, or the one
    /// source whose path ends with what was said ("a.py" for src/a.py).
    static func sourceIndex(_ source: PipelineSource, in pipeline: YAMLNode) -> Int? {
        let existing = PipelineSource.existing(pipeline)
        let wanted = source.path.hasPrefix("/") || source.path.hasPrefix("${") ? source.path : BundlePath.normalize(source.path)
        if let exact = existing.firstIndex(where: { $0.path == wanted }) { return libraryIndex(exact, in: pipeline) }
        let ending = existing.indices.filter { existing[$0].path.hasSuffix("/" + wanted) }
        return ending.count == 1 ? libraryIndex(ending[0], in: pipeline) : nil
    }

    /// The index in `libraries` of the n-th source entry (entries of packages or jars are not sources).
    static func libraryIndex(_ n: Int, in pipeline: YAMLNode) -> Int? {
        let libraries = pipeline["libraries"]?.sequence ?? []
        let sources = libraries.indices.filter { i in [PipelineSource.Kind.notebook, .file, .glob].contains { libraries[i][$0.rawValue] != nil } }
        return sources.indices.contains(n) ? sources[n] : nil
    }

    static func removingPipelineSource(_ context: PlanningContext, _ source: PipelineSource) throws -> Plan {
        let resolving = context.ignoring([source.written])
        let target = try resolving.target()
        let reference = try resolving.resource(["pipelines"], where: { context.effectiveResource($0, target: target).map { sourceIndex(source, in: $0) != nil } ?? false },
                                               unfit: { _ in "does not include \(source.path)" })
        let p = try PipelineSelection(context, reference, target: target)
        let written = context.rawNode(file: p.location.file, path: p.location.base)
        guard let node = written, let index = sourceIndex(source, in: node) else {
            if let effective = sourceIndex(source, in: p.effective).flatMap({ p.effective["libraries"]?.sequence?[$0] }) {
                throw PlanningStop(outcome: .refused("\(p.description) includes \(source.path) in its definition (\(effective.location.file)), which a target override cannot take away; ask without a target"))
            }
            let has = PipelineSource.existing(p.effective).map(\.path)
            throw PlanningStop(outcome: .refused("\(p.description) does not include \(source.path)\(has.isEmpty ? "" : " (it includes \(has.joined(separator: ", ")))")"))
        }
        let libraries = node["libraries"]?.sequence ?? []
        // The other sources named with it, each removed too.
        let others = PipelineSource.all(context.request).map { $0.settled(by: context.bundle.source) }.filter { $0.path != source.path }
        var indexes = [index]
        for other in others {
            guard let i = sourceIndex(other, in: node) else {
                throw PlanningStop(outcome: .refused("\(p.description) does not include \(other.path); nothing was removed"))
            }
            if !indexes.contains(i) { indexes.append(i) }
        }
        guard libraries.count > indexes.count else {
            throw PlanningStop(outcome: .refused("\(indexes.count == 1 ? "\(source.path) is the only source" : "those are all the sources") of \(p.description); a pipeline needs at least one (add the new one first, then remove these)"))
        }
        if indexes.count > 1 {
            let paths = [source.path] + others.map(\.path)
            return p.plan(subject: "Remove \(paths.joined(separator: ", ")) from pipeline \(p.key)\(p.inTarget)",
                          summary: "Removed \(paths.joined(separator: ", ")) from the libraries of \(p.description)\(p.forTarget) (in \(p.location.file)); the files themselves stay in the repository.",
                          edits: [(p.location.file, indexes.sorted(by: >).map { .delete(p.location.base + [.key("libraries"), .index($0)]) })])
        }
        let said = libraries[index]["notebook"]?["path"]?.string ?? libraries[index]["file"]?["path"]?.string ?? libraries[index]["glob"]?["include"]?.string ?? source.path
        return p.plan(subject: "Remove \(source.path) from pipeline \(p.key)\(p.inTarget)",
                      summary: "Removed \(said) from the libraries of \(p.description)\(p.forTarget) (in \(p.location.file)); the file itself stays in the repository.",
                      edits: [(p.location.file, [.delete(p.location.base + [.key("libraries"), .index(index)])])])
    }
}
