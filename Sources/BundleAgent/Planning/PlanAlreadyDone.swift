import BundleEditing

extension Plan {
    /// What to say when the plan's edits leave every file as it is: "Nothing to change: job
    /// nightly_etl already has tags.team = data." Said from the edits themselves, so every intent
    /// has it; a plan whose edits are not a few plain values says so in its subject's words.
    public var alreadyDone: String {
        var facts: [String] = []
        var plain = true
        for operation in edits.flatMap(\.operations) {
            if case .set(let path, let value) = operation, let shown = Self.plain(value) {
                facts.append(Self.fact(path, shown))
            } else {
                plain = false
            }
        }
        guard plain, !facts.isEmpty, facts.count <= 3 else { return "Nothing to change: the bundle already is as asked (\(subject))." }
        // A list entry's path ("tasks[1].max_retries") said in the summary's words: "task python_wheel_task of
        // job sample_job already has max_retries = 2".
        let indexed = edits.flatMap(\.operations).contains { operation in
            if case .set(let path, _) = operation { return path.contains { if case .index = $0 { return true } else { return false } } }
            return false
        }
        if indexed, let match = summary.range(of: #"^Set (\S+) to (.+?) on (.+?)(\.|;|$)"#, options: .regularExpression) {
            let sentence = String(summary[match])
            let parts = sentence.replacingOccurrences(of: #"^Set (\S+) to (.+?) on (.+?)(\.|;)?$"#, with: "$3\u{0}$1\u{0}$2", options: .regularExpression)
                .components(separatedBy: "\u{0}")
            if parts.count == 3 { return "Nothing to change: \(parts[0]) already has \(parts[1]) = \(parts[2])." }
        }
        return "Nothing to change: " + facts.joined(separator: "; ") + "."
    }

    /// "job nightly_etl already has queue.enabled = true", "targets.dev.mode already is development".
    static func fact(_ path: EditPath, _ value: String) -> String {
        var target: String?
        var rest = path[...]
        if rest.count > 2, rest.first == .key("targets"), case .key(let name) = rest[rest.startIndex + 1] {
            target = name
            rest = rest.dropFirst(2)
        }
        guard rest.count > 3, rest.first == .key("resources"), case .key(let type) = rest[rest.startIndex + 1],
              case .key(let key) = rest[rest.startIndex + 2] else {
            return "\(path.rendered) already is \(value)"
        }
        let kind = type.hasSuffix("s") ? String(type.dropLast()) : type
        return "\(kind) \(key)\(target.map { " in target \($0)" } ?? "") already has \(Array(rest.dropFirst(3)).rendered) = \(value)"
    }

    static func plain(_ value: EditValue) -> String? {
        switch value {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .bool(let b): return String(b)
        case .number(let d): return String(d)
        case .null: return "null"
        case .mapping, .sequence, .alias: return nil
        }
    }
}
