/// Checks the syntax of a Quartz cron expression, the format of Databricks job schedules:
/// `seconds minutes hours day-of-month month day-of-week [year]`.
public enum QuartzCronExpression {
    struct Field {
        var name: String
        var range: ClosedRange<Int>
        var names: [String: Int]
        var special: Set<Character>
    }

    static let months = ["JAN": 1, "FEB": 2, "MAR": 3, "APR": 4, "MAY": 5, "JUN": 6, "JUL": 7, "AUG": 8, "SEP": 9, "OCT": 10, "NOV": 11, "DEC": 12]
    static let days = ["SUN": 1, "MON": 2, "TUE": 3, "WED": 4, "THU": 5, "FRI": 6, "SAT": 7]

    static let fields = [
        Field(name: "seconds", range: 0...59, names: [:], special: []),
        Field(name: "minutes", range: 0...59, names: [:], special: []),
        Field(name: "hours", range: 0...23, names: [:], special: []),
        Field(name: "day-of-month", range: 1...31, names: [:], special: ["?", "L", "W"]),
        Field(name: "month", range: 1...12, names: months, special: []),
        Field(name: "day-of-week", range: 1...7, names: days, special: ["?", "L", "#"]),
        Field(name: "year", range: 1970...2099, names: [:], special: []),
    ]

    /// nil when the expression is valid, else what is wrong with it.
    public static func problem(in expression: String) -> String? {
        let parts = expression.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard parts.count == 6 || parts.count == 7 else {
            var hint = ""
            if parts.count == 5 {
                // Unix: minute hour day-of-month month day-of-week. Quartz: seconds first, one day field `?`.
                var quartz = ["0"] + parts
                if quartz[5] == "*" { quartz[5] = "?" } else { quartz[3] = "?" }
                hint = " (it looks like a Unix cron expression; in Quartz syntax that is \"\(quartz.joined(separator: " "))\")"
            }
            return "a Quartz cron expression has 6 or 7 fields (seconds minutes hours day-of-month month day-of-week [year]), found \(parts.count)\(hint)"
        }
        for (i, part) in parts.enumerated() {
            if let p = problem(in: part, field: fields[i]) { return p }
        }
        let dom = parts[3], dow = parts[5]
        if dom != "?" && dow != "?" {
            return "one of day-of-month (\(dom)) and day-of-week (\(dow)) must be ?, for example \"0 0 2 * * ?\""
        }
        if dom == "?" && dow == "?" {
            return "day-of-month and day-of-week cannot both be ?"
        }
        return nil
    }

    static func problem(in part: String, field: Field) -> String? {
        if part == "*" { return nil }
        if part == "?" {
            return field.special.contains("?") ? nil : "? is only allowed in day-of-month and day-of-week, not in \(field.name)"
        }
        for item in part.split(separator: ",", omittingEmptySubsequences: false).map(String.init) {
            if item.isEmpty { return "empty list entry in the \(field.name) field \"\(part)\"" }
            if let p = problem(inItem: item.uppercased(), field: field) { return p }
        }
        return nil
    }

    static func problem(inItem item: String, field: Field) -> String? {
        var base = item
        if let slash = item.firstIndex(of: "/") {
            base = String(item[..<slash])
            let step = String(item[item.index(after: slash)...])
            guard let n = Int(step), n > 0, n <= field.range.upperBound else {
                return "invalid step \"/\(step)\" in the \(field.name) field \"\(item)\""
            }
            if base == "*" || base.isEmpty { return nil }
        }
        if field.special.contains("L") {
            if field.name == "day-of-month", base == "L" || base == "LW" || base.hasPrefix("L-") {
                if base.hasPrefix("L-"), Int(base.dropFirst(2)) == nil { return "invalid offset in \"\(item)\"" }
                return nil
            }
            if field.name == "day-of-week", base.hasSuffix("L") {
                return value(String(base.dropLast()).isEmpty ? "7" : String(base.dropLast()), field) == nil ? "invalid value \"\(item)\" in day-of-week" : nil
            }
        }
        if field.special.contains("W"), base.hasSuffix("W") {
            return value(String(base.dropLast()), field) == nil ? "invalid value \"\(item)\" in day-of-month" : nil
        }
        if field.special.contains("#"), let hash = base.firstIndex(of: "#") {
            let day = String(base[..<hash]), nth = String(base[base.index(after: hash)...])
            guard value(day, field) != nil, let n = Int(nth), (1...5).contains(n) else {
                return "invalid value \"\(item)\" in day-of-week (expected DAY#N with N from 1 to 5)"
            }
            return nil
        }
        let bounds = base.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard bounds.count <= 2 else { return "invalid range \"\(item)\" in the \(field.name) field" }
        var values: [Int] = []
        for b in bounds {
            guard let v = value(b, field) else {
                return "invalid value \"\(b)\" in the \(field.name) field (allowed: \(field.range.lowerBound)-\(field.range.upperBound)\(field.names.isEmpty ? "" : " or names such as \(field.names.sorted { $0.value < $1.value }.first!.key)"))"
            }
            values.append(v)
        }
        return nil
    }

    static func value(_ text: String, _ field: Field) -> Int? {
        if let n = Int(text) { return field.range.contains(n) ? n : nil }
        return field.names[text.uppercased()]
    }
}
