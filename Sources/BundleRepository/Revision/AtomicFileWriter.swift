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
        guard fd >= 0 else { throw .io("cannot write \(temporary.path): \(String(cString: strerror(errno)))") }
        var ok = data.withUnsafeBytes { buffer -> Bool in
            var offset = 0
            while offset < buffer.count {
                let n = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n <= 0 { return false }
                offset += n
            }
            return true
        }
        ok = ok && fsync(fd) == 0
        close(fd)
        faultPoint?.reach()
        guard ok, rename(temporary.path, url.path) == 0 else {
            unlink(temporary.path)
            throw .io("cannot write \(url.path): \(String(cString: strerror(errno)))")
        }
    }

    /// The temporary file `write` uses for `url` in process `pid` (a killed process leaves it behind).
    static func temporaryFile(for url: URL, pid: pid_t = getpid()) -> URL {
        url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).dabrepo-\(pid).tmp")
    }

    static func remove(_ url: URL) throws(RepositoryError) {
        guard unlink(url.path) == 0 || errno == ENOENT else {
            throw .io("cannot remove \(url.path): \(String(cString: strerror(errno)))")
        }
    }
}
