import Foundation

/// A `sync.include` / `sync.exclude` pattern as the Databricks CLI reads it: a gitignore line
/// (github.com/sabhiram/go-gitignore, which libs/fileset uses), rewritten relative to the bundle root from
/// the directory of the file that writes it (rewrite_sync_paths.go). One reading for `validate` (does a
/// pattern match any file?) and for `upload` (which files go).
public enum SyncPattern {
    public enum Compiled {
        case compiled(NSRegularExpression?)
        /// Go compiles it but ICU does not: not checked, rather than reported wrongly.
        case unsupported
    }

    /// The pattern relative to the bundle root: joined to the directory of its file (filepath.Join, which cleans).
    public static func rewritten(_ pattern: String, from file: String) -> String {
        let directory = BundlePath.directory(of: file)
        return goClean(directory.isEmpty ? "./" + pattern : directory + "/" + pattern)
    }

    /// checkPatterns strips a leading `!`, NewGlobSet cleans the pattern (path.Clean), and go-gitignore's
    /// getPatternFromLine turns it into a regular expression; nil when the line is no pattern.
    public static func compile(_ shown: String) -> Compiled {
        var p = shown
        if p.hasPrefix("!") { p.removeFirst() }
        guard let expression = gitignoreExpression(goClean(p)) else { return .compiled(nil) }
        guard let regex = try? NSRegularExpression(pattern: expression) else { return .unsupported }
        return .compiled(regex)
    }

    /// Whether a file (relative to the bundle root) matches one of the patterns, each written in `file`s of its own.
    public static func matcher(_ patterns: [(text: String, file: String)]) -> (String) -> Bool {
        let regexes = patterns.compactMap { pattern -> NSRegularExpression? in
            if case .compiled(let regex) = compile(rewritten(pattern.text, from: pattern.file)) { return regex }
            return nil
        }
        return { path in regexes.contains { $0.firstMatch(in: path, range: NSRange(path.startIndex..., in: path)) != nil } }
    }

    /// github.com/sabhiram/go-gitignore v0.0.0-20210923224102-525f6e181f06, getPatternFromLine, step by
    /// step (its quirks included: `?` is literal, other regular-expression characters pass through).
    public static func gitignoreExpression(_ input: String) -> String? {
        var line = input
        while line.hasSuffix("\r") { line.removeLast() }
        if line.hasPrefix("#") { return nil }
        line = line.trimmingCharacters(in: CharacterSet(charactersIn: " "))
        if line.isEmpty { return nil }
        if line.hasPrefix("!") { line.removeFirst() }
        if line.hasPrefix("#") || line.hasPrefix("!") { line.removeFirst() }
        if !line.hasPrefix("/"), line.range(of: #"([^/+])/.*\*\."#, options: .regularExpression) != nil {
            line = "/" + line
        }
        line = line.replacingOccurrences(of: ".", with: "\\.")
        let magicStar = "#$~"
        if line.hasPrefix("/**/") { line.removeFirst() }
        line = line.replacingOccurrences(of: "/**/", with: "(/|/.+/)")
        line = line.replacingOccurrences(of: "**/", with: "(|." + magicStar + "/)")
        line = line.replacingOccurrences(of: "/**", with: "(|/." + magicStar + ")")
        line = line.replacingOccurrences(of: "\\*", with: "\\" + magicStar)
        line = line.replacingOccurrences(of: "*", with: "([^/]*)")
        line = line.replacingOccurrences(of: "?", with: "\\?")
        line = line.replacingOccurrences(of: magicStar, with: "*")
        var expression = line.hasSuffix("/") ? line + "(|.*)$" : line + "(|/.*)$"
        expression = expression.hasPrefix("/") ? "^(|/)" + expression.dropFirst() : "^(|.*/)" + expression
        return expression
    }

    /// Go's path.Clean: the shortest equivalent path ("" is ".").
    public static func goClean(_ path: String) -> String {
        if path.isEmpty { return "." }
        let rooted = path.hasPrefix("/")
        var parts: [Substring] = []
        for c in path.split(separator: "/", omittingEmptySubsequences: true) {
            if c == "." { continue }
            if c == ".." {
                if let last = parts.last, last != ".." { parts.removeLast() } else if !rooted { parts.append(c) }
                continue
            }
            parts.append(c)
        }
        let joined = parts.joined(separator: "/")
        if rooted { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }
}
