/// A failed workspace call, typed from the REST API's `{"error_code", "message"}` answers.
public enum WorkspaceError: Error, CustomStringConvertible, Equatable {
    case notFound(String)
    case unauthenticated(String)
    case permissionDenied(String)
    case badRequest(code: String, message: String)
    case server(status: Int, message: String)
    case transport(String)
    case invalidResponse(String)
    case gaveUp(after: Int, last: String)

    public var description: String {
        switch self {
        case .notFound(let m): return "not found: \(m)"
        case .unauthenticated(let m): return "the workspace did not accept the credentials (\(m)); check the token or the service principal's secret (`dabrepo auth describe` shows which are used)"
        case .permissionDenied(let m): return "permission denied: \(m)"
        case .badRequest(let code, let m): return "\(code): \(m)"
        case .server(let status, let m): return "the workspace answered \(status): \(m)"
        case .transport(let m): return "cannot reach the workspace: \(m)"
        case .invalidResponse(let m): return "the workspace sent an answer dabrepo cannot read: \(m)"
        case .gaveUp(let n, let last): return "gave up after \(n) attempt\(n == 1 ? "" : "s"): \(last)"
        }
    }

    /// HTTP status and API error body → error.
    static func from(status: Int, errorCode: String?, message: String) -> WorkspaceError {
        let code = errorCode ?? ""
        if status == 404 || code == "RESOURCE_DOES_NOT_EXIST" || (status == 400 && code == "INVALID_PARAMETER_VALUE" && message.contains("does not exist")) {
            return .notFound(message)
        }
        if status == 401 { return .unauthenticated(message) }
        if status == 403 || code == "PERMISSION_DENIED" { return .permissionDenied(message) }
        if status >= 400 && status < 500 { return .badRequest(code: code.isEmpty ? "HTTP \(status)" : code, message: message) }
        return .server(status: status, message: message)
    }
}
