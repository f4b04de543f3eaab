import BundleModel
import Foundation

/// The repository's own pre-commit hook (a secret scanner, a policy check), run before a revision is
/// committed, as `git commit -- PATHS` runs it: on an index of HEAD with the revision's files
/// (`GIT_INDEX_FILE`), from the work tree's root. A hook that fails refuses the revision, and nothing is
/// changed. dabrepo's own hook is not run (the revision was validated already), but the hook it keeps
/// and runs first (`pre-commit.before-dabrepo`) is. (libgit2 runs no hooks: revisions skipped them.)
enum UserPreCommitHook {
    /// The hook to run, or nil: none, not executable, or dabrepo's own with nothing chained before it.
    static func hook(of repository: GitRepository) -> URL? {
        let installer = HookInstaller(repository: repository, executablePath: "")
        let executable = { (url: URL) in FileManager.default.isExecutableFile(atPath: url.path) }
        guard executable(installer.hookFile) else { return nil }
        if HookInstaller.isOurs(installer.hookFile) { return executable(installer.chainedFile) ? installer.chainedFile : nil }
        return installer.hookFile
    }

    /// Runs the hook on HEAD with `paths` (relative to the work tree) as the work tree has them; throws
    /// when it fails, with what it said.
    static func run(in repository: GitRepository, paths: [String]) throws(RepositoryError) {
        guard let hook = hook(of: repository) else { return }
        let index = URL(fileURLWithPath: repository.gitDirectory).appendingPathComponent("dabrepo-hook-index-\(getpid())")
        defer { unlink(index.path) }
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_INDEX_FILE"] = index.path
        environment["GIT_DIR"] = repository.gitDirectory
        environment["GIT_WORK_TREE"] = repository.workTree
        // The index the hook reads: HEAD's tree, then the revision's paths.
        let present = paths.filter { FileManager.default.fileExists(atPath: repository.workTree + "/" + $0) }
        let gone = paths.filter { !present.contains($0) }
        var steps: [[String]] = [["read-tree", (try? repository.headCommitID()) == nil ? "--empty" : "HEAD"]]
        if !present.isEmpty { steps.append(["add", "-f", "--"] + present) }
        if !gone.isEmpty { steps.append(["rm", "--cached", "--quiet", "--ignore-unmatch", "--"] + gone) }
        for step in steps {
            let made = Self.execute(URL(fileURLWithPath: "/usr/bin/env"), ["git"] + step, in: repository.workTree, environment: environment)
            // (No git command to make the index with: the hook, which would call git itself, cannot run either.)
            guard made.status == 0 else { return }
        }
        let before = workTreeChanges(in: repository, environment: environment)
        let ran = Self.execute(hook, [], in: repository.workTree, environment: environment)
        // Files outside the revision that the hook changed, staged or not (a formatter run over every file), whether it
        // passed or failed: the revision commits only its own, so theirs stay changed in the work tree — said, not left
        // unsaid.
        let staged = Self.execute(URL(fileURLWithPath: "/usr/bin/env"), ["git", "diff", "--cached", "--name-only", "--no-renames", (try? repository.headCommitID()) == nil ? "--root" : "HEAD"],
                                  in: repository.workTree, environment: environment)
        // (A file the user had edited before, only staged by the hook — `git add -u` — is not the hook's change.)
        let after = workTreeChanges(in: repository, environment: environment)
        let stagedPaths = Set(staged.status == 0 ? staged.output.split(separator: "\n").map(String.init).filter { !$0.isEmpty } : [])
        var changed: Set<String> = []
        for path in stagedPaths.union(after.keys).union(before.keys) where !paths.contains(path) {
            guard let was = before[path] else { changed.insert(path); continue }
            if was != stamp(repository.workTree + "/" + path) { changed.insert(path) }
        }
        let others = changed.sorted()
        if !others.isEmpty {
            WaitingNotice.say("the repository's pre-commit hook also changed \(others.joined(separator: ", ")); a revision commits only its own files, "
                + "so \(others.count == 1 ? "it stays" : "they stay") changed in the work tree, uncommitted (`git diff` shows it)")
        }
        guard ran.status != 0 else { return }
        if ran.stopped { throw .cancelled }
        throw .hookRefused(hook: hook.lastPathComponent, output: ran.output)
    }

    /// The repository's commit-msg hook, when it has an executable one.
    static func commitMessageHook(of repository: GitRepository) -> URL? { namedHook("commit-msg", of: repository) }

    /// The repository's hook called `name` (in core.hooksPath when set), when it is executable.
    static func namedHook(_ name: String, of repository: GitRepository) -> URL? {
        let url = HookInstaller(repository: repository, executablePath: "").hooksDirectory.appendingPathComponent(name)
        return FileManager.default.isExecutableFile(atPath: url.path) ? url : nil
    }

