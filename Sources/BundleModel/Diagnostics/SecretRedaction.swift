import Foundation
import Synchronization
/// Finds and hides secrets (Databricks tokens, cloud keys, private keys, values of settings named
/// like secrets) in text that dabrepo prints or stores.
///
/// The one definition of what a secret looks like: the `literal-secret` rule detects with it, and
/// everything dabrepo writes (terminal, JSON, session files, commit messages, tool results, logs)
/// goes through `redact`, so that the redactor hides every kind the rule reports.
public enum SecretRedaction {
    /// A kind of secret recognised by its shape: a fixed prefix and a body.
    public struct Pattern: Sendable {
        public var name: String
        public var prefix: String
        public var bodyLength: ClosedRange<Int>
        public var body: @Sendable (Character) -> Bool
        /// The prefix starts a word (not preceded by a letter, digit, `_` or `-`) and the body holds a
        /// digit: for short prefixes such as `sk-` that also occur inside ordinary names (`task-…`).
        public var standsAlone = false
        /// What the whole match must also be (a JSON Web Token is three parts joined by dots: `eyJ` and
        /// letters alone occur in any base64 text).
        public var shape: (@Sendable (Substring) -> Bool)? = nil
    }

    /// What replaces a secret.
    public static let marker = "[REDACTED]"

