import BundleModel
import BundleValidation
import XCTest

/// The redactor hides every kind of secret the `literal-secret` rule reports, in every form dabrepo
/// prints or stores it: the YAML line, JSON, a `name=value` request, a diff's `old → new`. The kinds
/// come from `SecretRedaction` itself (each pattern, the private key, each secret name part), so a
/// kind added there is tested here without writing a new test.
final class SecretRedactionTests: XCTestCase {
    /// A secret of each shape, built at run time so that no token-shaped string is in the source.
    static func sample(_ pattern: SecretRedaction.Pattern) -> String {
        let alphabet = Array("0a1b2c3d9fAZ7_".filter(pattern.body))
        var body = (0..<pattern.bodyLength.lowerBound).map { alphabet[$0 % alphabet.count] }
        // (A shape of parts joined by dots, a JSON Web Token's: two of them.)
        if pattern.shape != nil { body[body.count / 3] = "."; body[2 * body.count / 3] = "." }
        return pattern.prefix + String(body)
    }

    /// Passwords in URLs and connection strings are literal secrets (a revision refuses them, as output hides them);
    /// references, placeholders and code building a URL are not.
    func testPasswordsInURLsAreLiteralSecrets() {
        for text in ["jdbc:sqlserver://db:1433;user=etl;password=Sup3rS3cretPw", "https://etl:Sup3rS3cretPw2@api.example.com/v1",
                     "Server=tcp:x.database.windows.net;Database=db;User ID=sa;Password=Sup3rS3cretPw!;",
                     "postgresql://db:5432/x?user=admin&password=Sup3rS3cretPw"] {
            XCTAssertEqual(SecretRedaction.literalSecrets(in: text).map(\.kind), [SecretRedaction.embeddedPasswordKind], text)
            XCTAssertFalse(SecretRedaction.redact(text).contains("Sup3rS3cretPw"), text)
        }
        for text in ["jdbc:postgresql://db/x?user=a&password={{secrets/etl/db}}", "https://etl:${var.pw}@api.example.com",
                     #"url = f"postgresql://{user}:{password}@{host}/db""#, "conn = connect(user=u, password=pw)",
                     "https://user:<password>@host", "https://docs.example.com/a?page=2", "jdbc:mysql://db/x?user=a&password=***"] {
            XCTAssertTrue(SecretRedaction.literalSecrets(in: text).isEmpty, text)
        }
    }

    /// Short names of passwords and credentials of other shapes are secrets too (trial of 2026-12-08: committed).
    func testShortPasswordNamesAndOtherCredentialShapes() {
        for name in ["DB_PASS", "PGPASS", "SNOWFLAKE_PWD", "ssh-passphrase"] {
            XCTAssertTrue(SecretRedaction.holdsSecret(named: name, value: "Hunter2Pass!"), name)
        }
        XCTAssertFalse(SecretRedaction.holdsSecret(named: "BYPASS_CACHE", value: "Hunter2Pass!"))
        let key = String(repeating: "Ab3+", count: 22) + "==" 
        for text in ["DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=\(key);EndpointSuffix=core.windows.net",
                     "https://hooks.slack.com/services/" + "T024BE7LD/B01234ABCDE/abcDEF123ghiJKL456mnoPQR"] {
            XCTAssertFalse(SecretRedaction.literalSecrets(in: text).isEmpty, text)
        }
    }

    static let privateKey = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAx7Qk9s2lZ\nQ1w9pL3xV+y/7Tt0=\n-----END RSA PRIVATE KEY-----"

