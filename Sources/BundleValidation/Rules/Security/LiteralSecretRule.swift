import BundleModel

/// Finds secrets written in bundle files. What a secret looks like is defined once, in
/// `SecretRedaction`, which hides the same kinds wherever dabrepo prints or stores text.
public struct LiteralSecretRule: ValidationRule {
    public init() {}

    /// Built at run time so that no token-shaped string is written in the source.
    static let exampleToken = "dapi" + String(repeating: "0a1b2c3d", count: 4)
    /// A temporary AWS access key id, built so that the source holds none.
    static let exampleTemporaryKey = "ASIA" + "IOSFODNN7ABCDEFG"

    public static let description = RuleDescription(
        id: "literal-secret", name: "No literal secrets", severity: .error, scope: .bundle,
        summary: "Tokens, cloud keys and passwords are not written in bundle files.",
        documentation: """
        Bundle files are committed and deployed to the workspace, where anyone with read access sees them.
        Databricks personal access tokens (`dapi…`), OAuth secrets (`dose…`), AWS access keys (`AKIA…`, and
        temporary ones `ASIA…`), GitHub tokens, Anthropic and OpenAI API keys (`sk-ant-…`, `sk-…`), Slack tokens
        (`xoxb-…`), Google API keys (`AIza…`), JSON Web Tokens (`eyJ…`, as OAuth access tokens are), private keys, passwords written in
        URLs and connection strings (`https://user:pw@host`, `jdbc:…;password=pw`),
        wherever they are written (a value, a key or a comment), and literal values of secret-like `spark_conf` / `spark_env_vars` entries and notebook `base_parameters` (names with
        password, secret, token or key) are errors. A name that points at a secret rather than holding one is
        not: its last part is `SCOPE`, `NAME`, `PATH`, `URL`, `URI`, `ENDPOINT`, `ID`, `FILE`, `DIR` or `HOST`
        (`SECRET_SCOPE`, `API_KEY_NAME`, `TOKEN_URL`, `ACCESS_KEY_ID`), or it ends in `PASSWORD_KEY`,
        `TOKEN_KEY` or `SECRET_KEY` and its value reads like a key in a scope (`db-password`); neither are
        URLs (unless they carry a password), absolute paths or references; nor are settings about secrets (names ending in
        `TYPE`, `PROVIDER`, `LENGTH`, `LIMIT`, `ENV`, …) or values no secret is written as (numbers, flags, Java class
        names, the name of an environment variable, placeholders such as `<your-api-key>`). AWS's documented example
        keys (`…EXAMPLE`) are not reported. Token-shaped values are errors
        whatever the name. Store the value in a secret scope and reference it as
        `{{secrets/<scope>/<key>}}`, or pass it at deploy time through a variable. If the secret was ever
        committed, rotate it. dabrepo never prints the secret itself.
        """,
        triggeringExamples: [
            RuleExample("""
            bundle:
              name: demo
            resources:
              jobs:
                etl:
                  name: etl
                  tags:
                    ↓\(exampleToken): x
            """),
            RuleExample("""
            bundle:
              name: demo
            resources:
              jobs:
                etl:
                  name: etl
                  job_clusters:
                    - job_cluster_key: main
                      new_cluster:
                        spark_version: 15.4.x-scala2.12
                        node_type_id: i3.xlarge
                        num_workers: 1
                        spark_env_vars:
                          DATABRICKS_TOKEN: ↓\(exampleToken)
            """),
            RuleExample("""
            bundle:
              name: demo
            resources:
              jobs:
                etl:
                  name: etl
                  job_clusters:
                    - job_cluster_key: main
                      new_cluster:
                        spark_version: 15.4.x-scala2.12
                        node_type_id: i3.xlarge
                        num_workers: 1
                        spark_conf:
                          spark.hadoop.fs.azure.account.key.lake.dfs.core.windows.net: ↓c2VjcmV0LWtleQ==
            """),
            // A temporary AWS key and its secret in a notebook's parameters (Financial_cloud_engine).
            RuleExample("""
            bundle:
              name: demo
            resources:
              jobs:
                etl:
                  name: etl
                  tasks:
                    - task_key: load
                      notebook_task:
                        notebook_path: /Workspace/load
                        base_parameters:
                          aws_access_key: ↓\(exampleTemporaryKey)
                          aws_secret_key: ↓wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY
            """),
            RuleExample("""
            bundle:
              name: demo
            resources:
              jobs:
                etl:
                  name: etl
                  job_clusters:
                    - job_cluster_key: main
                      new_cluster:
                        spark_version: 15.4.x-scala2.12
                        node_type_id: i3.xlarge
                        num_workers: 1
                        spark_env_vars:
                          SECRET_SCOPE: etl
                          DB_PASSWORD: ↓hunter2
            """),
            // A password in a connection string, whatever the setting is called.
            RuleExample("""
            bundle:
              name: demo
            resources:
              pipelines:
                etl:
                  name: etl
                  configuration:
                    source_url: ↓"jdbc:sqlserver://db:1433;user=etl;password=Sup3rS3cretPw"
            """),
            // A token kept in a comment is committed and deployed as surely as a value.
            RuleExample("""
            bundle:
              name: demo
            # old token: ↓\(exampleToken)
            """),
        ],
        nonTriggeringExamples: [
            // A URL whose password is a reference, and one without a password.
            RuleExample("""
            bundle:
              name: demo
            resources:
              pipelines:
                etl:
                  name: etl
                  configuration:
                    source_url: "jdbc:postgresql://db:5432/x?user=admin&password={{secrets/etl/db}}"
                    api: "https://etl:{{secrets/etl/api}}@api.example.com/v1"
                    docs: "https://docs.example.com/a?page=2"
            """),
            // Values the job gives at run time are no literal secrets.
            RuleExample("""
            bundle:
              name: demo
            resources:
              jobs:
                etl:
                  name: etl
                  tasks:
                    - task_key: load
                      notebook_task:
                        notebook_path: /Workspace/load
                        base_parameters:
                          client_secret_dbs_key: "{{job.parameters.client_secret_dbs_key}}"
                          upstream_token: "{{tasks.a.values.token}}"
            """),
            RuleExample("""
            bundle:
              name: demo
            resources:
              jobs:
                etl:
                  name: etl
                  job_clusters:
                    - job_cluster_key: main
                      new_cluster:
                        spark_version: 15.4.x-scala2.12
                        node_type_id: i3.xlarge
                        num_workers: 1
                        spark_env_vars:
                          DATABRICKS_TOKEN: "{{secrets/etl/token}}"
                        spark_conf:
                          spark.hadoop.fs.azure.account.key.lake.dfs.core.windows.net: "{{secrets/etl/storage-key}}"
                          spark.sql.shuffle.partitions: "200"
            """),
            RuleExample("""
            bundle:
              name: demo
            resources:
              jobs:
                etl:
                  name: etl
                  job_clusters:
                    - job_cluster_key: main
                      new_cluster:
                        spark_version: 15.4.x-scala2.12
                        node_type_id: i3.xlarge
                        num_workers: 1
                        spark_env_vars:
                          SECRET_SCOPE: etl
                          PASSWORD_KEY: db-password
                          HF_TOKEN_SECRET_KEY: hf_token
                          API_KEY_NAME: openai-key
                          TOKEN_URL: https://login.microsoftonline.com/tenant/oauth2/token
                          PRIVATE_KEY_PATH: /dbfs/keys/k.pem
                          ACCESS_KEY_ID: ops-reader
            """),
        ])

