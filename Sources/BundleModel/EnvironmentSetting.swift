import Foundation

/// A number read from a `DABREPO_*` environment variable. A value that is not one (text, NaN,
/// infinity, out of range) is not used: the default is, and standard error says so once, naming the
/// variable, its value and what it takes. An empty or unset variable is the default, silently.
public enum EnvironmentSetting {
    /// One variable of this process's environment, read directly: `ProcessInfo.environment` copies
    /// the whole environment into a dictionary, ~0.3 ms of a command's start.
    public static func value(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }

    /// The variables of this process's environment whose names start with one of `prefixes` (such as
    /// `BUNDLE_VAR_`), read directly, as `value` reads one.
    public static func entries(prefixes: [String]) -> [String: String] {
        var entries: [String: String] = [:]
        var next = environ
        while let entry = next.pointee {
            next += 1
            guard prefixes.contains(where: { strncmp(entry, $0, strlen($0)) == 0 }), let equals = strchr(entry, 0x3D) else { continue }
            let name = String(decoding: UnsafeRawBufferPointer(start: entry, count: equals - entry), as: UTF8.self)
            entries[name] = String(cString: equals + 1)
        }
        return entries
    }

    /// The longest time in seconds a setting takes: a year (curl gets milliseconds in an Int).
    public static let longestSeconds: TimeInterval = 366 * 86_400

    /// Seconds, at least `minimum` (with `minimumIncluded` false: more than it) and at most a year.
    public static func seconds(_ name: String, default value: TimeInterval, minimum: TimeInterval = 0, minimumIncluded: Bool = true,
                               in environment: [String: String] = ProcessInfo.processInfo.environment) -> TimeInterval {
        guard let text = environment[name]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return value }
        if let seconds = TimeInterval(text), seconds.isFinite, minimumIncluded ? seconds >= minimum : seconds > minimum, seconds <= longestSeconds {
            return seconds
        }
        let least = minimumIncluded ? "at least \(Int(minimum))" : "more than \(Int(minimum))"
        warn(name, text, "a number of seconds, \(least) and at most \(Int(longestSeconds))", String(format: "%g", value))
        return value
    }

    /// A whole number in `range`.
    public static func count(_ name: String, default value: Int, range: ClosedRange<Int>,
                             in environment: [String: String] = ProcessInfo.processInfo.environment) -> Int {
        guard let text = environment[name]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return value }
        if let count = Int(text), range.contains(count) { return count }
        warn(name, text, "a whole number from \(range.lowerBound) to \(range.upperBound)", String(value))
        return value
    }

    private static let warned = NSLock()
    nonisolated(unsafe) private static var warnedNames: Set<String> = []

    private static func warn(_ name: String, _ text: String, _ expected: String, _ used: String) {
        let first = warned.withLock { warnedNames.insert(name).inserted }
        guard first else { return }
        let shown = text.count > 40 ? String(text.prefix(40)).debugDescription + "…" : text.debugDescription
        FileHandle.standardError.write(Data("dabrepo: \(name)=\(shown) is not \(expected); using \(used).\n".utf8))
    }
}
