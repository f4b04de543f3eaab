import BundleModel
import Foundation
import Hummingbird
import NIOCore

/// JSON answers (responses and the events of a turn): sorted keys, slashes as they are, and every
/// secret redacted, as on the CLI's standard streams (a token in a request, a preview, a diff).
enum JSONBody {
    static func data(_ object: Any) -> Data {
        Data(SecretRedaction.redact(String(decoding: unredacted(object), as: UTF8.self)).utf8)
    }

    /// For the server's own fixed texts only (the OpenAPI document, whose prose "token=… address" the
    /// redaction would take for a secret): nothing of a request or the repository is in them.
    static func unredacted(_ object: Any) -> Data {
        (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed])) ?? Data("null".utf8)
    }

    static func text(_ object: Any) -> String {
        String(decoding: data(object), as: UTF8.self)
    }

    static func response(_ object: Any, status: HTTPResponse.Status = .ok) -> Response {
        response(data: data(object), status: status)
    }

    static func response(data: Data, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
                 body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// A JSON text an engine formatter printed, parsed back into an object to nest in another.
    static func object(parsing text: String) -> Any {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])) ?? NSNull()
    }

    /// The request's body as a JSON object (an empty body is an empty object).
    static func requestObject(_ request: inout Request) async throws -> [String: Any] {
        let limit = 1 << 20
        let tooLarge = APIError(.contentTooLarge, kind: "usage", "the request body is larger than \(limit / 1024) KB; a chat message, an edit document or a validation request is far smaller")
        // A length said larger than the limit is refused before anything is read (a client that says
        // 99999999999 and sends 15 bytes waited for an answer that never came).
        if let declared = request.headers[.contentLength].flatMap({ Int($0) }), declared > limit { throw tooLarge }
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: limit)
        } catch let error as NIOTooManyBytesError {
            _ = error
            throw tooLarge
        }
        return try object(Data(buffer: buffer))
    }

    /// A request body as a JSON object (an empty body is an empty object).
    static func object(_ data: Data) throws(APIError) -> [String: Any] {
        if data.isEmpty { return [:] }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw APIError.usage("the request body is not a JSON object")
        }
        return object
    }
}
