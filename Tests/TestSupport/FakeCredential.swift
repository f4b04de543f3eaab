import Foundation

/// Credentials for the fake services, built when the test runs: shaped like real ones (so redaction
/// and the literal-secret rule recognise them) but marked FAKE and random, so none is ever committed.
public enum FakeCredential {
    static func randomHex() -> String { UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased() }

    /// `sk-ant-api03-FAKE0…`
    public static func anthropic() -> String { "sk-ant-" + "api03-FAKE0" + randomHex() }

    /// `sk-FAKE0…`
    public static func openAI() -> String { "sk-" + "FAKE0" + randomHex() }

    /// A Databricks personal access token's shape: `dapi` and 32 hex digits.
    public static func databricks() -> String { "dapi" + randomHex() }
}
