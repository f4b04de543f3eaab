import Foundation

/// `~/.databrickscfg`: INI sections of `key = value`; `[__settings__]` holds `default_profile`.
public struct ConfigFile: Sendable {
    public var path: String
    public var sections: [String: [String: String]]
    public var order: [String]

    public init(path: String, text: String) {
        self.path = path
        var sections: [String: [String: String]] = [:]
        var order: [String] = []
        var current: String?
        for raw in text.split(whereSeparator: \.isNewline) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") && line.hasSuffix("]") {
                let name = String(line.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces)
                current = name
                if sections[name] == nil { order.append(name); sections[name] = [:] }
                continue
            }
            guard let current, let eq = line.firstIndex(of: "=") else { continue }
            let key = line[..<eq].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            sections[current]?[key] = value
        }
        self.sections = sections
        self.order = order
    }

    public static func load(_ path: String) -> ConfigFile? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        return ConfigFile(path: path, text: text)
    }

    /// `[__settings__] default_profile`, else `DEFAULT`.
    public var defaultProfile: String { sections["__settings__"]?["default_profile"] ?? "DEFAULT" }

    public var profiles: [String] { order.filter { $0 != "__settings__" } }
}
