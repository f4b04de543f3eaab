import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `.git/dabrepo.lock` holding the owner's pid: one dabrepo revision at a time per repository. A lock
/// left by a process that no longer runs is taken over.
public final class RepositoryLock {
    public let path: String
    private var held = false

    public init(gitDirectory: String) {
        path = gitDirectory + "/dabrepo.lock"
    }

    public func acquire() throws(RepositoryError) {
        for _ in 0..<3 {
            let fd = open(path, O_CREAT | O_EXCL | O_WRONLY, 0o644)
            if fd >= 0 {
                let text = "\(getpid())\n"
                _ = text.withCString { write(fd, $0, strlen($0)) }
                close(fd)
                held = true
                return
            }
            guard errno == EEXIST else { throw .io("cannot create \(path): \(String(cString: strerror(errno)))") }
            let owner = (try? String(contentsOfFile: path, encoding: .utf8)).flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            if let owner, owner != getpid(), kill(owner, 0) == 0 || errno == EPERM {
                throw .locked(pid: owner)
            }
            // Stale: its process is gone (or the file is unreadable garbage).
            unlink(path)
        }
        throw .io("cannot take \(path)")
    }

    public func release() {
        guard held else { return }
        unlink(path)
        held = false
    }

    deinit {
        release()
    }
}
