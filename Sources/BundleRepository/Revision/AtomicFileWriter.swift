import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes files so that a reader (or a crash) sees the old or the new content, never half of it:
/// a temporary file beside the target, flushed to disk, then renamed over it.
enum AtomicFileWriter {
    /// `faultPoint` is reached after the temporary file is written, before it is renamed over `url`.
    static func write(_ data: Data, to url: URL, faultPoint: FaultPoint? = nil) throws(RepositoryError) {
        let directory = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw .io("cannot create \(directory.path): \(error.localizedDescription)")
        }
        let temporary = temporaryFile(for: url)
        let fd = open(temporary.path, O_CREAT | O_TRUNC | O_WRONLY, 0o644)
        guard fd >= 0 else { throw .io("cannot write \(url.path): \(String(cString: strerror(errno)))") }
        // The first failure's errno (a full disk: ENOSPC), kept before close and unlink can change it.
        var failure: Int32 = 0
        data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0, errno == EINTR { continue }
                if n <= 0 { failure = n < 0 ? errno : ENOSPC; return }
                offset += n
            }
        }
        // The file keeps its mode (an executable databricks.yml stays one; the umask is not asked again).
        var existing = stat()
        if failure == 0, stat(url.path, &existing) == 0, fchmod(fd, existing.st_mode & 0o7777) != 0 { failure = errno }
        if failure == 0, fsync(fd) != 0 { failure = errno }
        if close(fd) != 0, failure == 0 { failure = errno }
        faultPoint?.reach()
        if failure == 0, rename(temporary.path, url.path) != 0 { failure = errno }
        guard failure == 0 else {
            unlink(temporary.path)
            throw .io("cannot write \(url.path): \(String(cString: strerror(failure)))")
        }
    }

    /// The temporary file `write` uses for `url` in process `pid` (a killed process leaves it behind).
    static func temporaryFile(for url: URL, pid: pid_t = getpid()) -> URL {
        url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).dabrepo-\(pid).tmp")
    }

    static func remove(_ url: URL) throws(RepositoryError) {
        // Nothing there is nothing to do, even where unlink would fail (a read-only file system).
        var info = stat()
        guard lstat(url.path, &info) == 0 else { return }
        guard unlink(url.path) == 0 || errno == ENOENT else {
            throw .io("cannot remove \(url.path): \(String(cString: strerror(errno)))")
        }
    }
}
