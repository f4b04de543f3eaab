import Foundation
import HTTPTypes
import Hummingbird

/// The user a Databricks App's proxy forwards with each request, used as the author of the revisions
/// the request makes.
public struct ForwardedIdentity: Sendable, Equatable {
    public var email: String?
    public var name: String?

    static let emailHeader = HTTPField.Name("X-Forwarded-Email")!
    static let usernameHeader = HTTPField.Name("X-Forwarded-Preferred-Username")!
    static let userHeader = HTTPField.Name("X-Forwarded-User")!

    /// From the request's forwarded headers; nil when it has none, or when a header comes more than once
    /// with different values (the proxy sets each once: a second one is not the proxy's word).
    init?(_ headers: HTTPFields) {
        var ambiguous = false
        func value(_ name: HTTPField.Name) -> String? {
            // Each field on its own: `headers[name]` joins repeated fields with ", ", which made two empty
            // X-Forwarded-Email fields an identity ", " (found by FuzzServeRequest).
            let values = Set(headers[values: name].map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
            if values.count > 1 { ambiguous = true }
            return values.count == 1 ? values.first : nil
        }
        email = value(Self.emailHeader)
        name = value(Self.usernameHeader) ?? value(Self.userHeader)
        if ambiguous || (email == nil && name == nil) { return nil }
    }

    /// "Name <email>" as `--author` takes it (the name before the @ when only the email is known).
    public var author: String? {
        guard let email = email ?? name.flatMap({ $0.contains("@") ? $0 : nil }) else { return nil }
        let shown = (name.flatMap { $0.contains("@") ? nil : $0 } ?? String(email.split(separator: "@").first ?? Substring(email)))
            .filter { $0 != "<" && $0 != ">" && $0 != "\n" }
        return "\(shown) <\(email.filter { $0 != "<" && $0 != ">" && $0 != "\n" })>"
    }
}
