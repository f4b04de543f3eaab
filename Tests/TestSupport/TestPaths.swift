import Foundation

/// Where things are when the tests run.
public enum TestPaths {
    /// The package root (the directory holding Package.swift).
    public static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url
    }()

    /// `../shared` beside the repository (or `DABREPO_SHARED`), nil when absent.
    public static let shared: URL? = {
        let env = ProcessInfo.processInfo.environment["DABREPO_SHARED"]
        let url = env.map { URL(fileURLWithPath: $0) } ?? packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
        return FileManager.default.fileExists(atPath: url.appendingPathComponent("corpus").path) ? url : nil
    }()

    /// Every directory holding a databricks.yml under `root` (template sources with `{{` left out), sorted.
    public static func bundleDirectories(under root: URL) -> [URL] {
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return [] }
        var found: [URL] = []
        for case let url as URL in walker where url.lastPathComponent == "databricks.yml" && !url.path.contains("{{") {
            found.append(url.deletingLastPathComponent())
        }
        return found.sorted { $0.path < $1.path }
    }

    /// Says visibly why a test that needs ../shared does not run.
    public static func sharedOrSkipMessage() -> (URL?, String) {
        if let shared { return (shared, "") }
        let message = "SKIPPED: ../shared is absent (set DABREPO_SHARED to its path); corpus and schema tests did not run"
        FileHandle.standardError.write(Data((message + "\n").utf8))
        return (nil, message)
    }

    /// The built `dabrepo` executable next to the test bundle.
    public static let dabrepoBinary: URL = {
        if let env = ProcessInfo.processInfo.environment["DABREPO_BINARY"] { return URL(fileURLWithPath: env) }
        var dir = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("dabrepo")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir.deleteLastPathComponent()
        }
        return packageRoot.appendingPathComponent(".build/debug/dabrepo")
    }()

    public static func fixture(_ target: String, _ name: String) -> URL {
        packageRoot.appendingPathComponent("Tests/\(target)/Fixtures/\(name)")
    }
}