    static func bundle(sparkConf: [(String, String)] = [], envVars: [(String, String)] = [], blockScalar: String? = nil) -> String {
        var lines = ["bundle:", "  name: demo", "resources:", "  jobs:", "    etl:", "      name: etl",
                     "      job_clusters:", "        - job_cluster_key: main", "          new_cluster:",
                     "            spark_version: 15.4.x-scala2.12", "            node_type_id: i3.xlarge", "            num_workers: 1"]
        if !sparkConf.isEmpty { lines += ["            spark_conf:"] + sparkConf.map { "              \($0.0): \($0.1)" } }
        if !envVars.isEmpty || blockScalar != nil { lines.append("            spark_env_vars:") }
        lines += envVars.map { "              \($0.0): \($0.1)" }
        if let blockScalar {
            lines.append("              SIGNING_PEM: |")
            lines += blockScalar.split(separator: "\n").map { "                \($0)" }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func findings(_ yaml: String) throws -> [Diagnostic] {
        let loaded = try BundleLoader(source: InMemoryFileSource(texts: ["databricks.yml": yaml])).load()
        return Validator().validate(loaded, targets: [nil]).filter { $0.rule == "literal-secret" }
    }

    /// The forms a secret takes in what dabrepo prints and stores.
    static func forms(name: String, value: String) -> [String] {
        ["\(name): \(value)",
         "{\"\(name)\": \"\(value)\", \"other\": 1}",
         "{\n  \"\(name)\" : \"\(value)\"\n}",
         "{\\\"\(name)\\\": \\\"\(value)\\\"}",
         "tag the job with \(name)=\(value) please",
         "set \(name) to \(value) on the ml cluster",
         "dabrepo: Set spark_conf \(name) to \(value) (was unset) on job cluster main of job etl.",
         "~ resources.jobs.etl.job_clusters[main].new_cluster.spark_conf.\(name): old1 → \(value)",
         "+ resources.jobs.etl.job_clusters[main].new_cluster.spark_conf.\(name): \"\(value)\""]
    }

    /// The byte prefilter that rules source files out before they become Strings never rules out one
    /// that holds a secret, wherever in the bytes it is; and it does rule out ordinary code.
    /// A hint's placeholder is no value ("pass --var hf_secret_scope=[REDACTED]" read as if to type that).
    func testAHintsPlaceholderIsKept() {
        XCTAssertEqual(SecretRedaction.redact("pass --var hf_secret_scope=VALUE, or set BUNDLE_VAR_hf_secret_scope."),
                       "pass --var hf_secret_scope=VALUE, or set BUNDLE_VAR_hf_secret_scope.")
        XCTAssertFalse(SecretRedaction.redact("--var sql_password=hunter2secret").contains("hunter2"))
        XCTAssertEqual(SecretRedaction.redact("open http://127.0.0.1:PORT/?token=…  then"), "open http://127.0.0.1:PORT/?token=…  then")
        XCTAssertFalse(SecretRedaction.redact("open http://127.0.0.1:8080/?token=Zq3xV9pL2mN8").contains("Zq3xV9pL2mN8"))
    }

    func testThePrefilterKeepsEveryTextThatHoldsASecret() {
        func mayHold(_ text: String) -> Bool { Array(text.utf8).withUnsafeBufferPointer(SecretRedaction.mayHoldSecret) }
        for secret in SecretRedaction.patterns.map(Self.sample) + [Self.privateKey] {
            for text in [secret, "x = \"\(secret)\"", "é\n\(secret)\n", "# token\n" + secret] {
                XCTAssertTrue(mayHold(text), text)
                XCTAssertNotNil(SecretRedaction.firstSecret(in: text), text)
            }
        }
        for text in ["", "d", "# Databricks notebook source\nspark.read.table(\"main.sales.orders\").display()\n", "task_key: ingest", "dapper"] {
            XCTAssertFalse(mayHold(text), text)
            XCTAssertNil(SecretRedaction.firstSecret(in: text), text)
        }
    }

    func testEveryTokenShapeTheRuleReportsIsRedacted() throws {
        XCTAssertFalse(SecretRedaction.patterns.isEmpty)
        for pattern in SecretRedaction.patterns {
            let secret = Self.sample(pattern)
            // The rule reports it by its shape alone, under a harmless name.
            let yaml = Self.bundle(envVars: [("SOME_SETTING", secret)])
            XCTAssertEqual(try findings(yaml).count, 1, "the rule does not report a \(pattern.name)")
            XCTAssertEqual(SecretRedaction.firstSecret(in: secret), pattern.name)
            // A prefix that must start a word (`sk-`) is not glued to a letter; the others may be.
            let glued = (pattern.standsAlone ? "(" : "a") + secret + "-2 b"
            for text in [yaml, "my token is \(secret).", "\"default\": \"\(secret)\"", glued, "Bearer \(secret)"] + Self.forms(name: "SOME_SETTING", value: secret) {
                let redacted = SecretRedaction.redact(text)
                XCTAssertFalse(redacted.contains(secret), "\(pattern.name) not redacted in: \(redacted)")
                XCTAssertFalse(redacted.contains(String(secret.dropFirst(pattern.prefix.count))), "\(pattern.name) body left in: \(redacted)")
                XCTAssertTrue(redacted.contains(pattern.prefix + SecretRedaction.marker), redacted)
                XCTAssertNil(SecretRedaction.firstSecret(in: redacted), redacted)
            }
        }
    }

    func testPrivateKeyBlocksAreRedacted() throws {
        let yaml = Self.bundle(blockScalar: Self.privateKey)
        XCTAssertEqual(try findings(yaml).map(\.summary), ["spark_env_vars.SIGNING_PEM holds a literal secret (private key)"])
        let escaped = Self.privateKey.replacingOccurrences(of: "\n", with: "\\n")
        let unterminated = "-----BEGIN OPENSSH PRIVATE KEY-----\\nb3BlbnNzaC1rZXktdjEAAAAA\\nQ1w9pL3xV+y/7Tt0=\", \"next\": 1"
        for text in [yaml, Self.privateKey, "{\"pem\": \"\(escaped)\"}", unterminated] {
            let redacted = SecretRedaction.redact(text)
            for body in ["MIIEowIBAAKCAQEAx7Qk9s2lZ", "Q1w9pL3xV+y/7Tt0=", "b3BlbnNzaC1rZXktdjEAAAAA"] {
                XCTAssertFalse(redacted.contains(body), "private key body left in: \(redacted)")
            }
            XCTAssertNil(SecretRedaction.firstSecret(in: redacted), redacted)
        }
        XCTAssertEqual(SecretRedaction.redact(unterminated), "[REDACTED private key]\", \"next\": 1", "the JSON around it stays intact")
        XCTAssertEqual(SecretRedaction.redact("{\"pem\": \"\(escaped)\"}"), "{\"pem\": \"[REDACTED private key]\"}")
    }

    func testEveryNamedSecretTheRuleReportsIsRedacted() throws {
        XCTAssertFalse(SecretRedaction.secretNameParts.isEmpty)
        for (n, part) in SecretRedaction.secretNameParts.enumerated() {
            let name = "spark.hadoop.x.\(part).lake"
            let value = "c2VjcmV0LWtleQ\(n)x=="
            let yaml = Self.bundle(sparkConf: [(name, value)], envVars: [("APP_\(part.uppercased())", "Zm9vYmFy\(n)")])
            XCTAssertEqual(try findings(yaml).count, 2, "the rule does not report \(part)")
            let redacted = SecretRedaction.redact(yaml)
            XCTAssertFalse(redacted.contains(value), redacted)
            XCTAssertFalse(redacted.contains("Zm9vYmFy\(n)"), redacted)
            for text in Self.forms(name: name, value: value) {
                let out = SecretRedaction.redact(text)
                XCTAssertFalse(out.contains(value), "\(part): \(out)")
                XCTAssertTrue(out.contains(name), "the name stays readable: \(out)")
            }
        }
        XCTAssertEqual(SecretRedaction.redact("~ spark_conf.fs.s3a.secret.key: abc1 → def2"), "~ spark_conf.fs.s3a.secret.key: [REDACTED] → [REDACTED]")
        XCTAssertEqual(SecretRedaction.redact("~ spark_conf.fs.s3a.secret.key: \"{{secrets/a/b}}\" → def2\nnext: line → x"),
                       "~ spark_conf.fs.s3a.secret.key: \"{{secrets/a/b}}\" → [REDACTED]\nnext: line → x")
        XCTAssertEqual(SecretRedaction.redact("{\"DB_PASSWORD\": \"hunter2\", \"num_workers\": 4}"), "{\"DB_PASSWORD\": \"[REDACTED]\", \"num_workers\": 4}")
    }

    func testTheRuleTriggeringExamplesAreRedacted() throws {
        let d = LiteralSecretRule.description
        for example in d.triggeringExamples {
            let (files, marker) = example.unmarked
            let text = try XCTUnwrap(files["databricks.yml"])
            let marked = try XCTUnwrap(marker)
            let line = String(text.split(separator: "\n", omittingEmptySubsequences: false)[marked.line - 1])
            let secret = String(line.dropFirst(marked.column - 1))
            XCTAssertFalse(secret.isEmpty)
            XCTAssertFalse(SecretRedaction.redact(text).contains(secret), "example secret \(secret) not redacted")
        }
    }

    /// `sk-` (an OpenAI or Anthropic key's start) also occurs inside ordinary names: only a word that
    /// starts with it and holds a digit is a key.
    func testKeyPrefixesInsideOrdinaryNamesAreLeftAlone() {
        for text in ["task_key: risk-model-training-v2-pipeline-2024", "name: disk-space-cleanup-job-for-team-7",
                     "tags: {team: sk-learn-experiments-and-friends}", "see task-dependency-cycle-in-the-rules-2"] {
            XCTAssertEqual(SecretRedaction.redact(text), text)
            XCTAssertNil(SecretRedaction.firstSecret(in: text), text)
        }
        let anthropic = "sk-ant-api03-" + String(repeating: "Ab3_x-", count: 15)
        XCTAssertEqual(SecretRedaction.firstSecret(in: "x-api-key: \(anthropic)"), "Anthropic API key")
        XCTAssertEqual(SecretRedaction.redact("{\"key\": \"\(anthropic)\"}"), "{\"key\": \"sk-ant-[REDACTED]\"}")
    }

    func testReferencesAndOrdinarySettingsAreLeftAlone() {
        for text in ["DATABRICKS_TOKEN: \"{{secrets/etl/token}}\"", "password: ${var.db_password}", "token: {{secrets/a/b}}",
                     "num_workers: 4", "job_cluster_key: main", "task_key=ingest", "spark.sql.shuffle.partitions: \"200\"",
                     "names with password, secret, token or key", "dapi… tokens", "https://example.com:443/x",
                     "token: dapi[REDACTED]", "\"password\": null", "add a token to the job", "set the secret scope to etl",
                     "stop passing databricks_token to the llm task", "pass db_password to every task"] {
            XCTAssertEqual(SecretRedaction.redact(text), text)
        }
        // What names, locates or points at a secret stays readable (a diff hid a URL moving to another host).
        for text in ["token_url: https://login.example.com/token → https://login.evil.example/token", "secret_scope: kv_dev → kv_prod",
                     "password_secret_key: db_password", "id-token: write", "PRIVATE_KEY_PATH: /dbfs/keys/k.pem"] {
            XCTAssertEqual(SecretRedaction.redact(text), text)
        }
        XCTAssertEqual(SecretRedaction.redact("db_password: hunter2hunter2 → s3cr3t-Value"), "db_password: [REDACTED] → [REDACTED]")
        // `null` is a literal to the rule, but not a secret worth hiding; numbers of secret-named settings are hidden.
        XCTAssertEqual(SecretRedaction.redact("api_key: 12345"), "api_key: [REDACTED]")
        XCTAssertEqual(SecretRedaction.redact("set db_password to hunter2 on the job"), "set db_password to [REDACTED] on the job")
    }

    /// A URL's password and a query parameter carrying a key are hidden; its user, host and other
    /// parameters stay. A two-letter word after a secret-named word is prose ("literal-secret: No
    /// literal secrets" lost its "No").
    func testAURLsPasswordAndKeyParameters() {
        XCTAssertEqual(SecretRedaction.redact("Anthropic (http://me:pw-SECRET9@127.0.0.1:8/v1/messages?api-version=2&key=abc123&sig=zz9) is down"),
                       "Anthropic (http://me:[REDACTED]@127.0.0.1:8/v1/messages?api-version=2&key=[REDACTED]&sig=[REDACTED]) is down")
        XCTAssertEqual(SecretRedaction.redact("jdbc:postgresql://admin:Hunter2x@db:5432/x"), "jdbc:postgresql://admin:[REDACTED]@db:5432/x")
        for text in ["https://example.com:443/x?page=2", "https://user@example.com/x", "url: https://u:${var.password}@host/x",
                     "literal-secret: No literal secrets", "set embed_credentials to false on the dashboard", "embed_credentials: true"] {
            XCTAssertEqual(SecretRedaction.redact(text), text)
        }
    }

    /// Token counts of a language model's usage are numbers, not secrets: JSON stays JSON.
    func testTokenCountsAreLeftAlone() {
        let usage = "\"usage\" : {\n  \"input_tokens\" : 1200,\n  \"output_tokens\" : 80,\n  \"max_tokens\": 8192\n}"
        XCTAssertEqual(SecretRedaction.redact(usage), usage)
        XCTAssertEqual(SecretRedaction.redact("access_token: abc123xyz"), "access_token: [REDACTED]")
    }

    /// `eyJ` and letters occur in any base64 text (a test's random data was refused as a secret now and
    /// then): a JSON Web Token is three parts joined by dots.
    func testAJSONWebTokenHasThreeParts() {
        let base64 = "DATA = '+eyJ" + String(repeating: "Qm9keQ8x", count: 20) + "/'"
        XCTAssertNil(SecretRedaction.firstSecret(in: base64))
        let token = "eyJhbGciOiJIUzI1NiJ9" + "." + String(repeating: "eyJzdWIiOiIx", count: 4) + "." + "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"
        XCTAssertEqual(SecretRedaction.firstSecret(in: "token: " + token), "JSON Web Token")
    }
}
