import Foundation

/// A URL's query, decoded (`+` and percent escapes), in order.
struct QueryParameters {
    var pairs: [(String, String)]

    init(_ query: String?) {
        pairs = (query ?? "").split(separator: "&").map { part in
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring?) -> String {
                (s.map(String.init) ?? "").replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            return (decode(pieces.first), decode(pieces.count > 1 ? pieces[1] : nil))
        }
    }

    subscript(name: String) -> String? { pairs.first { $0.0 == name }?.1 }

    func removing(_ name: String) -> QueryParameters {
        var copy = self
        copy.pairs.removeAll { $0.0 == name }
        return copy
    }

    var encoded: String {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+")
        return pairs.map { "\($0.0.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }
            .joined(separator: "&")
    }
}
