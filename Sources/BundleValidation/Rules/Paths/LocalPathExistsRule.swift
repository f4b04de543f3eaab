import Foundation
import BundleModel
#if canImport(Glibc)
import Glibc
#endif

public struct LocalPathExistsRule: ValidationRule {
    public init() {}
    public static let description = RuleDescription(
        id: "local-path-exists", name: "Local paths exist", severity: .error, scope: .target,
        summary: "Notebooks, Python files, SQL files, dbt projects, dashboards and requirements files named by relative paths exist, and notebooks are notebooks.",
        documentation: """
        Relative paths are resolved against the directory of the file that declares them, as the Databricks
        CLI does: `../src/ingest.py` in `resources/etl.job.yml` means `src/ingest.py`. Checked:
        `notebook_task.notebook_path` (with its extension, as the CLI requires of a local notebook: it
        answers `notebook "../src/ingest" not found. Did you mean "../src/ingest.py"?`), `spark_python_task.python_file`,
        `sql_task.file.path`, `dbt_task.project_directory`, `libraries[].requirements`, and pipeline
        `libraries` (`notebook.path`, `file.path`, where a glob such as `./src/*.py` must match a file, as the CLI expands it;
        not `glob.include`, which the CLI passes on unchecked) and its `root_path`
        directory, an app's `source_code_path` directory and the `file_path` of a dashboard, a Genie space or an alert. A notebook path must
        name a notebook (a `.py`, `.sql`, `.scala` or `.r` file whose first line is the "Databricks notebook
        source" header, or an `.ipynb`), and a Python file or a pipeline's `file` must not be one, as the
        CLI checks ("expected a notebook … but got a file"). Workspace paths
        (`/Workspace/...`, `${workspace.file_path}/...`), URLs and tasks that read from `git_source` are
        not checked. The diagnostic suggests the closest existing file name. A path outside the sync root
        (the bundle's folder, or the folder above it that `sync.paths` reach) is refused as the CLI
        refuses it ("path … is not contained in sync root path"), whether or not the file exists.
        """,
        triggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            include:
              - resources/*.yml
            """, files: [
                "resources/etl.job.yml": """
                resources:
                  jobs:
                    etl:
                      name: etl
                      tasks:
                        - task_key: ingest
                          spark_python_task:
                            python_file: ↓../src/injest.py
                          environment_key: default
                      environments:
                        - environment_key: default
                          spec:
                            environment_version: "2"
                """,
                "src/ingest.py": "print('ingest')\n",
            ]),
            // Without its extension, a local notebook is not found (translate_paths.go: "Did you mean …?").
            RuleExample("""
            bundle:
              name: demo
            resources:
              jobs:
                etl:
                  name: etl
                  tasks:
                    - task_key: ingest
                      notebook_task:
                        notebook_path: ↓./src/ingest
            """, files: ["src/ingest.py": "# Databricks notebook source\n"]),
            // An artifact's folder and a folder sync.paths names: the CLI builds in the one and walks the other.
            RuleExample("""
            bundle:
              name: demo
            artifacts:
              lib:
                type: whl
                build: uv build --wheel
                path: ↓./pkgz
            """, files: ["pkg/pyproject.toml": "[project]\nname = 'pkg'\n"]),
            RuleExample("""
            bundle:
              name: demo
            sync:
              paths:
                - .
                - ↓./shared_libz
            """, files: ["shared_lib/util.py": "print(1)\n"]),
            // A file where a folder goes: said as such, not "does not exist".
            RuleExample("""
            bundle:
              name: demo
            resources:
              apps:
                web:
                  name: web
                  source_code_path: ↓./src/app/app.py
            """, files: ["src/app/app.py": "print('app')\n"]),
            // A Jupyter notebook the CLI cannot read: a merge conflict left in it (detect_jupyter.go).
            RuleExample("""
            bundle:
              name: demo
            resources:
              jobs:
                etl:
                  name: etl
                  tasks:
                    - task_key: ingest
                      notebook_task:
                        notebook_path: ↓./src/ingest.ipynb
            """, files: ["src/ingest.ipynb": "<<<<<<< HEAD\n{\"cells\": [], \"metadata\": {}, \"nbformat\": 4}\n=======\n{}\n>>>>>>> theirs\n"]),
            // A plain Python file where a notebook is expected, and a notebook where a file is.
            RuleExample("""
            bundle:
              name: demo
            resources:
              jobs:
                etl:
                  name: etl
                  tasks:
                    - task_key: ingest
                      notebook_task:
                        notebook_path: ↓./src/plain.py
            """, files: ["src/plain.py": "print('hi')\n"]),
            RuleExample("""
            bundle:
              name: demo
            resources:
              jobs:
                etl:
                  name: etl
                  tasks:
                    - task_key: ingest
                      spark_python_task:
                        python_file: ↓./src/nb.py
                      environment_key: default
                  environments:
                    - environment_key: default
                      spec:
                        environment_version: "2"
            """, files: ["src/nb.py": "# Databricks notebook source\nprint(1)\n"]),
            // A dashboard file that is not there.
            RuleExample("""
            bundle:
              name: demo
            resources:
              dashboards:
                sales:
                  display_name: Sales
                  warehouse_id: abcdef1234567890
                  file_path: ↓./src/sales.lvdash.json
            """, files: ["src/README.md": "dashboards go here\n"]),
            // Outside the bundle's folder: not deployed, so refused (even though the file exists).
            RuleExample("""
            bundle:
              name: demo
            resources:
              jobs:
                etl:
                  name: etl
                  tasks:
                    - task_key: ingest
                      spark_python_task:
                        python_file: ↓../shared/ingest.py
            """, files: ["../shared/ingest.py": "print('x')\n"]),
            // A pipeline library's glob that matches nothing.
            RuleExample("""
            bundle:
              name: demo
            resources:
              pipelines:
                etl:
                  name: etl
                  libraries:
                    - notebook:
                        path: ↓./transformations/*.py
            """, files: ["src/a.py": "# Databricks notebook source\n"]),
            // "-r" requirements among a serverless environment's dependencies.
            RuleExample("""
            bundle:
              name: demo
            resources:
              jobs:
                etl:
                  name: etl
                  tasks:
                    - task_key: main
                      environment_key: default
                      spark_python_task:
                        python_file: ./main.py
                  environments:
                    - environment_key: default
                      spec:
                        client: "2"
                        dependencies:
                          - ↓-r ./requirements-missing.txt
            """, files: ["main.py": "print(1)\n"]),
            // A file glob that matches a notebook (acceptance/bundle/paths/pipeline_expected_file_got_notebook).
            RuleExample("""
            bundle:
              name: demo
            resources:
              pipelines:
                etl:
                  name: etl
                  libraries:
                    - file:
                        path: ↓./src/*.py
            """, files: ["src/a.py": "# Databricks notebook source\n"]),
        ],
        nonTriggeringExamples: [
            // A Jupyter notebook as Jupyter saves it.
            RuleExample("""
            bundle:
              name: demo
            resources:
              jobs:
                etl:
                  name: etl
                  tasks:
                    - task_key: ingest
                      notebook_task:
                        notebook_path: ./src/ingest.ipynb
            """, files: ["src/ingest.ipynb": "{\"cells\": [], \"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}\n"]),
            // A pipeline library's glob: the files it matches are deployed (expand_pipeline_glob_paths.go).
            RuleExample("""
            bundle:
              name: demo
            resources:
              pipelines:
                etl:
                  name: etl
                  libraries:
                    - notebook:
                        path: ./src/*.py
                    - file:
                        path: ./lib/*
            """, files: ["src/a.py": "# Databricks notebook source\n", "src/b.py": "# Databricks notebook source\n", "lib/c.py": "print(1)\n"]),
            // sync.paths reaching the folder above make it the sync root.
            RuleExample("""
            bundle:
              name: demo
            sync:
              paths:
                - ..
            resources:
              jobs:
                etl:
                  name: etl
                  tasks:
                    - task_key: ingest
                      spark_python_task:
                        python_file: ../shared/ingest.py
                      environment_key: default
                  environments:
                    - environment_key: default
                      spec:
                        environment_version: "2"
            """, files: ["../shared/ingest.py": "print('x')\n"]),
            RuleExample("""
            bundle:
              name: demo
            include:
              - resources/*.yml
            """, files: [
                "resources/etl.job.yml": """
                resources:
                  jobs:
                    etl:
                      name: etl
                      tasks:
                        - task_key: ingest
                          notebook_task:
                            notebook_path: ../src/ingest.py
                        - task_key: remote
                          notebook_task:
                            notebook_path: /Workspace/Shared/remote
                  pipelines:
                    remote:
                      name: remote
                      root_path: /Workspace/Users/me@example.com/src
                      libraries:
                        - glob:
                            include: /Workspace/Users/me@example.com/src/transformations/**
                """,
                "src/ingest.py": "# Databricks notebook source\nprint('ingest')\n",
            ]),
            // A first line that is not exactly the header (a byte order mark before it) is a plain
            // Python file to the CLI, as it is here.
            RuleExample("""
            bundle:
              name: demo
            resources:
              jobs:
                etl:
                  name: etl
                  tasks:
                    - task_key: ingest
                      spark_python_task:
                        python_file: ./ingest.py
                      environment_key: default
                  environments:
                    - environment_key: default
                      spec:
                        environment_version: "2"
            """, files: ["ingest.py": "\u{FEFF}# Databricks notebook source\nprint('x')\n"]),
        ])

    static let notebookExtensions = ["", ".py", ".ipynb", ".sql", ".scala", ".r", ".R"]

    /// Why the Databricks CLI would not take the file as a Jupyter notebook (libs/notebook/detect_jupyter.go),
    /// or nil when it would.
    static func jupyterProblem(_ source: any BundleFileSource, _ path: String) -> String? {
        guard let data = source.readReferencedFile(path) else { return nil }
        guard let object = try? JSONSerialization.jsonObject(with: data) else {
            return "error loading Jupyter notebook file: the file is not JSON" + (data.range(of: Data("<<<<<<<".utf8)) != nil ? " (it holds merge-conflict markers)" : "")
        }
        guard let notebook = object as? [String: Any], notebook["cells"] != nil, notebook["metadata"] != nil else { return "invalid Jupyter notebook file" }
        if let major = notebook["nbformat"] as? Int, major < 4 { return "unsupported Jupyter notebook version: \(major)" }
        if notebook["nbformat"] == nil { return "unsupported Jupyter notebook version: 0" }
        return nil
    }

    public func validate(_ context: ValidationContext) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let source = context.bundle.source
        // Many tasks name the same files: ask the file system once per path.
        var fileCache: [String: Bool] = [:], directoryCache: [String: Bool] = [:]
        func fileExists(_ path: String) -> Bool {
            if let known = fileCache[path] { return known }
            let exists = source.fileExists(path)
            fileCache[path] = exists
            return exists
        }
        func directoryExists(_ path: String) -> Bool {
            if let known = directoryCache[path] { return known }
            let exists = source.directoryExists(path)
            directoryCache[path] = exists
            return exists
        }
        // The sync root: the bundle's folder, or the folder above it that `sync.paths` reach
        // (sync_infer_root.go); the CLI refuses a path outside it, whether or not the file exists.
        let syncUp = (context.effective.configuration["sync"]?["paths"]?.sequence ?? []).compactMap { node -> Int? in
            guard let value = node.string, let relative = Self.localPath(value) else { return nil }
            return Self.levelsAbove(BundlePath.join(BundlePath.directory(of: node.location.file), relative))
        }.max() ?? 0
        // (The root's folder names, read once: paths that leave the root and come back are inside it.)
        let rootFolderNames = source.rootFolderNames
        // Many tasks name the same path from the same directory: resolve each pair once.
        var verdicts: [String: Bool] = [:]
        // A local notebook must be one (its first line "# Databricks notebook source", or .ipynb), a file
        // must not (translate_paths.go: "expected a notebook … but got a file", and the reverse).
        var kinds: [String: Bool?] = [:]
        func isNotebook(_ resolved: String) -> Bool? {
            if let known = kinds[resolved] { return known }
            // (Another extension than a notebook's, .md or .txt: a file, as the CLI's DetectWithFS says.)
            let ext = resolved.lowercased().split(separator: "/").last.flatMap { name in name.lastIndex(of: ".").map { String(name[$0...]) } } ?? ""
            let notebook = source.isNotebook(resolved) ?? (Self.notebookExtensions.contains(ext) ? nil : false)
            kinds[resolved] = notebook
            return notebook
        }
        // The folders of the bundle's configuration files, where a path written for another file resolves.
        let configurationFolders = Array(Set(context.bundle.files.map { BundlePath.directory(of: $0.path) })).sorted()
        // The bundle's files by name, read once when a path is missing (where a moved file went).
        var byName: [String: [String]]?
        func movedTo(_ name: String, exclude: String) -> String? {
            if byName == nil {
                var names: [String: [String]] = [:]
                _ = BundleTreeWalk.files(in: source, limit: 5_000, enter: { !$0.hasPrefix(".") && !["node_modules", "__pycache__"].contains($0) }) { path in
                    names[String(path.split(separator: "/").last ?? ""), default: []].append(path)
                    return true
                }
                byName = names
            }
            let found = (byName?[name] ?? []).filter { $0 != exclude }
            return found.count == 1 ? found[0] : nil
        }
        func check(_ node: YAMLNode?, path: String, extensions: [String] = [""], directory: Bool = false, what: String, kind expected: Bool? = nil,
                   globs: Bool = false) {
            guard let node, let value = node.string, let relative = Self.localPath(value) else { return }
            let base = BundlePath.directory(of: node.location.file)
            // (The kind expected is part of it: a SQL file that is a notebook is wrong for sql_task, whatever a pipeline said of it.)
            let key = "\(directory ? "d" : "f")\(extensions.count)|\(expected.map { $0 ? "n" : "p" } ?? "-")|\(base)|\(relative)"
            if verdicts[key] == true { return }
            // ("../databricks/x.py" in a bundle whose folder is databricks: back inside, as the CLI joins it.)
            let resolved = BundlePath.reentering(BundlePath.join(base, relative), rootFolderNames: rootFolderNames)
            // Written as if relative to another configuration file's folder (a target's override in
            // databricks.yml copying `../src/x.py` from resources/): the CLI's "defined relative to" error.
            if !globs, !(directory ? directoryExists(resolved) : extensions.contains { fileExists(resolved + $0) }),
               let elsewhere = configurationFolders.first(where: { folder in
                   folder != base && {
                       let candidate = BundlePath.normalize(BundlePath.join(folder, relative))
                       return Self.levelsAbove(candidate) == 0 && (directory ? directoryExists(candidate) : extensions.contains { fileExists(candidate + $0) })
                   }()
               }) {
                verdicts[key] = false
                let meant = BundlePath.normalize(BundlePath.join(elsewhere, relative))
                out.append(diagnostic("path \(value) is defined relative to the \(elsewhere.isEmpty ? "bundle's" : elsewhere + "/") directory",
                                      detail: "Paths are relative to the file that writes them (\(node.location.file)), where \(value) is not found; the file is \(meant): write \(BundlePath.relative(meant, from: base)). (Databricks CLI 0.261.0 and earlier read it from the resource's first definition.)",
                                      path: path, at: node.location))
                return
            }
            if Self.levelsAbove(resolved) > syncUp {
                verdicts[key] = false
                out.append(diagnostic("path \(resolved) is not contained in sync root path",
                                      detail: "Only files under the sync root (the bundle's folder\(syncUp > 0 ? ", widened by sync.paths" : "")) are deployed; move the file into the bundle, or add its folder to sync.paths. Paths are relative to \(node.location.file).",
                                      path: path, at: node.location))
                return
            }
            // A notebook written without its extension: the CLI finds only the path as written ("Did you mean …?").
            if extensions.count > 1, !fileExists(resolved), !resolved.split(separator: "/").last!.contains("."),
               let ext = extensions.first(where: { !$0.isEmpty && fileExists(resolved + $0) }) {
                verdicts[key] = false
                out.append(diagnostic("notebook \"\(value)\" not found. Did you mean \"\(value)\(ext)\"?",
                                      detail: "Local notebook references are expected to contain one of the following file extensions: [.py, .r, .scala, .sql, .ipynb]. (Deployed from a Databricks workspace, where notebooks have no extension, the path is found.)",
                                      path: path, at: node.location))
                return
            }
            // A pipeline library's glob ("./src/*.py"): the CLI deploys what it matches
            // (expand_pipeline_glob_paths.go), and says "not found" only when it matches nothing.
            let exists = directory
                ? directoryExists(resolved)
                : extensions.contains { fileExists(resolved + $0) } || (globs && Self.isGlob(relative) && !Self.globMatches(resolved, in: source).isEmpty)
            verdicts[key] = exists
            // (A glob: each file it matches must be of the kind, as the CLI checks what it expands to.)
            let checked = globs && Self.isGlob(relative) ? Self.globMatches(resolved, in: source).sorted() : [resolved]
            if exists, let expected, !directory, extensions.contains(""),
               let resolved = checked.first(where: { match in isNotebook(match).map { $0 != expected } ?? false }) {
                verdicts[key] = false
                out.append(diagnostic(expected ? "expected a notebook for \"\(path)\" but got a file: file at \(resolved) is not a notebook"
                                               : "expected a file for \"\(path)\" but got a notebook: file at \(resolved) is a notebook",
                                      detail: expected ? Self.headerAdvice(resolved, source: source)
                                                       : resolved.lowercased().hasSuffix(".ipynb")
                                                           ? "A Jupyter notebook (.ipynb) is always a notebook; run it with notebook_task (a pipeline's libraries: notebook) instead, or export it as a .py file."
                                                           : "The file starts with the notebook header \"Databricks notebook source\"; run it with notebook_task (a pipeline's libraries: notebook) instead, or remove the header.",
                                      path: path, at: node.location))
                return
            }
            // A Jupyter notebook the CLI cannot read (a merge conflict left in it, not JSON, nbformat 3):
            // detect_jupyter.go refuses it, so the deploy would.
            if exists, expected == true, !directory, resolved.lowercased().hasSuffix(".ipynb"), let problem = Self.jupyterProblem(source, resolved) {
                verdicts[key] = false
                out.append(diagnostic("unable to determine if \(resolved) is a notebook: \(resolved): \(problem)",
                                      detail: "The Databricks CLI reads an .ipynb file as JSON with cells, metadata and nbformat 4 or later before it deploys it; correct the file (a merge conflict's <<<<<<< lines, a truncated save) or save it again from Jupyter.",
                                      path: path, at: node.location))
                return
            }
            guard !exists else { return }
            let parent = BundlePath.directory(of: resolved)
            let name = String(resolved.split(separator: "/").last ?? "")
            let candidates = source.contents(ofDirectory: parent)
            let stems = extensions.count > 1 ? candidates.map { c in extensions.first { !$0.isEmpty && c.hasSuffix($0) }.map { String(c.dropLast($0.count)) } ?? c } : candidates
            var detail = "Paths are relative to \(node.location.file); this one resolves to \(resolved.isEmpty ? "." : resolved)."
            if let s = Suggestion.closest(to: name, among: Set(stems + candidates)) {
                detail = "Did you mean \(s)? " + detail
            } else if let moved = movedTo(name, exclude: resolved), !directory {
                // A file of that name elsewhere in the bundle (a notebook moved into another folder): the path to write.
                detail = "Did you mean \(BundlePath.relative(moved, from: base))? (\(moved) has that name.) " + detail
            }
            // There, but of the other kind: a folder where a file goes ("file_path: ../dashboards"), a file where a
            // folder goes ("source_code_path: ../src/app/app.py") — said so, not "does not exist".
            let otherKind = directory ? fileExists(resolved) : directoryExists(resolved)
            if otherKind {
                let summary = directory ? "\(what) \(value) is not a directory (it is a file)"
                    : what == "dashboard file" ? "failed to read serialized dashboard from file_path \(value): it is a directory"
                    : "\(what) \(value) is a directory, not a file"
                out.append(diagnostic(summary, detail: "Paths are relative to \(node.location.file); this one resolves to \(resolved).", path: path, at: node.location))
                return
            }
            // (The CLI reads a dashboard's file when it loads the bundle: "failed to read serialized dashboard from file_path …".)
            let summary = switch what {
            case "dashboard file": "failed to read serialized dashboard from file_path \(value): it does not exist"
            case "Genie space file": "failed to read serialized genie space from file_path \(value): it does not exist"
            case "alert file": "failed to read .dbalert.json file \(value): it does not exist"
            default: "\(what) \(value) does not exist"
            }
            out.append(diagnostic(summary, detail: detail, path: path, at: node.location))
        }
        for jobTask in context.tasks(nested: true) {
            let t = jobTask.task, p = jobTask.path
            let fromGit = jobTask.job.node["git_source"] != nil
            // Files read from the job's git_source are not local.
            func local(_ taskType: String) -> YAMLNode? {
                guard let body = t[taskType] else { return nil }
                let sourceField = body["source"]?.string ?? (fromGit ? "GIT" : "WORKSPACE")
                return sourceField == "GIT" ? nil : body
            }
            check(local("notebook_task")?["notebook_path"], path: p + ".notebook_task.notebook_path",
                  extensions: Self.notebookExtensions, what: "notebook", kind: true)
            check(local("spark_python_task")?["python_file"], path: p + ".spark_python_task.python_file", what: "Python file", kind: false)
            check(local("sql_task")?["file"]?["path"], path: p + ".sql_task.file.path", what: "SQL file", kind: false)
            check(local("dbt_task")?["project_directory"], path: p + ".dbt_task.project_directory", directory: true,
                  what: "dbt project directory")
            for (j, library) in (t["libraries"]?.sequence ?? []).enumerated() {
                check(library["requirements"], path: p + ".libraries[\(j)].requirements", what: "requirements file")
            }
        }
        // "-r ./requirements.txt" among an environment's dependencies: a local file the CLI reads
        // (translate_paths.go resolves it; "file … not found" when it is missing).
        func requirements(_ dependencies: YAMLNode?, path: String) {
            for (i, item) in (dependencies?.sequence ?? []).enumerated() {
                guard let text = item.string?.trimmingCharacters(in: .whitespaces), text.hasPrefix("-r ") || text.hasPrefix("--requirement ") else { continue }
                let file = text.split(separator: " ", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
                guard !file.isEmpty else { continue }
                check(YAMLNode(.scalar(YAMLScalar(text: file, style: .plain)), at: item.location), path: "\(path)[\(i)]", what: "requirements file")
            }
        }
        for job in context.resources("jobs") {
            for (i, environment) in (job.node["environments"]?.sequence ?? []).enumerated() {
                requirements(environment["spec"]?["dependencies"], path: "\(job.path).environments[\(i)].spec.dependencies")
            }
        }
        for pipeline in context.resources("pipelines") {
            requirements(pipeline.node["environment"]?["dependencies"], path: pipeline.path + ".environment.dependencies")
            check(pipeline.node["root_path"], path: pipeline.path + ".root_path", directory: true, what: "pipeline root directory")
            for (i, library) in (pipeline.node["libraries"]?.sequence ?? []).enumerated() {
                let p = "\(pipeline.path).libraries[\(i)]"
                check(library["notebook"]?["path"], path: p + ".notebook.path", extensions: Self.notebookExtensions, what: "notebook", kind: true, globs: true)
                check(library["file"]?["path"], path: p + ".file.path", what: "file", kind: false, globs: true)
                // (`glob.include` is not checked: the CLI only joins it to the bundle's path,
                // translateGlobPath in translate_paths.go, and a folder not written yet is fine.)
            }
        }
        // A dashboard's serialized file (configure_dashboards_serialized_dashboard.go reads it:
        // "failed to read serialized dashboard from file_path …").
        for dashboard in context.resources("dashboards") {
            check(dashboard.node["file_path"], path: dashboard.path + ".file_path", what: "dashboard file")
        }
        // A Genie space's and an alert's file (configure_genie_space_serialized_space.go, load_dbalert_files.go).
        for space in context.resources("genie_spaces") {
            check(space.node["file_path"], path: space.path + ".file_path", what: "Genie space file")
        }
        for alert in context.resources("alerts") {
            check(alert.node["file_path"], path: alert.path + ".file_path", what: "alert file")
        }
        // An app's source folder (TranslateModeDirectory in paths/app_paths_visitor.go: the CLI stats it).
        for app in context.resources("apps") {
            check(app.node["source_code_path"], path: app.path + ".source_code_path", directory: true, what: "app source directory")
        }
        // An artifact's folder (the CLI builds there: "directory ./pkgz not found", "expected … to be a directory").
        // (Outside the bundle's folder it may be: "Artifact paths may be outside the sync root", translate_paths_artifacts.go;
        // a folder there is not the bundle's to check.)
        for artifact in context.effective.configuration["artifacts"]?.mapping?.entries ?? [] {
            if let node = artifact.value["path"], let value = node.string, let relative = Self.localPath(value),
               Self.levelsAbove(BundlePath.join(BundlePath.directory(of: node.location.file), relative)) > 0 { continue }
            check(artifact.value["path"], path: "artifacts.\(artifact.key).path", directory: true, what: "artifact directory")
        }
        // A folder `sync.paths` names inside the bundle (the CLI walks it to list what to upload, and fails).
        for (i, node) in (context.effective.configuration["sync"]?["paths"]?.sequence ?? []).enumerated() {
            guard let value = node.string, let relative = Self.localPath(value), relative != ".",
                  Self.levelsAbove(BundlePath.join(BundlePath.directory(of: node.location.file), relative)) == 0, !Self.isGlob(relative) else { continue }
            let resolved = BundlePath.normalize(BundlePath.join(BundlePath.directory(of: node.location.file), relative))
            guard !directoryExists(resolved), !fileExists(resolved) else { continue }
            check(node, path: "sync.paths[\(i)]", directory: true, what: "sync path")
        }
        return out
    }

    /// Why a file is not a notebook, and what to do: the header written almost right is said as it is (a byte
    /// order mark, blanks around it, lines before it), since the CLI compares the first line exactly
    /// (libs/notebook/detect.go) and "add it" read as nonsense to someone who sees the header there.
    static func headerAdvice(_ path: String, source: any BundleFileSource) -> String {
        let lowered = path.lowercased()
        let header = (lowered.hasSuffix(".sql") ? "--" : lowered.hasSuffix(".scala") ? "//" : "#") + " Databricks notebook source"
        let other = ", or run the file with spark_python_task (a pipeline's libraries: file) instead."
        let text = ((try? source.read(path)) ?? nil).map { String(decoding: $0.prefix(4096), as: UTF8.self) } ?? ""
        let first = source.firstLine(path) ?? ""
        if first.hasPrefix("\u{FEFF}"), first.dropFirst() == header {
            return "Its first line starts with a byte order mark (U+FEFF) before \"\(header)\", and the Databricks CLI compares the line exactly: save the file as UTF-8 without a BOM" + other
        }
        if first != header, first.trimmingCharacters(in: .whitespaces) == header {
            return "Its first line is \"\(first)\", with blanks around the header, and the Databricks CLI compares the line exactly: remove them" + other
        }
        if first.trimmingCharacters(in: .whitespaces).isEmpty, text.sourceLines.contains(where: { $0 == header }) {
            return "\"\(header)\" is there, but not on the first line, where the Databricks CLI looks for it: remove the lines before it" + other
        }
        return "A notebook's first line is \"\(header)\"; add it" + other
    }

    static func isGlob(_ path: String) -> Bool { path.contains { $0 == "*" || $0 == "?" || $0 == "[" } }

    /// The files and folders a glob matches (Go's filepath.Glob: each part of the path on its own; `**`
    /// is `*`), relative to the bundle root.
    static func globMatches(_ pattern: String, in source: any BundleFileSource) -> [String] {
        var paths = [""]
        for part in pattern.split(separator: "/").map(String.init) {
            if isGlob(part) {
                paths = paths.flatMap { parent in
                    source.contents(ofDirectory: parent).filter { fnmatch(part, $0, 0) == 0 && !$0.hasPrefix(".") }.map { parent.isEmpty ? $0 : parent + "/" + $0 }
                }
            } else {
                paths = paths.map { $0.isEmpty ? part : $0 + "/" + part }
            }
            if paths.isEmpty { return [] }
        }
        return paths.filter { source.fileExists($0) || source.directoryExists($0) }
    }

    /// How many folders above the bundle's a normalized path starts ("../../x": 2).
    static func levelsAbove(_ normalized: String) -> Int {
        normalized.split(separator: "/", omittingEmptySubsequences: false).prefix { $0 == ".." }.count
    }

    /// The path when it is local to the bundle; nil for workspace paths, URLs, volumes and references.
    static func localPath(_ value: String) -> String? {
        if value.isEmpty || value.hasPrefix("/") || value.containsText("${") || value.containsText("{{") || value.containsText("://")
            || value.hasPrefix("dbfs:") || value.hasPrefix("~") {
            return nil
        }
        return value
    }
}
