import BundleModel
import Foundation

public struct SyncPatternMatchesRule: ValidationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "sync-pattern-matches", name: "Sync patterns match files", severity: .warning, scope: .target,
        summary: "Every `sync.include` and `sync.exclude` pattern matches at least one file of the bundle.",
        documentation: """
        As the Databricks CLI warns (bundle/config/validate/validate_sync_patterns.go): "Pattern %s does
        not match any files". A pattern that matches nothing is usually misspelt, or names a file that was
        renamed or never committed, so the files meant to be included (or kept out) are not.

        Patterns are matched as the CLI matches them: rewritten relative to the bundle root from the
        directory of the file that holds them (rewrite_sync_paths.go), a leading `!` dropped, cleaned
        (path.Clean), then compiled as a gitignore line by github.com/sabhiram/go-gitignore (which
        libs/fileset uses) and tested against the path of every regular file under the bundle root. So a
        pattern without a `/` matches at any depth, `dir` matches every file under `dir/`, and `**` spans
        directories. The patterns of the target validated are checked: the top-level ones with that target's own
        merged in (MergeTargetOverrides), as the CLI checks `b.Config.Sync` (another target's pattern is not its
        concern: `validate -t prod --strict` failed on dev's). The files are those of the
        bundle's file source: in the pre-commit hook, the staged tree, so an exclude pattern for files
        that are never committed (`.venv`, `__pycache__`) is reported there as on a fresh checkout; include
        patterns, which name ignored build output (`dist/*.whl`), are checked only in the working tree. A
        `.git` directory is not walked (the CLI's walk enters it): its `HEAD` stands for its files. The
        walk stops as soon as every pattern has matched.
        """,
        triggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            sync:
              include:
                - ↓src/missing_module.py
            """, files: ["src/main.py": "print('main')\n"]),
            RuleExample("""
            bundle:
              name: demo
            targets:
              dev:
                sync:
                  exclude:
                    - ↓"**/*.parquet"
            """, files: ["src/main.py": "print('main')\n"]),
        ],
        nonTriggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            sync:
              include:
                - src/generated
                - "*.whl"
              exclude:
                - "**/__pycache__"
                - "!src/generated/keep.py"
            """, files: [
                "src/generated/schema.py": "SCHEMA = {}\n",
                "src/generated/keep.py": "KEEP = 1\n",
                "src/__pycache__/main.cpython-311.pyc": "",
                "dist/demo-0.1-py3-none-any.whl": "",
            ]),
        ])

    /// Past this many files the walk gives up and reports nothing (a bundle root that holds far more than
    /// the bundle; the pre-commit hook must stay fast).
    static let fileLimit = 200_000

    struct Pattern {
        var node: YAMLNode
        var path: String
        /// As the CLI shows it: rewritten relative to the bundle root.
        var shown: String
        /// nil when the line compiles to no pattern (a comment) and so matches nothing.
        var regex: NSRegularExpression?
    }

    public func validate(_ context: ValidationContext) -> [Diagnostic] {
        var patterns: [Pattern] = []
        // The staged snapshot (the pre-commit hook) has no ignored files, which is what `include` is for
        // (dist/*.whl): only the working tree can tell whether an include pattern matches.
        let sections = context.bundle.source.holdsUntrackedFiles ? ["exclude", "include"] : ["exclude"]
        func collect(_ sync: YAMLNode?, prefix: String) {
            for section in sections {
                for (i, node) in (sync?[section]?.sequence ?? []).enumerated() {
                    guard let text = node.string, !isSymbolic(node) else { continue }
                    let shown = Self.rewritten(text, from: node.location.file)
                    guard case .compiled(let regex) = Self.compile(shown) else { continue }
                    patterns.append(Pattern(node: node, path: "\(prefix)sync.\(section)[\(i)]", shown: shown, regex: regex))
                }
            }
        }
        collect(context.effective.configuration["sync"], prefix: "")
        guard !patterns.isEmpty else { return [] }

        var unmatched = Array(patterns.indices.filter { patterns[$0].regex != nil })
        // Patterns with the same text are matched once.
        var byText: [String: [Int]] = [:]
        for i in unmatched { byText[patterns[i].shown, default: []].append(i) }
        var pending = byText.keys.map { (text: $0, regex: patterns[byText[$0]![0]].regex!) }
        var matched = Set<String>()
        let complete = Self.walk(context.bundle.source) { file in
            let range = NSRange(file.startIndex..., in: file)
            pending.removeAll { entry in
                guard entry.regex.firstMatch(in: file, options: [], range: range) != nil else { return false }
                matched.insert(entry.text)
                return true
            }
            return !pending.isEmpty
        }
        // A walk cut short by the file limit proves nothing about the patterns still pending.
        if !complete && !pending.isEmpty { return [] }
        unmatched = patterns.indices.filter { patterns[$0].regex == nil || !matched.contains(patterns[$0].shown) }
        return unmatched.map { i in
            let p = patterns[i]
            // (A folder pattern keeps its slash, as written and as the CLI prints it: ".pytest_cache/".)
            let folder = (p.node.string?.hasSuffix("/") ?? false) && !p.shown.hasSuffix("/")
            return diagnostic("Pattern \(p.shown)\(folder ? "/" : "") does not match any files",
                              detail: "Sync patterns are gitignore-style and relative to the bundle root; this one matches no file under it.",
                              path: p.path, at: p.node.location)
        }
    }

    /// Calls `visit` with the path of each regular file under the root, breadth first (shallow files
    /// first, so that patterns such as `dist` or `.venv` match early), until it returns false. Returns
    /// false when the file limit stopped the walk. A `.git` directory is not walked (the CLI's walk enters
    /// it): its HEAD stands for its files, so that a `.git` pattern matches as it does for the CLI.
    static func walk(_ source: any BundleFileSource, _ visit: (String) -> Bool) -> Bool {
        BundleTreeWalk.files(in: source, limit: fileLimit, standIn: [".git": "HEAD"], visit)
    }

    /// The pattern as the CLI checks it: joined to the directory of its file relative to the bundle root
    /// (filepath.Join, which cleans), as rewrite_sync_paths.go does.
    static func rewritten(_ pattern: String, from file: String) -> String { SyncPattern.rewritten(pattern, from: file) }

    enum Compiled {
        case compiled(NSRegularExpression?)
        /// Go compiles it but ICU does not: not checked, rather than reported wrongly.
        case unsupported
    }

    /// checkPatterns strips a leading `!`, NewGlobSet cleans the pattern (path.Clean), and go-gitignore's
    /// getPatternFromLine turns it into a regular expression; nil when the line is no pattern.
    static func compile(_ shown: String) -> Compiled {
        switch SyncPattern.compile(shown) {
        case .compiled(let regex): return .compiled(regex)
        case .unsupported: return .unsupported
        }
    }

    static func goClean(_ path: String) -> String { SyncPattern.goClean(path) }
}