    /// The repository's post-commit hook, run after a revision is committed as `git commit` runs it: what it says, and
    /// that it failed, are said (its failure changes nothing, as for git). (It was never run.)
    static func postCommit(in repository: GitRepository) {
        guard let url = namedHook("post-commit", of: repository) else { return }
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_DIR"] = repository.gitDirectory
        environment["GIT_WORK_TREE"] = repository.workTree
        let ran = execute(url, [], in: repository.workTree, environment: environment)
        let said = SecretRedaction.redact(ran.output.trimmingCharacters(in: .whitespacesAndNewlines))
        if ran.status != 0 || !said.isEmpty {
            WaitingNotice.say("the repository's post-commit hook " + (ran.status != 0 ? "failed (exit status \(ran.status)); the revision is committed" : "ran")
                + (said.isEmpty ? "" : ". It said: " + String(said.suffix(1_000))))
        }
    }

    /// A file's size and content digest (`gone`: removed).
    struct FileStamp: Equatable {
        var size: UInt64
        var digest: String
        static let gone = FileStamp(size: .max, digest: "")
    }

    /// The work tree's files that differ from the hook's index or are untracked (not ignored), with their stamps: what
    /// the hook changed outside the revision shows as a new entry or a new stamp.
    static func workTreeChanges(in repository: GitRepository, environment: [String: String]) -> [String: FileStamp] {
        let listed = execute(URL(fileURLWithPath: "/usr/bin/env"), ["git", "ls-files", "-z", "--modified", "--deleted", "--others", "--exclude-standard"],
                             in: repository.workTree, environment: environment)
        guard listed.status == 0 else { return [:] }
        var stamps: [String: FileStamp] = [:]
        for path in Set(listed.output.split(separator: "\0").map(String.init)) where !path.isEmpty {
            stamps[path] = stamp(repository.workTree + "/" + path)
        }
        return stamps
    }

    /// (Its content, not its modification time: the pre-commit framework stashes an edit of the user's and writes it back
    /// unchanged, which was said to be the hook's change.)
    static func stamp(_ path: String) -> FileStamp {
        guard let data = FileManager.default.contents(atPath: path) else { return .gone }
        return FileStamp(size: UInt64(data.count), digest: ContentHashingFileSource.digest(data))
    }

    /// The repository's commit-msg hook (a Gerrit Change-Id, a commit-message policy), run as `git commit` runs it:
    /// on a file holding `message`, whose text it may change. Returns the message it leaves (the same without a
    /// hook); throws when it fails, with what it said. (libgit2 runs no hooks: a policy was bypassed.)
    /// (Its prepare-commit-msg hook first, as git runs it with the source "message": a ticket prefix it adds is in the
    /// message the commit-msg hook checks — every revision was refused by a policy the prefix satisfies.)
    static func commitMessage(_ message: String, in repository: GitRepository) throws(RepositoryError) -> String {
        // (Where git looks for hooks: core.hooksPath respected, as for pre-commit.)
        let hooks = [("prepare-commit-msg", ["message"]), ("commit-msg", [])].compactMap { name, extra in namedHook(name, of: repository).map { ($0, name, extra) } }
        guard !hooks.isEmpty else { return message }
        let file = URL(fileURLWithPath: repository.gitDirectory).appendingPathComponent("DABREPO_COMMIT_EDITMSG-\(getpid())")
        defer { unlink(file.path) }
        do { try Data(message.utf8).write(to: file) } catch { return message }
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_DIR"] = repository.gitDirectory
        environment["GIT_WORK_TREE"] = repository.workTree
        for (url, name, extra) in hooks {
            let ran = execute(url, [file.path] + extra, in: repository.workTree, environment: environment)
            if ran.stopped { throw .cancelled }
            guard ran.status == 0 else { throw .hookRefused(hook: name, output: ran.output) }
        }
        guard let data = FileManager.default.contents(atPath: file.path) else { return message }
        let said = String(decoding: data, as: UTF8.self)
        // (Emptied by a hook: git aborts the commit; it was committed with dabrepo's own message.)
        guard !said.split(separator: "\n").filter({ !$0.hasPrefix("#") }).joined().trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw .hookRefused(hook: hooks.last!.1, output: "Aborting commit due to empty commit message.")
        }
        return said
    }

    static func execute(_ executable: URL, _ arguments: [String], in directory: String, environment: [String: String]) -> (status: Int32, output: String, stopped: Bool) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return (127, "\(error)", false) }
        // The output is read on another thread while this one watches for a cancellation (Ctrl-C, the page's Stop): the
        // hook is stopped then, and the revision with it (a revision cancelled during a slow hook was committed after it).
        let output = HookOutput()
        let reader = Thread { output.set(pipe.fileHandleForReading.readDataToEndOfFile()) }
        reader.start()
        var signalled = false
        while process.isRunning {
            if RevisionCancellation.isCancelled, !signalled {
                signalled = true
                process.terminate()
                // (Its children too — a shell hook's `sleep` —, when it leads a process group of its own.)
                kill(-process.processIdentifier, SIGTERM)
            }
            usleep(20_000)
        }
        process.waitUntilExit()
        let data = output.wait()
        return (signalled ? 130 : process.terminationStatus, String(decoding: data, as: UTF8.self), signalled)
    }
}

/// What a hook printed, read to its end on a thread of its own.
private final class HookOutput: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var data = Data()
    func set(_ data: Data) {
        self.data = data
        done.signal()
    }
    func wait() -> Data {
        done.wait()
        return data
    }
}
