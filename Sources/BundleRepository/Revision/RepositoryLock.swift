import BundleModel
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `.git/dabrepo.lock`: one dabrepo revision at a time per repository. The kernel holds the lock
/// (`flock` on the file), so a process that dies for any reason releases it; the file names the pid of
/// the holder, for the message of a process that waits. A revision waits its turn (saying so once)
/// up to `DABREPO_LOCK_TIMEOUT` seconds, default 30, and then lands on top of the other's.
public final class RepositoryLock {
    public let path: String
    private var descriptor: Int32 = -1

    public init(gitDirectory: String) {
        path = gitDirectory + "/dabrepo.lock"
    }

    /// How long a revision waits for another to finish: `DABREPO_LOCK_TIMEOUT` seconds, default 30.
    public static var defaultWait: TimeInterval {
        EnvironmentSetting.seconds("DABREPO_LOCK_TIMEOUT", default: 30)
    }

    /// Said once when a revision starts waiting for another process's (see `WaitingNotice`).
    static func waitingNotice(_ pid: Int32?) {
        let who = pid.map { "another dabrepo process (pid \($0))" } ?? "another dabrepo process"
        WaitingNotice.say("waiting for \(who) to finish its revision…")
    }

    /// Takes the lock, waiting up to `wait` seconds while another process holds it.
    public func acquire(wait: TimeInterval = RepositoryLock.defaultWait) throws(RepositoryError) {
        guard descriptor < 0 else { return }
        let fd = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .io("cannot open \(path): \(String(cString: strerror(errno)))") }
        let deadline = Date().addingTimeInterval(wait)
        var noticed = false
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else {
                let reason = String(cString: strerror(errno))
                close(fd)
                throw .io("cannot lock \(path): \(reason)")
            }
            let owner = (try? String(contentsOfFile: path, encoding: .utf8)).flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            guard Date() < deadline else {
                close(fd)
                throw .locked(pid: owner ?? 0)
            }
            if !noticed {
                noticed = true
                Self.waitingNotice(owner)
            }
            usleep(20_000)
        }
        // Ours: say who holds it.
        ftruncate(fd, 0)
        let text = "\(getpid())\n"
        _ = text.withCString { pwrite(fd, $0, strlen($0), 0) }
        descriptor = fd
    }

    /// Lets the next process in. The file stays (removing it would let two processes lock two files).
    public func release() {
        guard descriptor >= 0 else { return }
        ftruncate(descriptor, 0)
        flock(descriptor, LOCK_UN)
        close(descriptor)
        descriptor = -1
    }

    deinit {
        release()
    }
}