    /// Whether a `spark_conf` / `spark_env_vars` / `base_parameters` entry called `name` holds a literal secret in
    /// `value`: `SecretRedaction.holdsSecret`, the judgement output uses too (an error on `SECRET_SCOPE: my-scope`
    /// would be noise, and a diff hiding `token_url` hid what a reviewer must see).
    static func holdsSecret(named name: String, value: String) -> Bool { SecretRedaction.holdsSecret(named: name, value: value) }

    public func validate(_ context: ValidationContext) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for file in context.bundle.files {
            guard let root = file.root else { continue }
            var components: [String] = []
            walk(root, components: &components, key: nil, parentKey: nil, into: &out)
            // A comment is committed and deployed with the file too ("# old token: dapi…" passed).
            if let data = try? context.bundle.source.read(file.path),
               data.withUnsafeBytes({ SecretRedaction.mayHoldSecret($0.bindMemory(to: UInt8.self)) }),
               let text = String(data: data, encoding: .utf8) {
                out += commentFindings(in: text, file: file.path)
            }
        }
        return out
    }

    /// Secrets in the file's comments, at their line and column (values are found above, by the tree).
    func commentFindings(in text: String, file: String) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for (n, line) in text.sourceLines.enumerated() {
            guard let start = Self.commentStart(line) else { continue }
            let comment = String(line[start...])
            guard let found = SecretRedaction.firstSecretOffset(in: comment), !SecretRedaction.isDocumentedExample(comment, kind: found.kind) else { continue }
            let column = line.distance(from: line.startIndex, to: start) + found.offset + 1
            var finding = diagnostic("a comment in \(file) holds a literal secret (\(found.kind))",
                                     detail: "Comments are committed and deployed with the file: remove it, and rotate the secret if it was ever committed.",
                                     path: nil, at: SourceLocation(file: file, line: n + 1, column: column))
            finding.fingerprint = SecretRedaction.fingerprint(comment)
            out.append(finding)
        }
        return out
    }

    /// Where a YAML comment starts on a line: a `#` at its start or after a space, outside quotes.
    static func commentStart(_ line: Substring) -> Substring.Index? {
        var quote: Character?
        var previous: Character = " "
        for index in line.indices {
            let c = line[index]
            if let open = quote {
                if c == open { quote = nil }
            } else if c == "\"" || c == "'" {
                if previous == " " || previous == ":" || previous == "[" || previous == "," || previous == "-" || previous == "{" { quote = c }
            } else if c == "#", previous == " " || previous == "\t" {
                return index
            }
            previous = c
        }
        return nil
    }

    func walk(_ node: YAMLNode, components: inout [String], key: String?, parentKey: String?, into out: inout [Diagnostic]) {
        switch node.kind {
        case .mapping(let m):
            for e in m.entries {
                // A token written as a key (`tags: {dapi…: x}`) is committed as surely as a value.
                if let kind = SecretRedaction.firstSecret(in: e.key) {
                    var finding = diagnostic("a key of \(components.last ?? "the file") is a literal secret (\(kind))",
                                             detail: "A key is committed and deployed as written: remove it, and rotate the secret if it was ever committed.",
                                             path: SchemaChecker.render(components + [SecretRedaction.redact(e.key)]), at: e.keyLocation)
                    finding.fingerprint = SecretRedaction.fingerprint(e.key)
                    out.append(finding)
                }
                components.append(e.key)
                walk(e.value, components: &components, key: e.key, parentKey: key, into: &out)
                components.removeLast()
            }
        case .sequence(let items):
            for (i, item) in items.enumerated() {
                components.append("[\(i)]")
                walk(item, components: &components, key: key, parentKey: parentKey, into: &out)
                components.removeLast()
            }
        case .scalar(let s):
            var path: String { SchemaChecker.render(components) }
            guard case .string(let text) = s.value, !text.isEmpty else { return }
            if let kind = SecretRedaction.firstSecret(in: text), !SecretRedaction.isDocumentedExample(text, kind: kind) {
                let name = components.suffix(2).joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
                var finding = diagnostic("\(name) holds a literal secret (\(kind))",
                                         detail: "Store it in a secret scope and reference it as {{secrets/<scope>/<key>}}, or pass it through a variable at deploy time. Rotate it if it was ever committed.",
                                         path: path, at: node.location)
                finding.fingerprint = SecretRedaction.fingerprint(text)
                out.append(finding)
                return
            }
            // A password written in a URL or a connection string (`https://etl:pw@api…`, `jdbc:…;password=pw`), whatever the
            // setting's name: output redacted it, and it was committed as valid.
            if !SecretRedaction.embeddedPasswords(in: text).isEmpty {
                let name = components.suffix(2).joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
                var finding = diagnostic("\(name) holds a literal secret (\(SecretRedaction.embeddedPasswordKind))",
                                         detail: "Keep the password out of the URL: store it in a secret scope and read it at run time ({{secrets/<scope>/<key>}}, dbutils.secrets.get), or pass it through a variable at deploy time. Rotate it if it was ever committed.",
                                         path: path, at: node.location)
                finding.fingerprint = SecretRedaction.fingerprint(text)
                out.append(finding)
                return
            }
            // (A notebook task's base_parameters too: `aws_secret_key: …` is committed with the job.)
            guard let key, parentKey == "spark_conf" || parentKey == "spark_env_vars" || parentKey == "base_parameters" else { return }
            guard Self.holdsSecret(named: key, value: text) else { return }
            var finding = diagnostic("\(parentKey!) entry \(key) holds a literal value; secrets belong in a secret scope",
                                     detail: parentKey == "base_parameters"
                                         ? "Read it in the notebook with dbutils.secrets.get(scope, key), or pass {{secrets/<scope>/<key>}}, instead of committing the value."
                                         : "Write it as {{secrets/<scope>/<key>}} so that the value is read from a secret scope when the cluster starts.",
                                     path: path, at: node.location)
            finding.fingerprint = SecretRedaction.fingerprint(text)
            out.append(finding)
        }
    }
}
