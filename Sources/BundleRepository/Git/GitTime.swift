import Foundation

/// A moment as git records it in a commit: seconds since 1970 (UTC) and the UTC offset, in minutes, of
/// the person's clock.
public struct GitTime: Sendable, Equatable {
    public var seconds: Int64
    public var offsetMinutes: Int32

    public init(seconds: Int64, offsetMinutes: Int32) {
        self.seconds = seconds
        self.offsetMinutes = offsetMinutes
    }

    /// Parses the three formats git-commit(1) documents for `GIT_AUTHOR_DATE` and `GIT_COMMITTER_DATE`:
    /// - git's internal format: `1112911993 +0200` (also `@1112911993 +0200`, and without the offset: UTC)
    /// - RFC 2822: `Thu, 07 Apr 2005 22:13:13 +0200`
    /// - ISO 8601: `2005-04-07T22:13:13` (a space instead of the `T`, fractions of a second, and `Z`
    ///   or `+02:00` allowed); without an offset, the local time zone.
    public init?(parsing text: String) {
        let text = text.trimmingCharacters(in: .whitespaces)
        if let time = Self.internalFormat(text) ?? Self.iso8601(text) ?? Self.rfc2822(text) {
            self = time
        } else {
            return nil
        }
    }

    /// `1112911993 +0200`.
    static func internalFormat(_ text: String) -> GitTime? {
        let parts = (text.hasPrefix("@") ? String(text.dropFirst()) : text).split(separator: " ")
        guard (1...2).contains(parts.count), parts[0].allSatisfy(\.isASCIIDigit), let seconds = Int64(parts[0]) else { return nil }
        guard parts.count == 2 else { return GitTime(seconds: seconds, offsetMinutes: 0) }
        guard let offset = offsetMinutes(String(parts[1])) else { return nil }
        return GitTime(seconds: seconds, offsetMinutes: offset)
    }

    /// `2005-04-07T22:13:13`, `2005-04-07 22:13:13.5 +02:00`, `2005-04-07T20:13:13Z`.
    static func iso8601(_ text: String) -> GitTime? {
        let characters = Array(text)
        guard characters.count >= 16, characters[4] == "-", characters[7] == "-", characters[10] == "T" || characters[10] == " ",
              characters[13] == ":",
              let year = number(characters[0..<4]), let month = number(characters[5..<7]), let day = number(characters[8..<10]),
              let hour = number(characters[11..<13]), let minute = number(characters[14..<16]) else { return nil }
        var rest = characters[16...]
        var second = 0
        if rest.first == ":" {
            guard rest.count >= 3, let s = number(rest.dropFirst().prefix(2)) else { return nil }
            second = s
            rest = rest.dropFirst(3)
            if rest.first == "." || rest.first == "," {
                rest = rest.dropFirst().drop(while: \.isASCIIDigit)
            }
        }
        let zone = String(rest).trimmingCharacters(in: .whitespaces)
        let offset: Int32?
        if zone.isEmpty {
            offset = nil
        } else if zone == "Z" {
            offset = 0
        } else {
            guard let parsed = offsetMinutes(zone.replacingOccurrences(of: ":", with: "")) else { return nil }
            offset = parsed
        }
        return moment(year: year, month: month, day: day, hour: hour, minute: minute, second: second, offsetMinutes: offset)
    }

    /// `Thu, 07 Apr 2005 22:13:13 +0200` (the weekday is optional).
    static func rfc2822(_ text: String) -> GitTime? {
        var words = text.split(separator: " ").map(String.init)
        if let first = words.first, first.hasSuffix(",") { words.removeFirst() }
        let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        guard words.count == 5, let day = Int(words[0]), let monthIndex = months.firstIndex(of: words[1].lowercased()),
              let year = Int(words[2]), let offset = offsetMinutes(words[4]) else { return nil }
        let clock = words[3].split(separator: ":", omittingEmptySubsequences: false).map { Int($0) }
        guard (2...3).contains(clock.count), clock.allSatisfy({ $0 != nil }) else { return nil }
        return moment(year: year, month: monthIndex + 1, day: day, hour: clock[0]!, minute: clock[1]!,
                      second: clock.count == 3 ? clock[2]! : 0, offsetMinutes: offset)
    }

    /// `+0200` → 120, `-0530` → -330.
    static func offsetMinutes(_ text: String) -> Int32? {
        let characters = Array(text)
        guard characters.count == 5, characters[0] == "+" || characters[0] == "-",
              let hours = number(characters[1..<3]), let minutes = number(characters[3..<5]), minutes < 60 else { return nil }
        let value = Int32(hours * 60 + minutes)
        return characters[0] == "-" ? -value : value
    }

    static func number(_ characters: ArraySlice<Character>) -> Int? {
        guard !characters.isEmpty, characters.allSatisfy(\.isASCIIDigit) else { return nil }
        return Int(String(characters))
    }

    /// A calendar date and clock time at a UTC offset (nil: the local time zone of that moment).
    static func moment(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, offsetMinutes: Int32?) -> GitTime? {
        guard (1...12).contains(month), (1...31).contains(day), (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second) else {
            return nil
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = offsetMinutes.flatMap { TimeZone(secondsFromGMT: Int($0) * 60) } ?? TimeZone.current
        let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        guard components.isValidDate(in: calendar), let date = calendar.date(from: components) else { return nil }
        let offset = offsetMinutes ?? Int32(calendar.timeZone.secondsFromGMT(for: date) / 60)
        return GitTime(seconds: Int64(date.timeIntervalSince1970), offsetMinutes: offset)
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
