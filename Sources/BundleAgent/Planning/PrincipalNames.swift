import BundleModel
import Foundation

/// Principals whose names have spaces ("Data Engineers", "Finance Analysts"): the word-by-word readers
/// of a request would take only "Data". A name in quotes, or one the bundle already grants to and the
/// request says, is taken whole.
enum PrincipalNames {
    /// The principal names of more than one word written anywhere in the bundle's configuration
    /// (grants' `principal`, permissions' `group_name`, `user_name`, `service_principal_name`).
    static func multiWord(in bundle: LoadedBundle) -> [String] {
        var names: Set<String> = []
        func walk(_ node: YAMLNode?) {
            guard let node else { return }
            if let mapping = node.mapping {
                for entry in mapping.entries {
                    if ["principal", "group_name", "user_name", "service_principal_name"].contains(entry.key),
                       let name = entry.value.string, name.contains(" "), !name.contains("${") {
                        names.insert(name)
                    } else {
                        walk(entry.value)
                    }
                }
            } else if let items = node.sequence {
                items.forEach(walk)
            }
        }
        walk(YAMLNode(.mapping(bundle.configuration), at: SourceLocation(file: bundle.rootFile, line: 1, column: 1)))
        return names.sorted { $0.count > $1.count }
    }

    /// The principal the request names whole: a quoted name ("the group \"Data Engineers\""), else the
    /// longest known name of several words the request says (any case); nil when neither.
    static func whole(in text: RequestText, known: [String]) -> String? {
        let original = text.original
        for quote in ["\"", "'", "`", "“"] {
            let close = quote == "“" ? "”" : quote
            if let open = original.range(of: quote), let end = original.range(of: close, range: open.upperBound..<original.endIndex) {
                let inner = original[open.upperBound..<end.lowerBound].trimmingCharacters(in: .whitespaces)
                if inner.contains(" "), !inner.isEmpty { return known.first { $0.lowercased() == inner.lowercased() } ?? inner }
            }
        }
        let lowered = " " + text.words.joined(separator: " ") + " "
        return known.first { name in
            let words = RequestText(name).words
            return !words.isEmpty && lowered.contains(" " + words.joined(separator: " ") + " ")
        }
    }
}
