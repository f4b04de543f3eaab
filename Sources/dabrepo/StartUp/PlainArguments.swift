/// A command line read without swift-argument-parser's reflection, for the commands run most often
/// (`validate`, `hook pre-commit`): building a command's argument set by reflection costs ~60% of a
/// one-job `validate` (the runtime's first-use type and conformance lookups over the whole binary).
///
/// Only the plainest forms are read: `--name value`, `--name=value`, a declared short name with its
/// value as the next argument (`-t prod`), flags, and positionals. Anything else gives nil, and the
/// full parser reads the line, so help, errors and their exit statuses stay exactly the parser's:
/// an unknown option, a single-value option or flag given twice, a value that is empty or starts with
/// `-`, a value outside the declared choices, `--`, a bare `-`, combined short options, too many
/// positionals. `DirectParseTests` checks that whatever is read here, the full parser reads the same.
struct PlainArguments {
    enum Kind: Equatable {
        /// `--name`, without a value.
        case flag
        /// `--name value`, at most once.
        case value(choices: [String]? = nil)
        /// `--name value`, repeatable.
        case values
    }

    struct Option {
        let long: String
        var short: Character? = nil
        let kind: Kind
    }

    private var given: [String: [String]] = [:]
    private(set) var positionals: [String] = []

    init?(_ arguments: some Sequence<String>, options: [Option], positionals maximum: Int) {
        var iterator = arguments.makeIterator()
        while let token = iterator.next() {
            guard !token.isEmpty else { return nil }
            if token.hasPrefix("--") {
                let body = token.dropFirst(2)
                let name = body.prefix { $0 != "=" }
                let inline = name.count < body.count ? String(body.dropFirst(name.count + 1)) : nil
                guard let option = options.first(where: { $0.long == name }),
                      take(option, inline: inline, next: { iterator.next() }) else { return nil }
            } else if token.hasPrefix("-") {
                guard token.count == 2, let option = options.first(where: { $0.short != nil && $0.short == token.last }),
                      take(option, inline: nil, next: { iterator.next() }) else { return nil }
            } else {
                positionals.append(token)
                guard positionals.count <= maximum else { return nil }
            }
        }
    }

    private mutating func take(_ option: Option, inline: String?, next: () -> String?) -> Bool {
        let earlier = given[option.long]
        switch option.kind {
        case .flag:
            guard inline == nil, earlier == nil else { return false }
            given[option.long] = []
        case .value(let choices):
            guard earlier == nil, let value = inline ?? next(), Self.isPlainValue(value),
                  choices?.contains(value) ?? true else { return false }
            given[option.long] = [value]
        case .values:
            guard let value = inline ?? next(), Self.isPlainValue(value) else { return false }
            given[option.long, default: []].append(value)
        }
        return true
    }

    private static func isPlainValue(_ value: String) -> Bool { !value.isEmpty && !value.hasPrefix("-") }

    func flag(_ long: String) -> Bool { given[long] != nil }
    func value(_ long: String) -> String? { given[long]?.first }
    func values(_ long: String) -> [String] { given[long] ?? [] }
}
