import ArgumentParser
import BundleModel
import BundleRepository
import BundleValidation
import Foundation
import Workspace

/// `dabrepo upload [--target T]`: the bundle's files to the target's workspace file path.
struct UploadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "upload",
        abstract: "Upload the bundle's files to the target's workspace file path.",
        discussion: """
        Validates the target, then imports every file of the bundle that git does not ignore (and that \
        the target's sync.exclude does not leave out) below the target's workspace.file_path, by default \
        /Workspace/Users/<you>/.bundle/<bundle>/<target>/files, as `databricks bundle deploy` lays them \
        out: source notebooks (`# Databricks notebook source`) and .ipynb files become notebooks without \
        their extension, other files are workspace files. Existing objects are replaced; nothing in the \
        workspace is deleted. Resources (jobs, pipelines) are not deployed: use `dabrepo bundle deploy`.

        The target is --target, else `git config dabrepo.target`, else the one marked `default: true`.

        Examples:
          dabrepo upload
          dabrepo upload --target prod --output json
        """
    )

    @Option(name: [.short, .long], help: "The target (default: git config dabrepo.target, else the default target).")
    var target: String?
    @Flag(help: "Print what would be uploaded where, and upload nothing.") var dryRun = false
    @Option(name: [.short, .long], help: "Output format: text or json.") var output: TextOrJSON = .text
    @OptionGroup var workspace: WorkspaceOptions

    func run() throws {
        let root = try BundleOptions.currentRoot()
        let repository = try? GitRepository.open(containing: root.path)
        let source = DiskFileSource(root: root)
        let bundle: LoadedBundle
        let chosen: String?
        do {
            bundle = try BundleLoader(source: source).load()
            chosen = try TargetSelection.choose(target ?? repository?.configValue("dabrepo.target"), in: bundle)
        } catch let error as TargetSelection.Failure {
            if case .noDefault(let names) = error {
                StandardStreams.error("Error: this bundle has several targets (\(names.joined(separator: ", "))) and none is marked `default: true`; pass --target NAME")
            } else {
                StandardStreams.error("Error: \(error.description)")
            }
            throw ExitCode(2)
        } catch {
            StandardStreams.error("Error: \(error)")
            throw ExitCode(2)
        }
        // What is uploaded must be a valid bundle for the target.
        let validation: ValidationReport
        do { validation = try ValidationRequest(targets: .one(chosen)).run(source: source) } catch {
            StandardStreams.error("Error: \(error.description)")
            throw ExitCode(2)
        }
        guard validation.errors == 0 else {
            StandardStreams.error(TextReportFormatter(colored: false, pathPrefix: BundleOptions.pathPrefix(for: root)).render(validation))
            StandardStreams.error("Error: the bundle has errors for target \(chosen ?? "default"); nothing was uploaded. Fix them (`dabrepo validate`) and run upload again.")
            throw ExitCode(1)
        }

        let effective = bundle.effectiveConfiguration(target: chosen)
        let client = try workspace.client()
        let user = try workspace.call { () throws(WorkspaceError) in try client.currentUser() }
        let destination = BundleUploadPlan.destination(configuration: effective, bundleName: bundle.bundleName ?? root.lastPathComponent, userName: user)
        let sync = effective["sync"]
        let plan = BundleUploadPlan(files: BundleWorkTree.files(in: root, repository: repository),
                                    read: { try? source.read($0) ?? nil },
                                    destination: destination,
                                    excludes: sync?["exclude"]?.sequence?.compactMap(\.string) ?? [],
                                    includes: sync?["include"]?.sequence?.compactMap(\.string) ?? [])
        if dryRun {
            report(plan, target: chosen, uploaded: false)
            return
        }
        let items = Dictionary(plan.items.map { ($0.remote, $0) }, uniquingKeysWith: { first, _ in first })
        let files: [String: Data]
        do { files = try plan.contents(from: source) } catch {
            StandardStreams.error("Error: \(error.description)")
            throw ExitCode(2)
        }
        try workspace.call { () throws(WorkspaceError) in
            for folder in plan.folders { try client.makeDirectories(folder) }
            var progress: (@Sendable (Int, String) -> Void)?
            if TransferProgress.wanted(output), let report = TransferProgress.reporter("Uploading", total: plan.items.count, of: "files") {
                progress = { done, remote in report(done, items[remote]?.local ?? remote) }
            }
            _ = try ConcurrentRequests.run(plan.items.map(\.remote), progress: progress) {
                remote throws(WorkspaceError) in
                let item = items[remote]!
                let content = files[remote]!
                switch item.kind {
                case .notebook(let language): try client.importObject(remote, content: content, format: "SOURCE", language: language)
                case .jupyter: try client.importObject(remote, content: content, format: "JUPYTER")
                case .file: try client.importObject(remote, content: content, format: "AUTO")
                }
            }
        }
        report(plan, target: chosen, uploaded: true)
    }

    private func report(_ plan: BundleUploadPlan, target: String?, uploaded: Bool) {
        if output == .json {
            JSONOutput.print([
                "target": target ?? NSNull(), "destination": plan.destination, "uploaded": uploaded,
                "files": plan.items.map { item -> [String: Any] in
                    let kind: String
                    switch item.kind {
                    case .notebook(let language): kind = "notebook (\(language.lowercased()))"
                    case .jupyter: kind = "notebook (jupyter)"
                    case .file: kind = "file"
                    }
                    return ["local": item.local, "remote": item.remote, "kind": kind]
                },
            ])
            return
        }
        let notebooks = plan.items.filter { $0.kind != .file }.count
        let counts = "\(plan.items.count) file\(plan.items.count == 1 ? "" : "s") (\(notebooks) notebook\(notebooks == 1 ? "" : "s"))"
        if uploaded {
            StandardStreams.out("Uploaded \(counts) to \(plan.destination) for target \(target ?? "default").\n")
        } else {
            StandardStreams.out("Would upload \(counts) to \(plan.destination) for target \(target ?? "default"):\n")
            for item in plan.items { StandardStreams.out("  \(item.local) → \(item.remote)\n") }
        }
    }
}
