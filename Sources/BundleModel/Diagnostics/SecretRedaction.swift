/// Finds and hides secrets (Databricks tokens, cloud keys) in text that dabrepo prints or stores.
public enum SecretRedaction {
    /// A kind of secret and how to recognise it.
    public struct Pattern: Sendable {
        public var name: String
        public var prefix: String
        public var bodyLength: ClosedRange<Int>
        public var body: @Sendable (Character) -> Bool
    }

    static func isHex(_ c: Character) -> Bool { c.isHexDigit && (c.isNumber || c.isLowercase) }
    static func isUpperAlnum(_ c: Character) -> Bool { c.isASCII && (c.isUppercase || c.isNumber) }
    static func isToken(_ c: Character) -> Bool { c.isASCII && (c.isLetter || c.isNumber || c == "_") }

    public static let patterns: [Pattern] = [
        Pattern(name: "Databricks personal access token", prefix: "dapi", bodyLength: 32...40, body: isHex),
        Pattern(name: "Databricks OAuth secret", prefix: "dose", bodyLength: 32...40, body: isHex),
        Pattern(name: "AWS access key id", prefix: "AKIA", bodyLength: 16...16, body: isUpperAlnum),
        Pattern(name: "GitHub token", prefix: "ghp_", bodyLength: 36...40, body: isToken),
        Pattern(name: "GitHub token", prefix: "github_pat_", bodyLength: 60...90, body: isToken),
    ]

    /// The kind of the first secret in `text`, if any.
    public static func firstSecret(in text: String) -> String? {
        if text.containsText("-----BEGIN") && text.containsText("PRIVATE KEY-----") { return "private key" }
        for p in patterns where text.containsText(p.prefix) {
            if !matches(of: p, in: text).isEmpty { return p.name }
        }
        return nil
    }

    /// `text` with every recognised secret replaced by its prefix and `[REDACTED]`.
    public static func redact(_ text: String) -> String {
        var out = text
        for p in patterns where out.containsText(p.prefix) {
            for range in matches(of: p, in: out).reversed() {
                out.replaceSubrange(range, with: p.prefix + "[REDACTED]")
            }
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
            // A Databricks token may carry a `-2`-style suffix.
            if pattern.bodyLength.contains(n) {
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
}
