import Foundation

/// Text from outside (a language model's words, its commit subject) made harmless for a terminal and a
/// git log: control characters other than a newline and a tab are written as `\u001b`, so an escape
/// sequence can neither colour, move the cursor, retitle the window nor clear the screen of whoever
/// reads the output or `git log` later. A carriage return before a newline is dropped (a CRLF line end).
public enum ControlCharacters {
    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        let scalars = Array(text.unicodeScalars)
        for (i, scalar) in scalars.enumerated() {
            if scalar == "\r", i + 1 < scalars.count, scalars[i + 1] == "\n" { continue }
            if isControl(scalar) {
                out += String(format: "\\u%04x", scalar.value)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return (v < 0x20 && v != 0x0A && v != 0x09) || v == 0x7F || (0x80...0x9F).contains(v)
    }
}
