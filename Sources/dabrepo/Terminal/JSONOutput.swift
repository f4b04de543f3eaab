import Foundation

/// `--output json`: one pretty-printed JSON document with sorted keys on standard output.
enum JSONOutput {
    static func print(_ object: Any) {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])) ?? Data("null".utf8)
        StandardStreams.out(String(decoding: data, as: UTF8.self) + "\n")
    }
}
