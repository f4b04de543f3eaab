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
}
