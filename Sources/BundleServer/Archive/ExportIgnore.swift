import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The files `git archive` leaves out: those a `.gitattributes` of the revision marks `export-ignore`
/// (a pattern's last match wins, a deeper file's over a shallower one's; a directory marked so leaves
/// out everything below it). Patterns follow gitattributes: without a slash, a name at any depth below
/// the attributes file's folder; with one, a path from that folder; `**` across folders.
struct ExportIgnore {
    struct Rule {
        var base: String      // the folder of the .gitattributes ("" or "a/b/")
        var pattern: String
        var anchored: Bool
        var ignore: Bool
    }

    let rules: [Rule]

    /// `attributes`: each `.gitattributes` path of the tree with its text.
    init(attributes: [(path: String, text: String)]) {
        // Shallower files first, so that a deeper file's rule comes later and wins.
        let ordered = attributes.sorted { $0.path.split(separator: "/").count < $1.path.split(separator: "/").count }
        var rules: [Rule] = []
        for (path, text) in ordered {
            let base = path.contains("/") ? String(path[...path.lastIndex(of: "/")!]) : ""
            for line in text.split(whereSeparator: \.isNewline) {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                guard !trimmed.isEmpty, !trimmed.hasPrefix("#") else { continue }
                let fields = trimmed.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
                guard fields.count > 1 else { continue }
                let setting = fields.dropFirst().last { ["export-ignore", "-export-ignore", "!export-ignore"].contains($0) || $0.hasPrefix("export-ignore=") }
                guard let setting else { continue }
                var pattern = fields[0]
                if pattern.hasSuffix("/") { pattern.removeLast() }
                let anchored = pattern.contains("/")
                if pattern.hasPrefix("/") { pattern.removeFirst() }
                rules.append(Rule(base: base, pattern: pattern, anchored: anchored, ignore: setting == "export-ignore" || setting == "export-ignore=true"))
            }
        }
        self.rules = rules
    }

    /// Whether `path` (from the repository's top) is left out of the archive.
    func ignores(_ path: String) -> Bool {
        guard !rules.isEmpty else { return false }
        // The path and each folder above it: a folder marked export-ignore takes its files with it.
        let parts = path.split(separator: "/").map(String.init)
        for depth in 1...parts.count {
            let candidate = parts.prefix(depth).joined(separator: "/")
            if decision(candidate) == true { return true }
        }
        return false
    }

    func decision(_ path: String) -> Bool? {
        var result: Bool?
        for rule in rules where path.hasPrefix(rule.base) {
            let relative = String(path.dropFirst(rule.base.count))
            let matched: Bool
            if rule.anchored {
                matched = Self.match(rule.pattern, relative, pathname: !rule.pattern.contains("**"))
            } else {
                matched = Self.match(rule.pattern, relative.split(separator: "/").last.map(String.init) ?? relative, pathname: true)
            }
            if matched { result = rule.ignore }
        }
        return result
    }

    static func match(_ pattern: String, _ text: String, pathname: Bool) -> Bool {
        fnmatch(pattern, text, pathname ? FNM_PATHNAME : 0) == 0
    }
}
