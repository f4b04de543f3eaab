import Foundation

/// What an error page says, for a message: a proxy or gateway answers with HTML (`<html><head><title>502 Bad
/// Gateway</title>…`), which was pasted whole into the sentence. Its title (or first heading), else its
/// text without tags; any other body as it is.
public enum ErrorPageText {
    public static func plain(_ body: String) -> String {
        let text = body.trimmingCharacters(in: .whitespacesAndNewlines)
        let lowered = text.lowercased()
        guard text.hasPrefix("<"), lowered.contains("<html") || lowered.contains("<!doctype") || lowered.contains("<title") || lowered.contains("<body")
                || lowered.contains("<h1") else { return body }
        func inner(_ tag: String) -> String? {
            guard let open = text.range(of: "<\(tag)[^>]*>", options: [.regularExpression, .caseInsensitive]),
                  let close = text.range(of: "</\(tag)>", options: .caseInsensitive, range: open.upperBound..<text.endIndex) else { return nil }
            let said = collapsed(String(text[open.upperBound..<close.lowerBound]))
            return said.isEmpty ? nil : said
        }
        if let title = inner("title") ?? inner("h1") { return "an HTML error page: \(title)" }
        let stripped = collapsed(text)
        return stripped.isEmpty ? "an HTML error page" : "an HTML error page: \(stripped)"
    }

    /// The text without tags, entities of the common kind read, and white space made single.
    static func collapsed(_ html: String) -> String {
        var text = html.replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression)
        for (entity, character) in [("&nbsp;", " "), ("&amp;", "&"), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'")] {
            text = text.replacingOccurrences(of: entity, with: character)
        }
        return text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
