import BundleGeneration
import Foundation
import Workspace

/// The notebooks that downloaded notebooks `%run`, downloaded too: a job generated from a notebook that runs
/// `%run ./common/utils` failed at run time, the helper never fetched (though `notebooks analyze` lists it).
enum RunDependencyDownload {
    /// How many rounds of `%run` inside `%run` are followed.
    static let depth = 5

    /// The workspace path a `%run` line names, seen from `notebook`; nil for one that is no path (a widget
    /// value, `$path`).
    static func target(_ run: String, from notebook: String) -> String? {
        let said = run.split(separator: " ").first.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"'")) } ?? ""
        guard !said.isEmpty, !said.contains("$"), !said.contains("{") else { return nil }
        // (Written as the job writes its notebooks, /Workspace/… or /Users/…: the workspace exports either.)
        var parts = said.hasPrefix("/") ? [] : notebook.split(separator: "/").dropLast().map(String.init)
        for part in said.split(separator: "/") {
            if part == "." { continue }
            if part == ".." {
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            } else {
                parts.append(String(part))
            }
        }
        return parts.isEmpty ? nil : "/" + parts.joined(separator: "/")
    }

    /// Adds to `exported` the notebooks its notebooks `%run` (and those they run), each by its workspace path;
    /// the paths that could not be exported (deleted, no access), to be said.
    static func fetch(_ client: WorkspaceClient, into exported: inout [String: (content: Data, language: String?)],
                      progress: ProgressHandler? = nil) -> [String] {
        var seen = Set(exported.keys.map(WorkspaceObjectPath.canonical))
        var missing: [String] = []
        var newest = Array(exported.keys)
        for _ in 0..<depth {
            var wanted: Set<String> = []
            for path in newest {
                guard let content = exported[path]?.content,
                      let analysis = try? NotebookAnalysis(source: String(decoding: content, as: UTF8.self), fileName: path) else { continue }
                for run in analysis.runDependencies {
                    if let target = target(run, from: path), !seen.contains(WorkspaceObjectPath.canonical(target)) { wanted.insert(target) }
                }
            }
            guard !wanted.isEmpty else { break }
            seen.formUnion(wanted.map(WorkspaceObjectPath.canonical))
            newest = []
            for (i, path) in wanted.sorted().enumerated() {
                progress?(.transfer(activity: "Downloading the notebooks they %run", done: i + 1, total: wanted.count, item: path))
                if let notebook = try? client.exportNotebook(path) {
                    exported[path] = notebook
                    newest.append(path)
                } else {
                    missing.append(path)
                }
            }
        }
        return missing
    }
}
