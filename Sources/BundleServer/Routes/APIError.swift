import BundleEngine
import BundleModel
import Foundation
import Hummingbird

/// A failed API request: `{"error": {"kind", "message"}}` with the HTTP status of its kind.
struct APIError: Error, Sendable {
    var status: HTTPResponse.Status
    var kind: String
    var message: String

    init(_ status: HTTPResponse.Status, kind: String, _ message: String) {
        self.status = status
        self.kind = kind
        self.message = message
    }

    /// An engine failure with the status of its kind.
    init(_ error: EngineError) {
        self.init(Self.status(of: error.kind), kind: error.kind.rawValue, SecretRedaction.redact(error.message))
    }

    static func status(of kind: EngineError.Kind) -> HTTPResponse.Status {
        switch kind {
        case .usage: return .badRequest
        case .refused, .conflict: return .conflict
        case .invalid: return .unprocessableContent
        case .notFound: return .notFound
        case .unauthenticated: return .unauthorized
        case .transport: return .badGateway
        case .internal: return .internalServerError
        }
    }

    static func notFound(_ message: String) -> APIError { APIError(.notFound, kind: "not-found", message) }
    static func usage(_ message: String) -> APIError { APIError(.badRequest, kind: "usage", message) }

    var response: Response {
        JSONBody.response(["error": ["kind": kind, "message": message]], status: status)
    }
}
