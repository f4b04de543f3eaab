import BundleModel
import Foundation

/// Finds tokens and keys written in the bundle's source files (notebooks, Python, SQL, shell scripts),
/// which are committed and synced to the workspace as the YAML is.
public struct LiteralSecretInSourceRule: ValidationRule {
    public init() {}

    public static let description = RuleDescription(
        id: "literal-secret-source", name: "No literal secrets in source files", severity: .error, scope: .bundle,
        summary: "Tokens and cloud keys are not written in the bundle's notebooks and source files.",
        documentation: """
        `databricks bundle deploy` uploads the bundle's files (notebooks, .py, .sql, .scala, .r, .ipynb,
        .sh) to the workspace, and git keeps every committed version. A Databricks token (`dapi…`), an OAuth
        secret, an AWS access key, a GitHub token or an API key written in one of them is an error, at its
        line and column. Read it at run time instead: `dbutils.secrets.get(scope, key)` in a notebook, or an
        environment variable set from `{{secrets/<scope>/<key>}}`. If it was ever committed, rotate it.
        dabrepo never prints the secret itself. Checked: the first 5,000 files of the tree, up to 1 MB each, outside `.git`, `.venv`,
        `node_modules`, `__pycache__`, `.databricks`, `dist` and `build`, and not those the bundle's
        `.gitignore` leaves out (neither committed nor synced). In tests (a `test`, `tests`,
        `fixtures` or `testdata` folder, `test_*` and `*_test.*` files), where made-up tokens are common,
        it is a warning.
        """,
        triggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            """, files: ["src/ingest.py": "import requests\n\nTOKEN = \"↓\(LiteralSecretRule.exampleToken)\"\n"]),
        ],
        nonTriggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            """, files: ["src/ingest.py": "# Databricks notebook source\ntoken = dbutils.secrets.get(\"etl\", \"token\")\n"]),
        ])

    static let extensions: Set<String> = ["py", "sql", "scala", "r", "ipynb", "sh", "ps1", "ts", "js", "java"]
    static let skippedDirectories: Set<String> = [".git", ".venv", "venv", "node_modules", "__pycache__", ".databricks", "dist", "build", ".tox", ".mypy_cache", ".pytest_cache"]
    static let fileLimit = 5_000
    static let sizeLimit = 1 << 20

    /// The bundle root's `.gitignore` patterns (as go-gitignore reads them, like the sync rule): files
    /// git ignores are neither committed nor synced. Nil when a negation (`!…`) makes it subtle.
    static func ignoredPatterns(_ source: any BundleFileSource) -> [NSRegularExpression]? {
        guard let data = try? source.read(".gitignore"), let text = String(data: data, encoding: .utf8) else { return [] }
        var out: [NSRegularExpression] = []
        for line in text.split(separator: "\n").map(String.init) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("!") { return nil }
            if case .compiled(let regex?) = SyncPatternMatchesRule.compile(trimmed) { out.append(regex) }
        }
        return out
    }

    public func validate(_ context: ValidationContext) -> [Diagnostic] {
        let source = context.bundle.source
        let ignored = Self.ignoredPatterns(source) ?? []
        func isIgnored(_ path: String) -> Bool {
            let range = NSRange(path.startIndex..., in: path)
            return ignored.contains { $0.firstMatch(in: path, options: [], range: range) != nil }
        }
        var out: [Diagnostic] = []
        _ = BundleTreeWalk.files(in: source, limit: Self.fileLimit, enter: { !Self.skippedDirectories.contains($0) }) { path in
            let ext = (path as NSString).pathExtension.lowercased()
            // Most files hold nothing shaped like a secret: their bytes rule them out without a String.
            guard Self.extensions.contains(ext), !isIgnored(path), let data = try? source.read(path), data.count <= Self.sizeLimit,
                  data.withUnsafeBytes({ SecretRedaction.mayHoldSecret($0.bindMemory(to: UInt8.self)) }),
                  let text = String(data: data, encoding: .utf8) else { return true }
            out += findings(in: text, file: path)
            return true
        }
        return out
    }

    /// Test code and fixtures, where made-up tokens are common.
    static func isTest(_ path: String) -> Bool {
        let parts = path.lowercased().split(separator: "/")
        let name = parts.last.map(String.init) ?? ""
        return parts.dropLast().contains { ["test", "tests", "fixtures", "testdata", "test_data"].contains($0) }
            || name.hasPrefix("test_") || (name as NSString).deletingPathExtension.hasSuffix("_test")
    }

    func findings(in text: String, file: String) -> [Diagnostic] {
        // Most files hold no token-shaped text at all: one look at the whole file first.
        guard SecretRedaction.firstSecret(in: text) != nil else { return [] }
        var out: [Diagnostic] = []
        for (n, line) in text.sourceLines.enumerated() {
            guard let found = SecretRedaction.firstSecretOffset(in: String(line)), !SecretRedaction.isDocumentedExample(String(line), kind: found.kind) else { continue }
            var finding = diagnostic("\(file) holds a literal secret (\(found.kind)) on line \(n + 1)",
                                     detail: "Read it at run time (dbutils.secrets.get in a notebook, or an environment variable from {{secrets/<scope>/<key>}}) and rotate it if it was ever committed.",
                                     path: nil, at: SourceLocation(file: file, line: n + 1, column: found.offset + 1))
            finding.fingerprint = SecretRedaction.fingerprint(String(line))
            if Self.isTest(file) { finding.severity = .warning }
            out.append(finding)
        }
        return out
    }
}
