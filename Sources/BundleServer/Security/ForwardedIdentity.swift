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

    /// From the request's forwarded headers; nil when it has none.
    init?(_ headers: HTTPFields) {
        func value(_ name: HTTPField.Name) -> String? {
            headers[name].map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
        }
        email = value(Self.emailHeader)
        name = value(Self.usernameHeader) ?? value(Self.userHeader)
        if email == nil && name == nil { return nil }
    }

    /// "Name <email>" as `--author` takes it (the name before the @ when only the email is known).
    public var author: String? {
        guard let email = email ?? name.flatMap({ $0.contains("@") ? $0 : nil }) else { return nil }
        let shown = (name.flatMap { $0.contains("@") ? nil : $0 } ?? String(email.split(separator: "@").first ?? Substring(email)))
            .filter { $0 != "<" && $0 != ">" && $0 != "\n" }
        return "\(shown) <\(email.filter { $0 != "<" && $0 != ">" && $0 != "\n" })>"
    }
}
