import BundleModel

public struct ArtifactFilesRule: ValidationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "artifact-files", name: "Artifact files", severity: .error, scope: .target,
        summary: "An artifact without `build` names files that exist (its `files[].source` globs match something).",
        documentation: """
        As the Databricks CLI prepares artifacts (bundle/artifacts/prepare.go, expand_globs.go): an artifact
        that is not built (no `build`) is its `files`, and each `source`, relative to the file that defines
        the artifact, must match at least one file ("dist/*.whl: no matching files") and be a pattern Go reads ("a[.txt:
        syntax error in pattern"). An artifact with
        neither `build` nor `files` is misconfigured, unless it is a wheel (`type: whl` builds with
        setup.py by default); one with no settings at all (`lib:` with its lines commented out) is refused
        ("Artifact not properly configured"). Commit the files, or give the artifact a `build` command that makes them.
        """,
        triggeringExamples: [
            RuleExample("bundle:\n  name: demo\nartifacts:\n  lib:\n    type: whl\n    files:\n      - source: ↓./dist/*.whl\n"),
            RuleExample("bundle:\n  name: demo\nartifacts:\n  lib:↓\n  # build: uv build --wheel\n"),
            RuleExample("bundle:\n  name: demo\nartifacts:\n  lib:\n    files:\n      - source: ↓\"../a[.txt\"\n"),
        ],
        nonTriggeringExamples: [
            RuleExample("bundle:\n  name: demo\nartifacts:\n  lib:\n    type: whl\n    files:\n      - source: ./dist/*.whl\n",
                        files: ["dist/lib-0.1.0-py3-none-any.whl": "wheel"]),
            RuleExample("bundle:\n  name: demo\nartifacts:\n  lib:\n    type: whl\n    build: uv build --wheel\n    files:\n      - source: ./dist/*.whl\n"),
        ])

    /// Whether Go's path.Match refuses the pattern (ErrBadPattern): a "[" without its "]", a trailing "\\".
    static func isMalformedPattern(_ pattern: String) -> Bool { IncludeGlob.isMalformed(pattern) }

    public func validate(_ context: ValidationContext) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let source = context.bundle.source
        // (An artifact that is no mapping is dropped by the CLI with a type warning, and not prepared; one
        // with no value at all, its settings commented out, is refused: prepare.go.)
        for artifact in context.effective.configuration["artifacts"]?.mapping?.entries ?? [] where artifact.value.isNull {
            out.append(diagnostic("Artifact not properly configured",
                                  detail: "please specify artifact properties: artifact \(artifact.key) has no settings (a `build` command, `files`, or `type: whl`); give it some, or remove the key.",
                                  path: "artifacts.\(artifact.key)", at: artifact.value.location))
        }
        for artifact in context.effective.configuration["artifacts"]?.mapping?.entries ?? [] where artifact.value.mapping != nil {
            let node = artifact.value
            let build = node["build"]?.string ?? ""
            let files = node["files"]?.sequence ?? []
            if build.isEmpty && files.isEmpty {
                if node["type"]?.string != "whl" {
                    out.append(diagnostic("misconfigured artifact: please specify 'build' or 'files' property",
                                          detail: "Artifact \(artifact.key) has neither a build command nor files to upload.",
                                          path: "artifacts.\(artifact.key)", at: artifact.keyLocation))
                }
                continue
            }
            guard build.isEmpty else { continue }
            let directory = BundlePath.directory(of: artifact.keyLocation.file)
            for (i, file) in files.enumerated() {
                guard let sourceNode = file["source"], !isSymbolic(sourceNode), let written = sourceNode.string, !written.isEmpty,
                      !written.hasPrefix("/"), !written.contains("${") else { continue }
                // A pattern Go's filepath.Glob cannot read (an unclosed "["), wherever it points.
                if Self.isMalformedPattern(written) {
                    let cleaned = written.hasPrefix("./") ? String(written.dropFirst(2)) : written
                    out.append(diagnostic("\(cleaned): syntax error in pattern",
                                          detail: "A \"[\" opens a character class that must close with \"]\"; write \\[ for the character itself.",
                                          path: "artifacts.\(artifact.key).files[\(i)].source", at: sourceNode.location))
                    continue
                }
                let path = BundlePath.normalize(directory.isEmpty ? written : directory + "/" + written)
                guard !path.hasPrefix("..") else { continue }
                let folder = BundlePath.directory(of: path)
                let name = String(path.split(separator: "/").last ?? "")
                // (Only a wildcard in the file name is followed; a folder with wildcards is not checked.)
                guard !folder.contains(where: { "*?[".contains($0) }) else { continue }
                let glob = IncludeGlob(name, extended: false)
                let found = glob.isLiteral ? source.fileExists(path) : source.contents(ofDirectory: folder).contains { glob.matches($0) && source.fileExists(folder.isEmpty ? $0 : folder + "/" + $0) }
                if !found {
                    out.append(diagnostic("\(written): no matching files",
                                          detail: "Artifact \(artifact.key) has no build command, so these files must be in the bundle: commit them, or add a `build` that makes them.",
                                          path: "artifacts.\(artifact.key).files[\(i)].source", at: sourceNode.location))
                }
            }
        }
        return out
    }
}
