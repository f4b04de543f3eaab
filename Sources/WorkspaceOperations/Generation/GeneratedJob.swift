import BundleEditing
import BundleEngine
import BundleGeneration
import BundleModel
import BundleRepository
import Foundation

/// What every generate operation ends with: the job's files (and downloaded notebooks) added to the
/// bundle under a key no other job has, the file included by the root file, validated and committed
/// as one revision — or nothing, when the bundle already has the job as it would be written.
struct GeneratedJob {
    var root: URL
    var key: String
    /// The resource file (relative to the bundle root).
    var resourceFile: String
    /// Every file to write: the resource file(s) and downloaded notebooks.
    var files: [String: Data?]
    var subject: String
    var summary: String
    /// What was asked, recorded in the revision.
    var request: String
    var author: String?
    var notebooksInWorkspace: [String] = []

    func commit(to bundle: LoadedBundle) throws(EngineError) -> GenerationResult {
        // A key is a YAML key, a file name and part of `${resources.jobs.KEY.id}`: letters, digits, `_` and `-`
        // (`bad key!` was written as resources/bad key!.job.yml, with only a warning).
        guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else {
            let suggested = JobConversion.key(for: key)
            throw EngineError(.usage, "\"\(key)\" cannot be a job's key: use letters, digits, _ and - only (for example \(suggested)); nothing was changed")
        }
        let write = RevisionWrite(root: root, author: author)
        let exists = FileManager.default.fileExists(atPath: root.appendingPathComponent(resourceFile).path)
        var files = self.files
        if bundle.configuration["resources"]?["jobs"]?[key] != nil || exists {
            // The same job generated again: the bundle already has it as it would be written.
            if (try? write.pending(files))?.isEmpty == true {
                let message = "Nothing to change: the bundle already has the job \(key) as it would be generated (\(files.keys.sorted().joined(separator: ", "))); no revision was committed."
                return GenerationResult(status: .unchanged, jobKey: key, subject: subject, files: files.keys.sorted(), notebooksInWorkspace: [],
                                        summary: summary, message: message)
            }
            throw EngineError(.usage, "the bundle already has a job \(key)" + (exists ? " (or \(resourceFile) exists)" : "") + "; choose another key for the generated job")
        }
        // A notebook downloaded over a different file of the bundle would replace the user's version
        // unannounced (the Databricks CLI's generate refuses too: "already exists. Use --force to overwrite").
        let replaced = files.compactMap { path, data -> String? in
            guard path != resourceFile, let data,
                  let current = FileManager.default.contents(atPath: root.appendingPathComponent(path).path), current != data else { return nil }
            return path
        }.sorted()
        if !replaced.isEmpty {
            throw EngineError(.refused, "generating the job \(key) would overwrite \(replaced.joined(separator: ", ")), which the bundle already has with other content; nothing was changed. Move or rename \(replaced.count == 1 ? "that file" : "those files") (or remove \(replaced.count == 1 ? "it" : "them") to take the workspace's version), then generate again.")
        }
        // The root file must include the new file.
        do {
            if let included = try IncludeEditing.rootFileIncluding(resourceFile, in: bundle) { files[included.path] = Data(included.text.utf8) }
        } catch {
            throw EngineError(.refused, error.description)
        }
        let revision = Revision(subject: subject, transcript: [.init(speaker: "user", text: request), .init(speaker: "dabrepo", text: summary)],
                                agent: "generate", files: files)
        guard let committed = try write.commit(revision) else {
            return GenerationResult(status: .unchanged, jobKey: key, subject: subject, files: files.keys.sorted(), notebooksInWorkspace: [], summary: summary,
                                    message: "Nothing to change: the bundle already has the job \(key) as it would be generated; no revision was committed.")
        }
        var message = "\(summary)\nCommitted \(committed.shortCommit) \"\(committed.subject)\" (\(committed.validation))"
        if !notebooksInWorkspace.isEmpty { message += "\nIts notebooks stay in the workspace: \(notebooksInWorkspace.joined(separator: ", "))." }
        return GenerationResult(status: .committed, jobKey: key, commit: committed.commit, shortCommit: committed.shortCommit, subject: subject,
                                files: files.keys.sorted(), validation: committed.validation, notebooksInWorkspace: notebooksInWorkspace,
                                summary: summary, message: message)
    }

    /// Where a downloaded notebook goes: src/, keeping its layout below `folder`, with the extension of its language.
    static func localFile(for path: String, below folder: String, fileType: String?) -> String {
        let relative = WorkspaceObjectPath.relative(path, below: folder) ?? (path as NSString).lastPathComponent
        // ("": a workspace file, whose name has its extension already.)
        return fileType == "" ? "src/\(relative)" : "src/\(relative).\(fileType ?? "py")"
    }

    /// The bundle at `root`, loaded.
    static func load(_ root: URL) throws(EngineError) -> LoadedBundle {
        do { return try BundleLoader(source: DiskFileSource(root: root)).load() } catch { throw EngineError(.usage, error.description) }
    }
}
