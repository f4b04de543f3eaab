import Foundation

/// Where a JSON text stops being JSON, as a person reads it: "line 2, column 12: invalid value" (from
/// the parser's character offset), for messages about documents and arguments that are not JSON.
public enum JSONSyntaxProblem {
    public static func describe(_ text: String) -> String {
        do {
            _ = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
            return "not valid JSON"
        } catch {
            let debug = ((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String) ?? ""
            let reason = debug.replacingOccurrences(of: " around character [0-9]+\\.?$", with: "", options: .regularExpression)
                .replacingOccurrences(of: " around line [0-9]+, column [0-9]+\\.?$", with: "", options: .regularExpression)
            let what = reason.isEmpty ? "not valid JSON" : reason.prefix(1).lowercased() + reason.dropFirst()
            if let match = debug.firstMatch(of: /line ([0-9]+), column ([0-9]+)/) {
                return "line \(match.1), column \(match.2): \(what)"
            }
            if let match = debug.firstMatch(of: /character ([0-9]+)/), let offset = Int(match.1) {
                let (line, column) = position(of: offset, in: text)
                return "line \(line), column \(column): \(what)"
            }
            return what
        }
    }

    /// Line and column (from 1) of a character offset (UTF-16 units, as Foundation counts them).
    static func position(of offset: Int, in text: String) -> (Int, Int) {
        var line = 1, column = 1, count = 0
        for unit in text.utf16 {
            if count >= offset { break }
            if unit == 10 { line += 1; column = 1 } else { column += 1 }
            count += 1
        }
        return (line, column)
    }
}
