import BundleModel
import Foundation
import HTTPTypes
import Hummingbird

/// A file of a revision as the answer: text as text/plain (never as HTML, whatever its name), with any
/// secret in it redacted as on the CLI's output (the ZIP of the revision has the bytes as committed);
/// anything else as a download.
enum FileResponse {
    static func response(path: String, data: Data) -> Response {
        let text = String(data: data, encoding: .utf8)
        let isText = text != nil && !data.contains(0)
        let data = isText ? Data(SecretRedaction.redact(text!).utf8) : data
        let name = path.split(separator: "/").last.map(String.init) ?? "file"
        var headers: HTTPFields = [.contentType: isText ? "text/plain; charset=utf-8" : "application/octet-stream", .cacheControl: "no-store"]
        let safeName = name.filter { $0 != "\"" && $0 != "\\" && !$0.isNewline }
        headers[.contentDisposition] = (isText ? "inline" : "attachment") + "; filename=\"\(safeName)\""
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
