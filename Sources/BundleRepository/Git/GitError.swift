import CLibGit2

/// A libgit2 failure: the operation, libgit2's code and its message (read on the failing thread,
/// right after the call, as libgit2 keeps the last error per thread).
public struct GitError: Error, CustomStringConvertible, Sendable {
    public var operation: String
    public var code: Int32
    public var message: String

    public var description: String { "\(operation) failed: \(message)" }

    /// Throws when a libgit2 call returned an error code.
    static func check(_ code: Int32, _ operation: @autoclosure () -> String) throws(GitError) {
        guard code < 0 else { return }
        throw GitError(operation: operation(), code: code, message: lastMessage())
    }

    static func lastMessage() -> String {
        guard let error = git_error_last(), let text = error.pointee.message else { return "unknown libgit2 error" }
        return String(cString: text)
    }

    public var isNotFound: Bool { code == GIT_ENOTFOUND.rawValue }
}

/// libgit2's global state: initialised once per process.
enum GitLibrary {
    private static let initialized: Bool = {
        git_libgit2_init()
        return true
    }()

    static func ensureInitialized() {
        _ = initialized
    }
}
