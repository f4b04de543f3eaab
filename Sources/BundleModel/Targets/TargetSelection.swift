/// Which target a command works on: the one named, the one marked `default: true`, or the only one.
public enum TargetSelection {
    public enum Failure: Error, Sendable, CustomStringConvertible, Equatable {
        case noSuchTarget(name: String, available: [String], suggestion: String?)
        case noDefault(available: [String])
        case severalDefaults([String])

        public var description: String {
            switch self {
            case .noSuchTarget(let name, let available, let suggestion):
                var s = available.isEmpty
                    ? "no such target '\(name)': this bundle defines no targets"
                    : "no such target '\(name)'; available: \(available.joined(separator: ", "))"
                if let suggestion { s += " (did you mean '\(suggestion)'?)" }
                return s
            case .noDefault:
                return problem + "; name the target to use, or validate every target"
            case .severalDefaults(let names):
                return "several targets are marked `default: true` (\(names.joined(separator: ", "))); mark exactly one"
            }
        }

        /// What is wrong, without the remedy: each front end says how to name a target in its own terms.
        public var problem: String {
            guard case .noDefault(let available) = self else { return description }
            return "this bundle has several targets (\(available.joined(separator: ", "))) and none is marked `default: true`"
        }
    }

    /// The chosen target's name, or nil when the bundle defines no targets (the CLI's "default").
    public static func choose(_ requested: String?, in bundle: LoadedBundle) throws(Failure) -> String? {
        let names = bundle.targetNames
        if let requested {
            // A bundle without targets has the one the CLI defines for it, called default (default_target.go).
            if names.isEmpty && requested == "default" { return nil }
            guard names.contains(requested) else {
                throw .noSuchTarget(name: requested, available: names, suggestion: Suggestion.closest(to: requested, among: names))
            }
            return requested
        }
        guard !names.isEmpty else { return nil }
        let defaults = names.filter { bundle.targetsMapping?[$0]?["default"]?.scalar?.value == .bool(true) }
        if defaults.count == 1 { return defaults[0] }
        if defaults.count > 1 { throw .severalDefaults(defaults) }
        if names.count == 1 { return names[0] }
        throw .noDefault(available: names)
    }
}
