import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The process's current directory, as the kernel knows it.
public enum CurrentDirectory {
    /// The current directory; nil when it no longer exists (removed, or another folder renamed over
    /// it while a shell was in it), where Foundation's `currentDirectoryPath` gives a path that is not one.
    public static var url: URL? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else { return nil }
        return URL(fileURLWithPath: String(cString: buffer), isDirectory: true)
    }
}