    /// The credentials this process holds (a model's API key, the workspace token), whatever their
    /// shape: a key of a proxy (`plainProxyKey-7f3a…`) has none of the patterns', and still never
    /// reaches output, a file or a commit.
    final class Held: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: [String] = []
        /// Whether any is held, read without the lock: the rules ask for every value of a bundle (the
        /// pre-commit hook's path), and usually none is held.
        private let any = Atomic<Bool>(false)
        var values: [String] {
            guard any.load(ordering: .acquiring) else { return [] }
            lock.lock(); defer { lock.unlock() }
            return stored
        }
        func add(_ value: String) {
            lock.lock(); defer { lock.unlock() }
            if !stored.contains(value) { stored.append(value) }
            any.store(true, ordering: .releasing)
        }
    }
    static let held = Held()

    /// Remembers a credential this process uses, so that `redact` hides it and `literalSecrets` finds it
    /// wherever it appears. Values shorter than 8 characters are not remembered (they would hide words).
    public static func hold(_ credential: String?) {
        guard let credential = credential?.trimmingCharacters(in: .whitespacesAndNewlines), credential.count >= 8 else { return }
        held.add(credential)
    }
    /// The kind `firstSecret` names for a PEM private key block.
    public static let privateKeyKind = "private key"

    static func isHex(_ c: Character) -> Bool { c.isHexDigit && (c.isNumber || c.isLowercase) }
    static func isUpperAlnum(_ c: Character) -> Bool { c.isASCII && (c.isUppercase || c.isNumber) }
    static func isToken(_ c: Character) -> Bool { c.isASCII && (c.isLetter || c.isNumber || c == "_") }
    static func isKeyBody(_ c: Character) -> Bool { isToken(c) || c == "-" }

    public static let patterns: [Pattern] = [
        Pattern(name: "Databricks personal access token", prefix: "dapi", bodyLength: 32...40, body: isHex),
        Pattern(name: "Databricks OAuth secret", prefix: "dose", bodyLength: 32...40, body: isHex),
        Pattern(name: "AWS access key id", prefix: "AKIA", bodyLength: 16...16, body: isUpperAlnum),
        // A temporary (STS) access key id: it comes with a secret key and a session token beside it.
        Pattern(name: "AWS temporary access key id", prefix: "ASIA", bodyLength: 16...16, body: isUpperAlnum),
        Pattern(name: "GitHub token", prefix: "ghp_", bodyLength: 36...40, body: isToken),
        Pattern(name: "GitHub token", prefix: "github_pat_", bodyLength: 60...90, body: isToken),
        // Language model API keys: Anthropic's `sk-ant-api03-…`, OpenAI's `sk-proj-…`, `sk-…`. The
        // Anthropic shape comes first: its prefix also starts OpenAI's.
        Pattern(name: "Anthropic API key", prefix: "sk-ant-", bodyLength: 20...300, body: isKeyBody, standsAlone: true),
        Pattern(name: "OpenAI API key", prefix: "sk-", bodyLength: 20...300, body: isKeyBody, standsAlone: true),
        // Slack's bot, user and app tokens; Google's API keys; JSON Web Tokens (`eyJ…`, Databricks OAuth
        // access tokens among them), whose body runs over its dots.
        Pattern(name: "Slack token", prefix: "xoxb-", bodyLength: 10...250, body: isKeyBody),
        Pattern(name: "Slack token", prefix: "xoxp-", bodyLength: 10...250, body: isKeyBody),
        Pattern(name: "Slack token", prefix: "xoxa-", bodyLength: 10...250, body: isKeyBody),
        Pattern(name: "Slack token", prefix: "xoxe-", bodyLength: 10...250, body: isKeyBody),
        Pattern(name: "Google API key", prefix: "AIza", bodyLength: 35...35, body: isKeyBody),
        // An Azure storage connection string's key, incoming-webhook URLs (whoever has one posts to the channel): committed
        // as "valid".
        Pattern(name: "Azure storage account key", prefix: "AccountKey=", bodyLength: 40...120, body: { $0.isASCII && ($0.isLetter || $0.isNumber || "+/=".contains($0)) }),
        Pattern(name: "Azure shared access key", prefix: "SharedAccessKey=", bodyLength: 20...120, body: { $0.isASCII && ($0.isLetter || $0.isNumber || "+/=".contains($0)) }),
        Pattern(name: "Stripe secret key", prefix: "sk_live_", bodyLength: 16...120, body: { $0.isASCII && ($0.isLetter || $0.isNumber) }),
        Pattern(name: "Stripe restricted key", prefix: "rk_live_", bodyLength: 16...120, body: { $0.isASCII && ($0.isLetter || $0.isNumber) }),
        Pattern(name: "GitLab token", prefix: "glpat-", bodyLength: 20...40, body: isToken),
        Pattern(name: "npm token", prefix: "npm_", bodyLength: 36...36, body: { $0.isASCII && ($0.isLetter || $0.isNumber) }, standsAlone: true),
        Pattern(name: "Hugging Face token", prefix: "hf_", bodyLength: 30...40, body: { $0.isASCII && ($0.isLetter || $0.isNumber) }, standsAlone: true),
        Pattern(name: "Discord webhook URL", prefix: "discord.com/api/webhooks/", bodyLength: 20...200, body: { $0.isASCII && ($0.isLetter || $0.isNumber || "/-_".contains($0)) }),
        Pattern(name: "Slack webhook URL", prefix: "hooks.slack.com/services/", bodyLength: 20...120, body: { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "/") }),
        Pattern(name: "Microsoft Teams webhook URL", prefix: ".webhook.office.com/webhookb2/", bodyLength: 20...400,
                body: { $0.isASCII && ($0.isLetter || $0.isNumber || "/-@_".contains($0)) }),
        Pattern(name: "JSON Web Token", prefix: "eyJ", bodyLength: 30...8000, body: { isKeyBody($0) || $0 == "." }, standsAlone: true,
                shape: { token in token.split(separator: ".", omittingEmptySubsequences: false).count == 3 && !token.split(separator: ".").contains { $0.count < 4 } }),
    ]

    /// Parts of a setting's name (lowercased) that make its value a secret: `DB_PASSWORD`,
    /// `spark.hadoop.fs.azure.account.key.lake.dfs.core.windows.net`, `fs.s3a.secret.key`.
    public static let secretNameParts = ["password", "passwd", "secret", "token", "apikey", "api_key", "api-key", "access.key",
                                         "access_key", "secret.key", "account.key", "private_key", "credential"]

    /// Whether a setting called `name` holds a secret.
    public static func isSecretName(_ name: String) -> Bool {
        let lower = name.lowercased()
        // Counts of a language model's tokens (`input_tokens`, `max_tokens`) and tokenizers are not secrets.
        if lower.containsText("tokens") || lower.containsText("tokenizer") || lower.containsText("token_count") { return false }
        // (`DB_PASS`, `PGPASS`, `SNOWFLAKE_PWD`: a password by its short names, as parts of the name.)
        let parts = lower.split(whereSeparator: { $0 == "_" || $0 == "." || $0 == "-" })
        if parts.contains(where: { ["pass", "pwd", "pgpass", "passphrase"].contains($0) }) { return true }
        return secretNameParts.contains { lower.containsText($0) }
    }

    /// The last parts of a setting's name that make it name, locate or identify a secret rather than hold
    /// one: `SECRET_SCOPE`, `API_KEY_NAME`, `PRIVATE_KEY_PATH`, `TOKEN_URL`, `ACCESS_KEY_ID`.
    public static let pointerNameEnds: Set<String> = ["scope", "name", "path", "url", "uri", "endpoint", "id", "file", "dir", "host"]
    /// Secret words after which a final `key` names the key of a secret in a scope (`PASSWORD_KEY`,
    /// `HF_TOKEN_SECRET_KEY`) when the value reads like such a key.
    public static let secretWords: Set<String> = ["password", "passwd", "pwd", "token", "secret"]

    /// Whether a `spark_conf` / `spark_env_vars` entry called `name` holds a literal secret in `value`
    /// (token-shaped values are found by their shape, whatever the name): not a name, place or id of one
    /// (`SECRET_SCOPE: my-scope`, `TOKEN_URL: https://…`), a setting about them, a path, a flag or a placeholder.
    public static func holdsSecret(named name: String, value: String) -> Bool {
        guard isSecretName(name), !isReference(value) else { return false }
        var parts = name.lowercased().split(whereSeparator: { $0 == "_" || $0 == "." || $0 == "-" }).map(String.init)
        // (`secret_scope.default`, a variable's default: the name is the variable's.)
        if parts.count > 1, ["default", "value"].contains(parts.last!) { parts.removeLast() }
        guard let last = parts.last, !pointerNameEnds.contains(last), !settingNameEnds.contains(last) else { return false }
        if isURL(value) { return hasPassword(inURL: value) }
        if value.hasPrefix("/") || isPlainSetting(value) { return false }
        if last == "key", parts.count >= 2, secretWords.contains(parts[parts.count - 2]), readsLikeAKeyName(value) { return false }
        return true
    }

    /// The last parts of a name that make it a setting about secrets or tokens rather than one:
    /// `fs.azure.sas.token.provider.type`, `…credentials.provider`, `password_min_length`, `token_budget`,
    /// `token_column`, `apikey_env`.
    public static let settingNameEnds: Set<String> = ["type", "provider", "class", "length", "limit", "budget", "overlap", "column", "col", "count",
                                               "size", "env", "var", "mode", "enabled", "disabled", "format", "version", "ttl", "timeout",
                                               "expiry", "max", "min", "header", "field", "prefix", "suffix", "algorithm", "policy"]

    /// A value no secret is written as: a number or a flag (`"2000"`, `"1"`, `true`), a Java class
    /// (`com.amazonaws.auth.InstanceProfileCredentialsProvider`), the name of an environment variable that
    /// holds it (`OPENAI_API_KEY`), or a placeholder (`<your-api-key>`, `REPLACE_ME`, `changeme`, `xxx`).
    public static func isPlainSetting(_ value: String) -> Bool {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if Double(trimmed) != nil || ["true", "false", "yes", "no", "on", "off", "none", "null", "read", "write", "read-all", "write-all"].contains(trimmed.lowercased()) { return true }
        if trimmed.range(of: #"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+\.[A-Z][A-Za-z0-9_$]*$"#, options: .regularExpression) != nil { return true }
        if trimmed.range(of: #"^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$"#, options: .regularExpression) != nil { return true }
        if trimmed.range(of: #"^(<[^>]*>|‹[^›]*›|\[[^\]]*\]|(?i:replace[_-]?me|change[_-]?me|todo|tbd|x{3,}|\*{3,}|your[_-][a-z_-]+|placeholder))$"#, options: .regularExpression) != nil { return true }
        return false
    }

    /// `https://…`, `jdbc:postgresql://…`, `dbfs:/…`, `s3://…`.
    public static func isURL(_ value: String) -> Bool {
        guard let separator = value.range(of: ":/"), separator.lowerBound > value.startIndex else { return false }
        return value[..<separator.lowerBound].allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+.-:".contains($0)) }
    }

    /// `scheme://user:password@host`.
    public static func hasPassword(inURL value: String) -> Bool {
        guard let start = value.range(of: "://")?.upperBound else { return false }
        let authority = value[start...].prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        guard let at = authority.lastIndex(of: "@") else { return false }
        return authority[..<at].contains(":")
    }

    /// `db-password`, `hf_token`, `openai.key`: lowercase words joined by `-`, `_` or `.`, the way keys in
    /// a secret scope are written.
    public static func readsLikeAKeyName(_ value: String) -> Bool {
        let words = value.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "-" || $0 == "_" || $0 == "." })
        return words.count >= 2 && words.allSatisfy { word in
            word.first?.isLetter == true && word.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber) }
        }
    }

    /// Whether a finding of `kind` in `text` is one of the example keys AWS documents
    /// (`AKIAIOSFODNN7EXAMPLE`, `wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY`), which READMEs and comments quote:
    /// no secret to report (output still hides it).
    /// Placeholders shaped like a token are no secret either: one character repeated (`dapi000…0`), or a
    /// word such as `test` between dashes (`sk-ant-test-key-000…`), which tests and samples write.
    public static func isDocumentedExample(_ text: String, kind: String) -> Bool {
        if kind.hasPrefix("AWS") && text.containsText("EXAMPLE") { return true }
        let found = literalSecrets(in: text).filter { $0.kind == kind }.map(\.value)
        return !found.isEmpty && found.allSatisfy(isPlaceholderToken)
    }

    static func isPlaceholderToken(_ token: String) -> Bool {
        let prefix = patterns.first { token.hasPrefix($0.prefix) }?.prefix ?? ""
        let body = token.dropFirst(prefix.count)
        if Set(body.filter { $0 != "-" && $0 != "_" }).count <= 1 { return true }
        let segments = Set(body.lowercased().split(whereSeparator: { $0 == "-" || $0 == "_" }).map(String.init))
        return !segments.isDisjoint(with: ["test", "fake", "dummy", "example", "sample", "placeholder", "mock"])
    }

    /// Whether a value refers to a secret instead of holding one: `{{secrets/scope/key}}`, `${var.token}`,
    /// or a value the job gives at run time (`{{job.parameters.client_secret}}`, `{{tasks.a.values.token}}`).
    public static func isReference(_ value: String) -> Bool {
        value.containsText("{{secrets/") || value.containsText("${")
            || value.range(of: #"\{\{\s*[A-Za-z_][A-Za-z0-9_.\-]*\s*\}\}"#, options: .regularExpression) != nil
    }

    /// A fingerprint of a text holding a secret (FNV-1a, 64 bits), to tell one secret from another
    /// without keeping either: compared in memory, never printed.
    public static func fingerprint(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return String(hash, radix: 16)
    }

    /// The kind of the first secret in `text` that its shape gives away (a token, a key, a private
    /// key block), if any. Values of secret-named settings need their name: see `isSecretName`.
    public static func firstSecret(in text: String) -> String? {
        if held.values.contains(where: { text.contains($0) }) { return "credential dabrepo uses" }
        if let possible = text.utf8.withContiguousStorageIfAvailable(mayHoldSecret), !possible { return nil }
        if !privateKeys(in: text).isEmpty { return privateKeyKind }
        for p in patterns where text.containsText(p.prefix) {
            if !matches(of: p, in: text).isEmpty { return p.name }
        }
        return nil
    }

    /// Whether UTF-8 `bytes` may hold a secret: false when no pattern's prefix and no private key
    /// header occurs in them, and so `firstSecret` finds nothing. One pass over the bytes, without making a
    /// String: a bundle's source files are ruled out at this cost on every validation and commit.
    public static func mayHoldSecret(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count >= 2 else { return false }
        return startPairs.withUnsafeBufferPointer { pairs in
            var i = 0
            let last = bytes.count - 1
            while i < last {
                if pairs[Int(bytes[i]) << 8 | Int(bytes[i + 1])] {
                    let rest = UnsafeBufferPointer(rebasing: bytes[i...])
                    if prefixBytes.contains(where: { rest.starts(with: $0) }) { return true }
                }
                i += 1
            }
            return false
        }
    }

    /// The prefixes `mayHoldSecret` looks for: every pattern's, and a PEM block's header.
    static let prefixBytes: [[UInt8]] = patterns.map { Array($0.prefix.utf8) } + [Array("-----BEGIN ".utf8)]
    /// Which pairs of bytes (first << 8 | second) start one of `prefixBytes`.
    static let startPairs: [Bool] = {
        var table = [Bool](repeating: false, count: 1 << 16)
        for prefix in prefixBytes { table[Int(prefix[0]) << 8 | Int(prefix[1])] = true }
        return table
    }()

    /// Every secret its shape gives away in `text` (tokens, keys, private key blocks), as written: to
    /// tell a secret a change brings in from one the file had before.
    public static func literalSecrets(in text: String) -> [(kind: String, value: String)] {
        var out: [(kind: String, value: String)] = held.values.filter { text.contains($0) }.map { ("credential dabrepo uses", $0) }
        // (A password in a URL was redacted from every transcript and committed all the same.)
        out += embeddedPasswords(in: text).map { (embeddedPasswordKind, String(text[$0])) }
        if let possible = text.utf8.withContiguousStorageIfAvailable(mayHoldSecret), !possible { return out }
        for p in patterns where text.containsText(p.prefix) {
            out += matches(of: p, in: text).map { (p.name, String(text[$0])) }
        }
        out += privateKeys(in: text).map { (privateKeyKind, String(text[$0])) }
        return out
    }

    /// The kind and the character offset (from the start of `line`) of the first secret its shape
    /// gives away in one line of text, for a finding's column.
    public static func firstSecretOffset(in line: String) -> (kind: String, offset: Int)? {
        var best: (kind: String, index: String.Index)?
        for p in patterns where line.containsText(p.prefix) {
            if let range = matches(of: p, in: line).first, best == nil || range.lowerBound < best!.index { best = (p.name, range.lowerBound) }
        }
        if let range = privateKeys(in: line).first, best == nil || range.lowerBound < best!.index { best = (privateKeyKind, range.lowerBound) }
        return best.map { ($0.kind, line.distance(from: line.startIndex, to: $0.index)) }
    }

    /// `text` with every recognised secret hidden: a token keeps its prefix (`dapi[REDACTED]`), a
    /// private key block becomes `[REDACTED private key]`, and the value of a setting named like a
    /// secret (`password: hunter2`, `"DB_TOKEN": "x1"`, `token=x1`, a diff's `secret: a → b`)
    /// becomes `[REDACTED]` unless it is a reference.
    /// Words after "NAME to" that begin a sentence's object, not a secret's value.
    static let proseAfterTo: Set<String> = ["the", "a", "an", "my", "our", "your", "this", "that", "these", "those", "its", "their", "all",
                                            "every", "each", "it", "them", "both", "any", "another", "other", "one", "two", "job", "task",
                                            "pipeline", "cluster", "notebook", "app", "target", "prod", "dev", "staging"]

    public static func redact(_ text: String) -> String {
        var out = text
        for p in patterns where out.containsText(p.prefix) {
            for range in matches(of: p, in: out).reversed() {
                out.replaceSubrange(range, with: p.prefix + marker)
            }
        }
        for range in privateKeys(in: out).reversed() {
            out.replaceSubrange(range, with: "[REDACTED private key]")
        }
        // (After the shapes: a held key of a known shape keeps its prefix, `sk-ant-[REDACTED]`.)
        for value in held.values where out.contains(value) { out = out.replacingOccurrences(of: value, with: marker) }
        out = saidValues(in: out)
        out = urlPasswords(in: out)
        let named = namedValues(in: out)
        guard !named.isEmpty else { return out }
        var bytes = Array(out.utf8)
        for range in named.reversed() { bytes.replaceSubrange(range, with: marker.utf8) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// "set the password for the warehouse to Tr0ub4dor-Horse-Battery-9", "my api key is k3y-…": a value
    /// said in words after a secret's name (within five words, then "to", "is", "as" or "="), when it
    /// reads like one: eight characters or more, letters and digits, no path, URL or reference.
    static let saidValue = try? NSRegularExpression(
        pattern: #"(?i)\b(?:password|passwd|passphrase|secret|token|api[ _-]?key|access[ _-]?key|credentials?)s?\b(?:[ \t]+[^\s=:]+){0,5}?[ \t]+(?:to|is|as|=)[ \t]+["'`]?([A-Za-z0-9+/_.~!@#$%^&*-]{8,})"#)

    static func saidValues(in text: String) -> String {
        guard let regex = saidValue else { return text }
        var out = text
        for match in regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).reversed() {
            guard let range = Range(match.range(at: 1), in: text) else { continue }
            let value = text[range]
            // (Nor the prefix a redacted secret keeps: `….webhook.office.com/webhookb2/[REDACTED]`.)
            guard value.contains(where: \.isNumber), value.contains(where: \.isLetter), !value.hasPrefix("/"), !value.contains("://"),
                  !value.hasPrefix("dapi"), !value.contains(marker), !text[range.upperBound...].hasPrefix(marker) else { continue }
            out.replaceSubrange(range, with: marker)
        }
        return out
    }

    /// `https://user:hunter2@proxy.example.com`: the password of a URL's user information (a model
    /// provider's base URL, a JDBC URL), unless it is a reference (`${var.password}`).
    static let urlPassword = try? NSRegularExpression(pattern: #"\b([A-Za-z][A-Za-z0-9+.-]*://[^/\s:@?#]*:)([^@\s/?#]+)@"#)

    /// A URL with a query, to look at its parameters.
    static let urlWithQuery = try? NSRegularExpression(pattern: #"[A-Za-z][A-Za-z0-9+.-]*://[^\s"'<>?]*\?[^\s"'<>#),\]]+"#)
    /// Parts of a query parameter's name that make its value a credential: `key`, `access_token`, `sig`.
    static let querySecretParts = ["key", "token", "secret", "sig", "password", "passwd", "auth", "code"]

    public static let embeddedPasswordKind = "password in a URL"

    /// A JDBC or URL connection string's password parameter: `jdbc:sqlserver://db:1433;user=etl;password=pw`,
    /// `postgresql://db/x?user=admin&password=pw`.
    static let connectionPassword = try? NSRegularExpression(pattern: #"(?i)(?:jdbc:|://)[^\s"'`]*?[;?&](?:password|pwd)=([^;&\s"'`]+)"#)
    /// An ADO.NET or ODBC connection string's password: `Server=tcp:x;Database=db;User ID=sa;Password=pw;`.
    static let keyValuePassword = try? NSRegularExpression(pattern: #"(?i)\b(?:server|data\s+source|host|address|user\s+id|uid|database|initial\s+catalog|driver)\s*=[^;\n]*;[^\n"'`]*?\b(?:password|pwd)\s*=\s*([^;\s"'`]+)"#)

    /// Passwords written out in URLs (`https://etl:pw@host`) and connection strings (`…;password=pw`): their
    /// ranges, unless they are references or placeholders (`${var.pw}`, `{password}`, `<password>`, `***`).
    public static func embeddedPasswords(in text: String) -> [Range<String.Index>] {
        // (Every scalar of a bundle comes here on each validation: most hold no "=" and no "://", and end here.)
        let url = text.contains("://")
        guard url || text.utf8.contains(UInt8(ascii: "=")) else { return [] }
        let lowered = text.lowercased()
        guard url || lowered.contains("jdbc:") || lowered.contains("password") || lowered.contains("pwd") else { return [] }
        var out: [Range<String.Index>] = []
        let placeholders: Set<String> = ["password", "pass", "passwd", "pwd", "secret", "token", "redacted", "changeme", "your_password", "yourpassword"]
        for regex in [urlPassword, connectionPassword, keyValuePassword].compactMap({ $0 }) {
            let group = regex === urlPassword ? 2 : 1
            for match in regex.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                guard let range = Range(match.range(at: group), in: text) else { continue }
                let value = text[range]
                guard !value.contains(where: { "{}$%<>[]()*…".contains($0) }), !placeholders.contains(value.lowercased()),
                      Set(value).count > 1, !value.hasPrefix("..."), !out.contains(range) else { continue }
                out.append(range)
            }
        }
        return out.sorted { $0.lowerBound < $1.lowerBound }
    }

    static func urlPasswords(in text: String) -> String {
        guard text.contains("://") else { return text }
        var out = text
        if let regex = urlPassword {
            for match in regex.matches(in: out, range: NSRange(out.startIndex..., in: out)).reversed() {
                guard let range = Range(match.range(at: 2), in: out), !out[range].contains("${"), !out[range].contains("{{"),
                      !out[range].hasPrefix("[REDACTED") else { continue }
                out.replaceSubrange(range, with: marker)
            }
        }
        guard out.contains("?"), let regex = urlWithQuery else { return out }
        for match in regex.matches(in: out, range: NSRange(out.startIndex..., in: out)).reversed() {
            guard let range = Range(match.range, in: out), let mark = out[range].firstIndex(of: "?") else { continue }
            let parameters = out[out.index(after: mark)..<range.upperBound].split(separator: "&", omittingEmptySubsequences: false).map { parameter -> String in
                guard let equals = parameter.firstIndex(of: "=") else { return String(parameter) }
                let name = parameter[..<equals].lowercased(), value = parameter[parameter.index(after: equals)...]
                // (A placeholder is no credential: `serve --help` showed `?token=[REDACTED]` for its `?token=…`.)
                guard querySecretParts.contains(where: name.contains), !value.isEmpty, !value.contains("${"), !value.contains("[REDACTED"),
                      !["…", "...", "TOKEN", "VALUE"].contains(String(value)), !value.hasPrefix("<") else { return String(parameter) }
                return parameter[...equals] + marker
            }
            out.replaceSubrange(out.index(after: mark)..<range.upperBound, with: parameters.joined(separator: "&"))
        }
        return out
    }

    static func matches(of pattern: Pattern, in text: String) -> [Range<String.Index>] {
        var out: [Range<String.Index>] = []
        var search = text.startIndex
        while let r = text.range(of: pattern.prefix, range: search..<text.endIndex) {
            var end = r.upperBound
            var n = 0
            while end < text.endIndex, pattern.body(text[end]), n < pattern.bodyLength.upperBound {
                end = text.index(after: end)
                n += 1
            }
            // ("my token is eyJ….": the sentence's period is none of it.)
            while end > r.upperBound, text[text.index(before: end)] == "." {
                end = text.index(before: end)
                n -= 1
            }
            let alone = !pattern.standsAlone || (
                (r.lowerBound == text.startIndex || !isKeyBody(text[text.index(before: r.lowerBound)]))
                    && text[r.upperBound..<end].contains(where: \.isNumber))
            // A Databricks token may carry a `-2`-style suffix.
            if pattern.bodyLength.contains(n), alone, pattern.shape?(text[r.lowerBound..<end]) ?? true {
                if end < text.endIndex, text[end] == "-", let next = text.index(end, offsetBy: 1, limitedBy: text.endIndex),
                   next < text.endIndex, text[next].isNumber {
                    end = text.index(after: next)
                }
                out.append(r.lowerBound..<end)
            }
            search = end > r.lowerBound ? end : r.upperBound
        }
        return out
    }

    /// PEM private key blocks: `-----BEGIN [RSA|EC|OPENSSH|…] PRIVATE KEY-----`, the body, and the
    /// END line when there is one (else the body as far as it goes: base64, blanks, `\n` escapes).
    static func privateKeys(in text: String) -> [Range<String.Index>] {
        guard text.containsText("PRIVATE KEY-----") else { return [] }
        var out: [Range<String.Index>] = []
        var search = text.startIndex
        while let begin = text.range(of: "-----BEGIN ", range: search..<text.endIndex) {
            var header = begin.upperBound
            while header < text.endIndex, text[header].isASCII, text[header].isUppercase || text[header].isNumber || text[header] == " " {
                header = text.index(after: header)
            }
            guard text[begin.upperBound..<header].hasSuffix("PRIVATE KEY"), text[header...].hasPrefix("-----") else {
                search = begin.upperBound
                continue
            }
            let body = text.index(header, offsetBy: 5)
            var end = body
            if let close = text.range(of: "-----END ", range: body..<text.endIndex),
               let tail = text.range(of: "PRIVATE KEY-----", range: close.upperBound..<text.endIndex),
               text[close.upperBound..<tail.lowerBound].allSatisfy({ $0.isASCII && ($0.isUppercase || $0.isNumber || $0 == " ") }) {
                end = tail.upperBound
            } else {
                while end < text.endIndex {
                    let c = text[end]
                    if c.isASCII && (c.isLetter || c.isNumber || c == "+" || c == "/" || c == "=" || c.isWhitespace) {
                        end = text.index(after: end)
                    } else if c == "\\", let next = text.index(end, offsetBy: 1, limitedBy: text.endIndex), next < text.endIndex,
                              text[next] == "n" || text[next] == "r" {
                        end = text.index(after: next)
                    } else {
                        break
                    }
                }
            }
            out.append(begin.lowerBound..<end)
            search = end
        }
        return out
    }

    /// Whether output hides the value of a setting named `name`: what holds a secret, and a number under a secret's
    /// name (`api_key: 12345`, a PIN), which the rule does not report as a literal secret.
    public static func hides(named name: String, value: String) -> Bool {
        if holdsSecret(named: name, value: value) { return true }
        guard isSecretName(name), value.count >= 4, value.allSatisfy(\.isNumber) else { return false }
        var parts = name.lowercased().split(whereSeparator: { $0 == "_" || $0 == "." || $0 == "-" }).map(String.init)
        if parts.count > 1, ["default", "value"].contains(parts.last!) { parts.removeLast() }
        let last = parts.last ?? ""
        return !pointerNameEnds.contains(last) && !settingNameEnds.contains(last)
    }

    /// The values (UTF-8 offsets) of settings named like secrets, written as `name: value`,
    /// `name=value`, `"name": "value"` or `"name" : "value"`, and the new value of a diff's `name: old → new`.
    static func namedValues(in text: String) -> [Range<Int>] {
        let bytes = Array(text.utf8)
        func isNameByte(_ b: UInt8) -> Bool {
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F || b == 0x2E || b == 0x2D
        }
        func isAlnum(_ b: UInt8) -> Bool { isNameByte(b) && b != 0x5F && b != 0x2E && b != 0x2D }
        // A value starts with a letter, a digit or one of + / _ - . and runs over those and = ~ @ ! % ^ # ? : * &
        // (not over blanks, quotes, commas, brackets, braces or backslashes, which end it in JSON, YAML and prose).
        func startsValue(_ b: UInt8) -> Bool { isAlnum(b) || b == 0x2B || b == 0x2F || b == 0x5F || b == 0x2D || b == 0x2E }
        func continuesValue(_ b: UInt8) -> Bool {
            switch b {
            case 0x3D, 0x7E, 0x40, 0x21, 0x25, 0x5E, 0x23, 0x3F, 0x3A, 0x2A, 0x26: return true
            default: return startsValue(b)
            }
        }
        func isQuote(_ b: UInt8) -> Bool { b == 0x22 || b == 0x27 }
        /// The value starting at `from` (after blanks and an opening quote), unless it is a reference or already redacted.
        func value(at from: Int) -> Range<Int>? {
            var i = from
            while i < bytes.count, bytes[i] == 0x20 { i += 1 }
            if i < bytes.count, bytes[i] == 0x5C, i + 1 < bytes.count, isQuote(bytes[i + 1]) { i += 2 } else if i < bytes.count, isQuote(bytes[i]) { i += 1 }
            guard i < bytes.count, startsValue(bytes[i]) else { return nil }
            var end = i
            while end < bytes.count, continuesValue(bytes[end]) { end += 1 }
            if end < bytes.count, bytes[end] == 0x5B, bytes[end...].starts(with: marker.utf8) { return nil }
            if end < bytes.count, bytes[end] == 0x24 || bytes[end] == 0x7B { return nil }
            // JSON's null (`"token": null`) holds nothing; nor does a flag (`embed_credentials: false`).
            if ["null", "true", "false", "none"].contains(where: { bytes[i..<end].elementsEqual($0.utf8) }) { return nil }
            // Nor does the placeholder of a hint (`pass --var hf_secret_scope=VALUE` read "=[REDACTED]").
            if bytes[i..<end].elementsEqual("VALUE".utf8) { return nil }
            // A word of prose, "literal-secret: No literal secrets", is no value.
            if end - i <= 2, end < bytes.count, bytes[end] == 0x20 { return nil }
            return i..<end
        }
        let arrow = Array(" → ".utf8)
        func firstRange(of needle: [UInt8], in range: Range<Int>) -> Range<Int>? {
            guard range.count >= needle.count else { return nil }
            for start in range.lowerBound...(range.upperBound - needle.count) where bytes[start..<(start + needle.count)].elementsEqual(needle) {
                return start..<(start + needle.count)
            }
            return nil
        }
        var out: [Range<Int>] = []
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            guard b == 0x3A || b == 0x3D else { i += 1; continue }
            // The name before the separator, past blanks (`"name" : "value"`, as Foundation pretty-prints
            // JSON) and a closing quote (or an escaped one).
            var nameEnd = i
            while nameEnd > 0, bytes[nameEnd - 1] == 0x20 { nameEnd -= 1 }
            if nameEnd > 0, isQuote(bytes[nameEnd - 1]) { nameEnd -= 1; if nameEnd > 0, bytes[nameEnd - 1] == 0x5C { nameEnd -= 1 } }
            var nameStart = nameEnd
            while nameStart > 0, isNameByte(bytes[nameStart - 1]) { nameStart -= 1 }
            // The shortest secret name part ("token") has five letters.
            guard nameEnd - nameStart >= 5, isSecretName(String(decoding: bytes[nameStart..<nameEnd], as: UTF8.self)) else { i += 1; continue }
            // A file's place, `src/local_secrets.py:3:9`, is no setting: a file name and digits.
            let name = String(decoding: bytes[nameStart..<nameEnd], as: UTF8.self)
            if b == 0x3A, let dot = name.lastIndex(of: "."), name[name.index(after: dot)...].allSatisfy(\.isLetter),
               i + 1 < bytes.count, bytes[i + 1] >= 0x30 && bytes[i + 1] <= 0x39 {
                i += 1
                continue
            }
            // What holds no secret stays readable: `token_url: https://…`, `secret_scope: kv_prod`,
            // `password_secret_key: db_password`, `id-token: write` (a diff showed them as [REDACTED], and a
            // reviewer could not see a URL move to another host).
            func secret(_ range: Range<Int>) -> Bool { hides(named: name, value: String(decoding: bytes[range], as: UTF8.self)) }
            if let first = value(at: i + 1) {
                if secret(first) { out.append(first) }
                i = first.upperBound
            } else {
                i += 1
            }
            // A diff's `old → new` (the old value may be a reference): the new value too.
            var lineEnd = i
            while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            if let arrow = firstRange(of: arrow, in: i..<lineEnd), let second = value(at: arrow.upperBound) {
                if secret(second) { out.append(second) }
                i = second.upperBound
            }
        }
        // In words: "set spark.hadoop.fs.s3a.secret.key to …", "DB_PASSWORD to …" (a setting's name, with
        // `.`, `_` or `-` in it: "add a token to the job" names none).
        let to = Array(" to ".utf8)
        var search = 0
        while let found = firstRange(of: to, in: search..<bytes.count) {
            search = found.upperBound
            var nameStart = found.lowerBound
            while nameStart > 0, isNameByte(bytes[nameStart - 1]) { nameStart -= 1 }
            let name = bytes[nameStart..<found.lowerBound]
            guard name.count >= 5, name.contains(where: { $0 == 0x2E || $0 == 0x5F || $0 == 0x2D }),
                  isSecretName(String(decoding: name, as: UTF8.self)), let value = value(at: found.upperBound),
                  !out.contains(where: { $0.overlaps(value) }) else { continue }
            // "pass databricks_token to the llm task": the words of a sentence, not a value.
            let word = String(decoding: bytes[value], as: UTF8.self).lowercased()
            if Self.proseAfterTo.contains(word) { continue }
            if !hides(named: String(decoding: name, as: UTF8.self), value: String(decoding: bytes[value], as: UTF8.self)) { continue }
            out.append(value)
            search = value.upperBound
        }
        return out.sorted { $0.lowerBound < $1.lowerBound }
    }
}
