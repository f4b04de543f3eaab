import BundleEditing
import BundleModel
import Foundation

/// "run daily at 2am", "every weekday at 6:30 Berlin time", "hourly", "schedule 0 15 3 * * ?".
public enum ScheduleIntent: Intent {
    public static let id = "schedule"
    public static let summary = "schedules: daily at 2am, every weekday at 6:30 Berlin time, every 10 minutes, on the first of the month, cron"
    public static let examples = ["run daily at 2am", "every weekday at 6:30 Berlin time", "run hourly", "schedule it with cron 0 0 5 * * ?"]

    static let timezones: [String: String] = [
        "berlin": "Europe/Berlin", "london": "Europe/London", "uk": "Europe/London", "ny": "America/New_York", "nyc": "America/New_York", "paris": "Europe/Paris", "amsterdam": "Europe/Amsterdam",
        "madrid": "Europe/Madrid", "zurich": "Europe/Zurich", "stockholm": "Europe/Stockholm", "dublin": "Europe/Dublin",
        "new york": "America/New_York", "eastern": "America/New_York", "chicago": "America/Chicago", "central": "America/Chicago",
        "denver": "America/Denver", "los angeles": "America/Los_Angeles", "pacific": "America/Los_Angeles", "san francisco": "America/Los_Angeles",
        "la": "America/Los_Angeles", "sf": "America/Los_Angeles", "bay area": "America/Los_Angeles", "hk": "Asia/Hong_Kong",
        "toronto": "America/Toronto", "sao paulo": "America/Sao_Paulo", "tokyo": "Asia/Tokyo", "singapore": "Asia/Singapore",
        "sydney": "Australia/Sydney", "india": "Asia/Kolkata", "mumbai": "Asia/Kolkata", "bangalore": "Asia/Kolkata", "utc": "UTC", "gmt": "UTC",
        "central european": "Europe/Berlin", "eastern european": "Europe/Helsinki", "british": "Europe/London", "mountain": "America/Denver",
        "vienna": "Europe/Vienna", "brussels": "Europe/Brussels", "oslo": "Europe/Oslo", "copenhagen": "Europe/Copenhagen", "helsinki": "Europe/Helsinki",
        "warsaw": "Europe/Warsaw", "prague": "Europe/Prague", "lisbon": "Europe/Lisbon", "rome": "Europe/Rome", "milan": "Europe/Rome",
        "munich": "Europe/Berlin", "frankfurt": "Europe/Berlin", "hamburg": "Europe/Berlin", "istanbul": "Europe/Istanbul", "athens": "Europe/Athens",
        "boston": "America/New_York", "atlanta": "America/New_York", "miami": "America/New_York", "dallas": "America/Chicago", "houston": "America/Chicago",
        "austin": "America/Chicago", "seattle": "America/Los_Angeles", "vancouver": "America/Vancouver", "mexico city": "America/Mexico_City",
        "hong kong": "Asia/Hong_Kong", "shanghai": "Asia/Shanghai", "beijing": "Asia/Shanghai", "seoul": "Asia/Seoul", "dubai": "Asia/Dubai",
        "delhi": "Asia/Kolkata", "kolkata": "Asia/Kolkata", "bangkok": "Asia/Bangkok", "jakarta": "Asia/Jakarta", "manila": "Asia/Manila",
        "melbourne": "Australia/Melbourne", "auckland": "Pacific/Auckland", "johannesburg": "Africa/Johannesburg", "cairo": "Africa/Cairo",
        "lagos": "Africa/Lagos", "nairobi": "Africa/Nairobi", "buenos aires": "America/Argentina/Buenos_Aires", "bogota": "America/Bogota",
    ]

    /// Time zone abbreviations as people write them ("6pm CET", "9am EST"), read as the zone whose
    /// clocks they name (with daylight saving time, as a schedule wants).
    static let abbreviations: [String: String] = [
        "CET": "Europe/Berlin", "CEST": "Europe/Berlin", "EET": "Europe/Helsinki", "EEST": "Europe/Helsinki", "WET": "Europe/Lisbon",
        "BST": "Europe/London", "GMT": "UTC", "UTC": "UTC", "Z": "UTC",
        "EST": "America/New_York", "EDT": "America/New_York", "ET": "America/New_York", "CST": "America/Chicago", "CDT": "America/Chicago",
        "CT": "America/Chicago", "MST": "America/Denver", "MDT": "America/Denver", "MT": "America/Denver", "PST": "America/Los_Angeles",
        "PDT": "America/Los_Angeles", "PT": "America/Los_Angeles", "IST": "Asia/Kolkata", "JST": "Asia/Tokyo", "KST": "Asia/Seoul",
        "SGT": "Asia/Singapore", "HKT": "Asia/Hong_Kong", "AEST": "Australia/Sydney", "AEDT": "Australia/Sydney", "NZST": "Pacific/Auckland",
        "BRT": "America/Sao_Paulo",
    ]
    static let timezoneNamesLongestFirst = timezones.keys.sorted { $0.count > $1.count }

    /// "weekdays", "monday to friday", "mon-fri", "Mon–Fri", "work days".
    static func saysWeekdays(_ text: RequestText) -> Bool {
        text.hasAny(["weekday", "weekdays", "mon-fri", "monday-friday", "workdays", "weekdays-only"]) || text.contains("monday to friday")
            || text.contains("work day") || text.contains("mon to fri") || text.contains("mon–fri") || text.contains("monday through friday")
            || text.contains("mon through fri")
    }

    static let days = ["monday": "MON", "tuesday": "TUE", "wednesday": "WED", "thursday": "THU", "friday": "FRI", "saturday": "SAT", "sunday": "SUN"]
    static let week = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

    /// The days of the week the words name, in the week's order ("every Monday and Thursday", "on
    /// weekends"): the cron field (`MON,THU`) and the words (`Monday and Thursday`); nil when they name none.
    static func namedDays(_ text: RequestText) -> (field: String, words: String)? {
        // "Monday-Wednesday", "mon to wed", "tue through thu": a range of days (every day, or the two ends).
        let dayName = "(monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues|tue|wed|thurs|thur|thu|fri|sat|sun)"
        if let match = text.lowered.firstMatch(of: try! Regex("\\b\(dayName)s?\\s*(?:-|–|to|through|thru|till|until)\\s*\(dayName)s?\\b")) {
            let short = ["mon": "monday", "tue": "tuesday", "tues": "tuesday", "wed": "wednesday", "thu": "thursday", "thur": "thursday",
                         "thurs": "thursday", "fri": "friday", "sat": "saturday", "sun": "sunday"]
            let from = match.output[1].substring.map(String.init) ?? "", to = match.output[2].substring.map(String.init) ?? ""
            if let first = week.firstIndex(of: short[from] ?? from), let last = week.firstIndex(of: short[to] ?? to), first < last,
               !(first == 0 && last == 4) {
                let field = "\(days[week[first]]!)-\(days[week[last]]!)"
                return (field, "\(week[first].capitalized) to \(week[last].capitalized)")
            }
        }
        var named = week.filter { text.has($0) || text.has($0 + "s") }
        // "mon wed fri", "tue/thu": the days written short ("sat" and "sun" beside another, or after "on").
        let short = ["mon": "monday", "tue": "tuesday", "tues": "tuesday", "wed": "wednesday", "thu": "thursday", "thur": "thursday",
                     "thurs": "thursday", "fri": "friday", "sat": "saturday", "sun": "sunday"]
        let written = text.words.enumerated().filter { short[$0.element] != nil }
        let weekday = written.contains { !["sat", "sun"].contains($0.element) }
        for (i, word) in written where weekday || (i > 0 && ["on", "every", "and"].contains(text.words[i - 1])) || written.count > 1 {
            if let day = short[word], !named.contains(day) { named.append(day) }
        }
        named = week.filter(named.contains)
        if named.isEmpty, text.hasAny(["weekend", "weekends"]) { named = ["saturday", "sunday"] }
        guard !named.isEmpty else { return nil }
        let words = named.map(\.capitalized)
        return (named.compactMap { days[$0] }.joined(separator: ","),
                words.count == 1 ? words[0] : words.dropLast().joined(separator: ", ") + " and " + words.last!)
    }

    /// "MON,THU" as "Monday and Thursday"; nil for fields of other shapes ("MON-FRI", "2#1").
    static func dayWords(_ field: String) -> String? {
        let names = field.split(separator: ",").map { code in days.first { $0.value == code }?.key.capitalized }
        guard !names.isEmpty, names.allSatisfy({ $0 != nil }) else { return nil }
        let words = names.compactMap { $0 }
        return words.count == 1 ? words[0] : words.dropLast().joined(separator: ", ") + " and " + words.last!
    }

    /// The days the words say the job should not run on ("stop running on weekends", "don't run it on
    /// Sundays", "daily except Saturdays", "skip Mondays"): day codes in the week's order; nil when no
    /// day is named after a word that excludes it.
    static func excludedDays(_ text: RequestText) -> [String]? {
        guard let named = namedDays(text) else { return nil }
        let excluding: Set<String> = ["stop", "don", "dont", "not", "never", "no", "skip", "except", "excluding", "without", "avoid", "but"]
        let dayWords = Set(week + week.map { $0 + "s" } + ["weekend", "weekends"])
        guard let firstDay = text.words.firstIndex(where: { dayWords.contains($0) }),
              text.words[..<firstDay].contains(where: { excluding.contains($0) }) else { return nil }
        return named.field.split(separator: ",").map(String.init)
    }

    /// The day codes a Quartz day-of-week field names ("MON-FRI", "MON,WED", "2-6", "*"); nil for
    /// other shapes ("2#1", "L").
    static func dayCodes(_ field: String) -> [String]? {
        let codes = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]
        func index(_ part: Substring) -> Int? {
            if let n = Int(part), (1...7).contains(n) { return n - 1 }
            return codes.firstIndex(of: part.uppercased())
        }
        if field == "*" || field == "?" { return codes }
        var chosen = Set<Int>()
        for part in field.split(separator: ",") {
            let ends = part.split(separator: "-")
            guard (1...2).contains(ends.count), let from = index(ends[0]), let to = index(ends[ends.count - 1]) else { return nil }
            var day = from
            while true { chosen.insert(day); if day == to { break }; day = (day + 1) % 7 }
        }
        return codes.indices.filter { chosen.contains($0) }.map { codes[$0] }
    }

    /// Day codes as a day-of-week field, Monday first: "MON-FRI", "MON-SAT", "MON,WED,FRI".
    static func dayField(_ codes: [String]) -> String {
        let order = ["MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"]
        let indices = order.indices.filter { codes.contains(order[$0]) }
        if indices.count >= 3, indices.last! - indices.first! == indices.count - 1 { return "\(order[indices.first!])-\(order[indices.last!])" }
        return indices.map { order[$0] }.joined(separator: ",")
    }

    /// A day-of-week field in words: "every weekday", "Monday to Saturday", "every Monday and Friday".
    static func dayFieldWords(_ field: String) -> String {
        if field == "MON-FRI" { return "every weekday" }
        let names = ["MON": "Monday", "TUE": "Tuesday", "WED": "Wednesday", "THU": "Thursday", "FRI": "Friday", "SAT": "Saturday", "SUN": "Sunday"]
        let ends = field.split(separator: "-").map(String.init)
        if ends.count == 2, let from = names[ends[0]], let to = names[ends[1]] { return "\(from) to \(to)" }
        return "every " + (dayWords(field) ?? field)
    }

    /// "stop running on weekends" of a job with a schedule: the days it ran on without those, its time
    /// kept ("also run on Saturdays": with those). Nil when the request says more than that (a time, an
    /// interval) or names no day to leave out or add.
    static func withoutDays(_ said: RequestText, job: String, current: String?) throws -> (cron: String, description: String)? {
        // "also run on Saturdays", "add Sundays too": those days besides the ones it runs on.
        let adding = excludedDays(said) == nil && namedDays(said) != nil
            && (said.hasAny(["also", "too", "additionally", "plus"]) || said.contains("as well"))
        guard let excluded = excludedDays(said) ?? (adding ? namedDays(said)?.field.split(separator: ",").map(String.init) : nil),
              cronLiteral(said) == nil, interval(said) == nil, times(said).isEmpty,
              !said.hasAny(["hourly", "monthly", "weekly"]) else { return nil }
        guard let current else {
            throw PlanningStop(outcome: .clarify(question: "Job \(job) has no schedule yet; when should it run?",
                                                 choices: ["run \(job) every weekday at 6:00", "run \(job) daily at 5am"]))
        }
        var fields = current.split(separator: " ").map(String.init)
        guard fields.count >= 6, ["*", "?"].contains(fields[3]), let days = dayCodes(fields[5]) else {
            throw PlanningStop(outcome: .refused("the schedule of job \(job) (\(current)) runs on days of the month, not of the week; say the whole schedule (\"every weekday at 2am\")"))
        }
        let kept = adding ? days + excluded.filter { !days.contains($0) } : days.filter { !excluded.contains($0) }
        if adding, kept.count == days.count { throw PlanningStop(outcome: .refused("job \(job) already runs on those days (\(current))")) }
        if kept.count == 7 {
            (fields[3], fields[5]) = ("*", "?")
            let time = Int(fields[1]).flatMap { m in Int(fields[2]).map { String(format: " at %02d:%02d", $0, m) } } ?? ""
            return (fields.joined(separator: " "), "every day" + (time.isEmpty ? " (at the times it ran before)" : time))
        }
        guard adding || kept.count < days.count else { throw PlanningStop(outcome: .refused("job \(job) already does not run on those days (\(current))")) }
        guard !kept.isEmpty else {
            throw PlanningStop(outcome: .refused("job \(job) would never run; to stop it, ask to pause its schedule"))
        }
        (fields[3], fields[5]) = ("?", dayField(kept))
        let time = Int(fields[1]).flatMap { m in Int(fields[2]).map { String(format: " at %02d:%02d", $0, m) } } ?? ""
        return (fields.joined(separator: " "), dayFieldWords(fields[5]) + (time.isEmpty ? " (at the times it ran before)" : time))
    }

    /// The time zone the request names: an IANA name as written ("America/New_York"), or a city.
    static func zone(_ text: RequestText) -> String? {
        let tokens = text.original.split(whereSeparator: \.isWhitespace).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ",;\"'`().")) }
        if let iana = tokens.first(where: { token in
            let parts = token.split(separator: "/")
            return parts.count >= 2 && parts.count <= 3 && parts.allSatisfy { $0.first?.isUppercase == true && $0.allSatisfy { $0.isLetter || $0 == "_" || $0 == "-" } }
                && ["Africa", "America", "Antarctica", "Asia", "Atlantic", "Australia", "Europe", "Indian", "Pacific", "Etc"].contains(String(parts[0]))
        }) {
            return iana
        }
        if let abbreviation = tokens.first(where: { abbreviations[$0] != nil && $0 != "Z" }) { return abbreviations[abbreviation] }
        // Written small right after a time ("5:30 est", "6am pst"): the zone it abbreviates (it was UTC).
        for (i, token) in tokens.enumerated() where i > 0 && abbreviations[token.uppercased()] != nil && token.uppercased() != "Z" {
            let before = tokens[i - 1].lowercased()
            if before.first?.isNumber == true && (before.contains(":") || before.hasSuffix("am") || before.hasSuffix("pm") || Int(before) != nil) || ["am", "pm"].contains(before) {
                return abbreviations[token.uppercased()]
            }
        }
        // Whole words, the longest name first ("central european" before "central").
        let words = " " + text.words.joined(separator: " ") + " "
        if let known = timezoneNamesLongestFirst.first(where: { words.contains(" \($0) ") }) { return timezones[known]! }
        // Any other city a zone is named after, written before "time" ("4am Budapest time") or after "in" ("… in Budapest").
        for (i, word) in text.words.enumerated() {
            let before = i > 0 ? text.words[i - 1] : "", after = i + 1 < text.words.count ? text.words[i + 1] : ""
            guard after == "time" || ["in", "at"].contains(before) || before == "to" && text.hasAny(["timezone", "zone", "tz"]) else { continue }
            if i > 0, let zone = JavaTimeZoneID.cities["\(before) \(word)"] { return zone }
            if word.count >= 4, let zone = JavaTimeZoneID.cities[word] { return zone }
        }
        return nil
    }

    /// A word said as a time zone that no zone is known by: "Gotham" of "6am Gotham time", "Berlinn" of
    /// "3am Berlinn time"; nil when there is none (or it is a time of day or a word like "local").
    static func unknownZone(_ text: RequestText) -> String? {
        let notZones: Set<String> = ["the", "a", "an", "same", "any", "local", "run", "running", "start", "end", "each", "every", "this", "that", "next",
                                     "first", "last", "one", "some", "what", "lunch", "dinner", "bed", "day", "night", "job", "its", "their", "our",
                                     "my", "your", "server", "workspace", "cluster", "on", "in", "at", "by", "of", "for", "to", "daylight", "summer",
                                     "winter", "standard", "savings", "saving", "real", "execution", "processing", "wall", "clock", "up", "down",
                                     "full", "part", "over", "peak", "off-peak", "business", "office", "market", "trading", "zone", "schedule"]
        let original = text.original.split(whereSeparator: \.isWhitespace).map { $0.trimmingCharacters(in: .punctuationCharacters) }
        for (i, word) in text.words.enumerated() where i + 1 < text.words.count && ["time", "timezone"].contains(text.words[i + 1]) {
            guard !notZones.contains(word), word.first?.isLetter == true, !["am", "pm"].contains(word), !word.contains(":"),
                  RequestText.numberWords[word] == nil, !CompoundRequest.joints.contains(word) else { continue }
            // "…, then time it out after 3 hours": "time" the verb.
            if i + 2 < text.words.count, ["it", "them", "out", "this", "that", "the", "runs", "job", "jobs"].contains(text.words[i + 2]) { continue }
            return original.first { $0.lowercased() == word } ?? word
        }
        return nil
    }

    /// The words without a rhythm that names a job ("the monthly refresh", "our nightly load"): "set the
    /// timezone to America/Toronto for the monthly refresh" asks for no monthly schedule.
    static func withoutNamingRhythms(_ text: RequestText) -> RequestText {
        let determiners: Set<String> = ["the", "our", "my", "this", "that", "its", "their", "your"]
        let rhythms: Set<String> = ["daily", "hourly", "weekly", "monthly", "nightly"]
        let tokens = text.original.split(whereSeparator: \.isWhitespace).map(String.init)
        var kept: [String] = []
        for (i, token) in tokens.enumerated() {
            let word = token.lowercased().trimmingCharacters(in: .punctuationCharacters)
            if rhythms.contains(word), i > 0, determiners.contains(tokens[i - 1].lowercased()) { continue }
            kept.append(token)
        }
        return kept.count == tokens.count ? text : RequestText(kept.joined(separator: " "))
    }

    /// Only the time zone: "set the timezone to America/New_York", "use Berlin time for the schedule".
    static func zoneOnly(_ request: RequestText) -> Bool {
        let text = withoutNamingRhythms(request)
        // ("in Europe/Warsaw" alone: an IANA name says it is a time zone.)
        let iana = text.original.contains("/") && zone(text).map { text.original.contains($0) } == true && text.words.count <= 4
        // ("use UTC for all the schedules": a zone for the schedules there are.)
        let forSchedules = text.hasAny(["schedule", "schedules"]) && text.hasAny(["use", "set", "switch", "move", "change", "put", "make"])
        // ("set the timezone of every job": which jobs, not when.)
        let rhythm = text.words.enumerated().contains { i, w in
            ["daily", "hourly", "weekly", "monthly", "weekday", "weekdays", "nightly", "every"].contains(w)
                && !(w == "every" && i + 1 < text.words.count && everyWhich.contains(text.words[i + 1]))
                // ("every" alone, "for every", answering which: no period.)
                && !(w == "every" && i + 1 == text.words.count)
        }
        return zone(text) != nil && (iana || forSchedules || text.hasAny(["timezone", "timezone_id", "tz"]) || text.contains("time zone") || text.contains(" time"))
            && cronLiteral(text) == nil && interval(text) == nil && dayOfMonth(text) == nil && weekdayOfMonth(text) == nil && time(text) == nil && !rhythm
    }

    /// Words after "every" that say which resources, not when ("every job", "every one of them").
    /// Whether the words after "every" at `i` name resources ("every hello world job") before any period
    /// ("every day", "every 2 hours", "every monday").
    static func quantifiesResources(_ words: [String], after i: Int) -> Bool {
        let periods: Set<String> = ["day", "days", "hour", "hours", "minute", "minutes", "min", "mins", "week", "weeks", "month", "months", "morning",
                                    "mornings", "evening", "evenings", "night", "nights", "weekday", "weekdays", "weekend", "weekends", "year", "quarter",
                                    "half", "other", "second", "third", "fourth", "last", "first"]
        for word in words[(i + 1)...].prefix(4) {
            if periods.contains(word) || days[word] != nil || days[String(word.dropLast())] != nil || Int(word) != nil || RequestText.numberWords[word] != nil { return false }
            if everyWhich.contains(word), !["of", "one", "single", "other"].contains(word) { return true }
        }
        return false
    }

    static let everyWhich: Set<String> = Set(ResourceVocabulary.nouns.values.joined()).union([
        // ("not do a full refresh every run", "no e-mail on every failure": each occasion, no period — a daily 00:00
        // schedule was written.)
        "run", "runs", "time", "times", "execution", "executions", "attempt", "attempts", "retry", "retries", "failure", "failures",
        "success", "deploy", "deployment", "deployments", "refresh", "update", "trigger",
        "task", "tasks", "cluster", "clusters", "target", "targets", "resource", "resources", "one", "of", "single", "other", "notebook", "notebooks",
        "environment", "environments", "parameter", "parameters", "library", "libraries", "place", "file", "files",
    ])

    public static func score(_ text: RequestText) -> Int {
        if zoneOnly(text) { return 4 }
        if cronLiteral(text) != nil { return 4 }
        // "move the schedule an hour later", "make it run 30 minutes earlier".
        if shift(text) != nil, text.hasAny(["schedule", "scheduled", "run", "runs", "it", "move", "start", "starts"]) { return 3 }
        // "stop running on weekends", "don't run the report on Sundays".
        if excludedDays(text) != nil, text.hasAny(["run", "runs", "running", "schedule", "scheduled", "trigger", "triggered"]) { return 3 }
        if interval(text) != nil || dayOfMonth(text) != nil || weekdayOfMonth(text) != nil { return 3 }
        // "the nightly run", "our daily job": a name, not a schedule.
        let determiners: Set<String> = ["the", "our", "my", "this", "that", "its", "their", "your"]
        let rhythm = text.words.enumerated().contains { i, w in
            ["daily", "hourly", "weekly", "monthly", "weekday", "weekdays", "nightly", "every"].contains(w)
                && !(i > 0 && determiners.contains(text.words[i - 1]) && ["daily", "hourly", "weekly", "monthly", "nightly"].contains(w))
                // "on every job", "every task": which ones, not when.
                && !(w == "every" && i + 1 < text.words.count && everyWhich.contains(text.words[i + 1]))
                // ("make every hello world job 3": which ones, past the words of their name; a daily 00:00 schedule was written.)
                && !(w == "every" && quantifiesResources(text.words, after: i))
                // ("every" alone, "for every", answering which: no period.)
                && !(w == "every" && i + 1 == text.words.count)
        }
        let when = rhythm || time(text) != nil
        if when && text.hasAny(["run", "runs", "schedule", "scheduled", "at", "daily", "hourly", "every", "monthly", "weekly"]) { return 2 }
        // "weekdays only", "only on weekdays", "mondays too": days alone, for the schedule there is.
        if text.words.count <= 4, text.hasAny(["weekdays", "weekday", "weekends", "weekend"] + days.keys.flatMap { [$0, $0 + "s"] }) { return 2 }
        // "make it 6am instead", "move it to 7:30": a new time for the schedule there is.
        if time(text) != nil && text.hasAny(["instead", "make", "move", "change", "shift"]) { return 2 }
        // "add a schedule", "schedule the train job", "give it a schedule": when is asked (not understood).
        return asksForASchedule(text) ? 1 : 0
    }

    /// "add a schedule", "schedule the train job", "put the job on a schedule": a schedule without a time.
    static func asksForASchedule(_ text: RequestText) -> Bool {
        let words = text.words
        if words.first == "schedule" || (words.first == "please" && words.dropFirst().first == "schedule") { return true }
        guard words.contains("schedule") || words.contains("cron") else { return false }
        return text.hasAny(["add", "give", "put", "set", "create", "needs", "need", "want", "should"])
            && !text.hasAny(["remove", "delete", "drop", "pause", "unpause", "resume", "stop", "disable", "enable", "timezone", "zone"])
    }

    /// "every 10 minutes", "every 3 hours", "every half hour", "every 15 min": a repeating interval.
    static func interval(_ text: RequestText) -> (minutes: Int, description: String)? {
        // "twice a day", "three times a day", "4 times daily": evenly over the day.
        for (phrase, times) in [("twice a day", 2), ("twice daily", 2), ("twice per day", 2), ("three times a day", 3), ("3 times a day", 3),
                                ("three times daily", 3), ("four times a day", 4), ("4 times a day", 4), ("four times daily", 4)] where text.contains(phrase) {
            // "twice a day at 9 and 21": at the times said.
            if Self.times(text).count == times { return nil }
            return (24 * 60 / times, "every \(24 / times) hours")
        }
        guard let every = text.words.firstIndex(of: "every"), every + 1 < text.words.count else { return nil }
        let rest = Array(text.words[(every + 1)...])
        if rest.starts(with: ["half", "hour"]) || rest.starts(with: ["half", "an", "hour"]) { return (30, "every 30 minutes") }
        if rest.first == "quarter" || rest.starts(with: ["quarter", "hour"]) { return (15, "every 15 minutes") }
        guard rest.count >= 2, let n = Int(rest[0]) ?? RequestText.numberWords[rest[0]] else { return nil }
        switch rest[1] {
        case "minute", "minutes", "min", "mins":
            // ("every 120 minutes": every 2 hours.)
            if n >= 60, n % 60 == 0, n / 60 < 24 { return (n, "every \(pluralize(n / 60, "hour"))") }
            return n > 0 && n < 60 ? (n, "every \(pluralize(n, "minute"))") : nil
        case "hour", "hours", "hr", "hrs", "h": return n > 0 && n < 24 ? (n * 60, "every \(pluralize(n, "hour"))") : nil
        default: return nil
        }
    }

    /// The hours an interval is limited to: "between 8 and 18", "from 8am to 6pm", "between 9:00 and 17:00".
    static func hourWindow(_ text: RequestText) -> (from: Int, to: Int)? {
        let pattern = #"\b(?:between|from)\s+(\d{1,2})(?::00)?\s*(am|pm)?\s+(?:and|to|until|till)\s+(\d{1,2})(?::00)?\s*(am|pm)?\b"#
        let original = text.original.lowercased()
        // "during business hours", "in office hours", "within working hours": 9 to 17 (it was dropped, and the job
        // ran around the clock).
        if original.range(of: #"\b(business|office|working|work)\s+hours\b"#, options: .regularExpression) != nil,
           original.range(of: pattern, options: .regularExpression) == nil {
            return (9, 17)
        }
        guard let regex = try? NSRegularExpression(pattern: pattern),
              let match = regex.firstMatch(in: original, range: NSRange(original.startIndex..., in: original)) else { return nil }
        func hour(_ number: Int, _ suffix: Int) -> Int? {
            guard let r = Range(match.range(at: number), in: original), var h = Int(original[r]) else { return nil }
            let half = Range(match.range(at: suffix), in: original).map { String(original[$0]) }
            if half == "pm" && h < 12 { h += 12 }
            if half == "am" && h == 12 { h = 0 }
            return (0...23).contains(h) ? h : nil
        }
        guard let from = hour(1, 2), let to = hour(3, 4), from < to else { return nil }
        return (from, to)
    }

    /// Whether the words ask for the schedule to be paused as it is written ("…, paused", "but keep it
    /// paused", "paused for now", "leave it paused"); not "unpaused".
    static func saysPaused(_ text: RequestText) -> Bool {
        text.has("paused") && !text.hasAny(["unpaused", "unpause"]) && !text.contains("not paused") && !text.contains("no longer paused")
    }

    /// "on the first Monday of every month", "the last Friday of the month", "monthly on the 2nd
    /// Tuesday": Quartz's day-of-week field (`MON#1`, `6L`) and the words; nil for other words.
    static func weekdayOfMonth(_ text: RequestText) -> (field: String, words: String)? {
        guard text.has("month") || text.has("monthly") || text.has("months") else { return nil }
        let dayName = "(monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun)"
        guard let match = text.lowered.firstMatch(of: try! Regex("\\b(first|1st|second|2nd|third|3rd|fourth|4th|fifth|5th|last)\\s+\(dayName)\\b")) else { return nil }
        let ordinal = match.output[1].substring.map(String.init) ?? ""
        let short = ["mon": "monday", "tue": "tuesday", "wed": "wednesday", "thu": "thursday", "fri": "friday", "sat": "saturday", "sun": "sunday"]
        let named = match.output[2].substring.map(String.init) ?? ""
        let day = short[named] ?? named
        guard let field = days[day] else { return nil }
        let number = ["first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "fifth": 5, "5th": 5][ordinal]
        if let number {
            let words = ["", "first", "second", "third", "fourth", "fifth"][number]
            return ("\(field)#\(number)", "on the \(words) \(day.capitalized) of every month")
        }
        // The last one: Quartz takes the day's number (SUN is 1) before L.
        let numbers = ["sunday": 1, "monday": 2, "tuesday": 3, "wednesday": 4, "thursday": 5, "friday": 6, "saturday": 7]
        return ("\(numbers[day]!)L", "on the last \(day.capitalized) of every month")
    }

    /// "on the first of the month", "monthly on the 15th", "on the 1st of every month", "the last day of the month".
    static func dayOfMonth(_ text: RequestText) -> String? {
        guard text.has("month") || text.has("monthly") || text.contains("of every month") else { return nil }
        if text.contains("last day") { return "L" }
        let ordinals = ["first": 1, "second": 2, "third": 3, "fifth": 5, "tenth": 10, "fifteenth": 15, "twentieth": 20]
        for word in text.words {
            if let n = ordinals[word] { return String(n) }
            let digits = word.prefix { $0.isNumber }
            if !digits.isEmpty, ["st", "nd", "rd", "th"].contains(String(word.dropFirst(digits.count))), let n = Int(digits), (1...31).contains(n) {
                return String(n)
            }
        }
        return text.has("monthly") ? "1" : nil
    }

    /// A Quartz expression written in the request (6 or 7 fields), or a 5-field Unix one turned into Quartz.
    static func cronLiteral(_ text: RequestText) -> String? {
        let fields = text.original.split(separator: " ").map(String.init)
        let isField: (String) -> Bool = { $0.allSatisfy { $0.isNumber || "*/?,-LW#".contains($0) || $0.isUppercase } && !$0.isEmpty }
        for length in [7, 6, 5] where fields.count >= length {
            for start in 0...(fields.count - length) {
                let slice = Array(fields[start..<(start + length)])
                guard slice.allSatisfy(isField), slice.contains(where: { $0.contains("*") || $0.contains("?") }) else { continue }
                if length == 5 {
                    var quartz = ["0"] + slice
                    if quartz[5] == "*" { quartz[5] = "?" } else { quartz[3] = "?" }
                    return quartz.joined(separator: " ")
                }
                return slice.joined(separator: " ")
            }
        }
        return nil
    }

    /// Hour and minute: "2am", "2 am", "6:30", "14:00", "6:30pm", "noon", "midnight".
    static func time(_ text: RequestText) -> (hour: Int, minute: Int)? { times(text).first }

    /// Every time of day the request names, in order: "at 6am and 6pm" is two.
    static func times(_ text: RequestText) -> [(hour: Int, minute: Int)] {
        var found: [(hour: Int, minute: Int)] = []
        // "half past 8", "quarter past 6pm", "quarter to 9": a time said in words (it was midnight).
        if let match = text.lowered.firstMatch(of: /\b(half past|quarter past|quarter to)\s+(\d{1,2})\s*(am|pm)?\b/), let h = Int(match.output.2) {
            var hour = h
            if match.output.3 == "pm" && hour < 12 { hour += 12 }
            if match.output.3 == "am" && hour == 12 { hour = 0 }
            let (hh, mm) = match.output.1 == "half past" ? (hour, 30) : match.output.1 == "quarter past" ? (hour, 15) : ((hour + 23) % 24, 45)
            if (0...23).contains(hh) { return [(hh, mm)] }
        }
        if text.has("noon") { found.append((12, 0)) }
        if text.has("midnight") { found.append((0, 0)) }
        for (i, w) in text.words.enumerated() {
            var token = w
            var suffix = ""
            for s in ["am", "pm"] where token.hasSuffix(s) { suffix = s; token.removeLast(2) }
            if suffix.isEmpty, i + 1 < text.words.count, ["am", "pm"].contains(text.words[i + 1]) { suffix = text.words[i + 1] }
            let parts = token.split(separator: ":").map(String.init)
            // ("at 2 pm": the word "pm" alone is no number; reading it crashed.)
            guard let first = parts.first, let h = Int(first), parts.count <= 2 else { continue }
            let m = parts.count == 2 ? Int(parts[1]) : 0
            guard let minute = m, (0...59).contains(minute) else { continue }
            // "an alert at 2 hours", "at 30 minutes": a duration, no time of day (a periodic trigger was
            // replaced by a daily schedule at 02:00).
            if parts.count == 1, suffix.isEmpty, i + 1 < text.words.count,
               ["hour", "hours", "hr", "hrs", "h", "minute", "minutes", "min", "mins", "second", "seconds", "day", "days"].contains(text.words[i + 1]) { continue }
            // A bare number is a time only with am/pm or after "at" ("at 9 and 21": after a time and "and" too).
            guard parts.count == 2 || !suffix.isEmpty || (i > 0 && text.words[i - 1] == "at")
                || (i > 1 && text.words[i - 1] == "and" && !found.isEmpty && Int(text.words[i - 2].split(separator: ":").first ?? "") != nil) else { continue }
            // "cap it at 4", "keep it at 6", "pin the workers at 8": a count, not a time of day (a daily 04:00 schedule was
            // committed, unpaused, in dev).
            if parts.count == 1, suffix.isEmpty, !text.hasAny(["run", "runs", "running", "schedule", "scheduled", "start", "starts", "kick", "trigger",
                                                              "daily", "nightly", "every", "o'clock", "oclock", "morning", "evening", "night", "afternoon"]),
               text.hasAny(["cap", "caps", "capped", "limit", "limited", "max", "maximum", "pin", "pinned", "keep", "hold", "fix", "fixed", "top", "tops", "stay"]) {
                continue
            }
            var hour = h
            if suffix == "pm" && hour < 12 { hour += 12 }
            if suffix == "am" && hour == 12 { hour = 0 }
            guard (0...23).contains(hour) else { continue }
            found.append((hour, minute))
        }
        return found
    }

    public static func plan(_ context: PlanningContext) throws -> Plan {
        // "hourly rather than every half hour", "at 6am instead of 7am in prod": the old schedule said
        // after the new one is no part of it (its words once gave the old value back).
        if let said = context.request.original.range(of: #"\s+(rather than|instead of)\s+"#, options: [.regularExpression, .caseInsensitive]) {
            let before = String(context.request.original[..<said.lowerBound])
            let after = String(context.request.original[said.upperBound...])
            let scope = after.range(of: #"\s+(in|for|on)\s+\S+(\s+only)?\s*$"#, options: [.regularExpression, .caseInsensitive])
                .map { String(after[$0]) } ?? ""
            if RequestText(before).words.contains(where: { ["hourly", "daily", "weekly", "every", "at", "am", "pm", "monthly", "nightly"].contains($0) }) {
                return try plan(context.saying(before + scope))
            }
        }
        let text = context.request
        if asksForASchedule(text), time(text) == nil, interval(text) == nil, cronLiteral(text) == nil, dayOfMonth(text) == nil, weekdayOfMonth(text) == nil,
           !text.hasAny(["daily", "hourly", "weekly", "monthly", "nightly", "every", "weekdays", "weekends"]) {
            let job = try context.job()
            throw PlanningStop(outcome: .clarify(question: "When should \(job) run? Say how often and at what time (in which time zone).",
                                                 choices: ["run \(job) every day at 6am UTC", "run \(job) every weekday at 7:30 Europe/Berlin time", "run \(job) every hour"]))
        }
        if let every = text.words.firstIndex(of: "every"), every + 1 < text.words.count,
           ["0", "zero"].contains(text.words[every + 1]) || (text.words[every + 1].hasPrefix("-") && Int(text.words[every + 1]) != nil) {
            throw PlanningStop(outcome: .refused("a schedule repeats at least every minute; say how often (\"every 15 minutes\")"))
        }
        // "at 25:61": no time of day (the schedule was kept, or moved to midnight, and said so).
        if let bad = text.words.first(where: { word in
            let parts = word.split(separator: ":").map { Int($0) }
            return parts.count == 2 && parts.allSatisfy { $0 != nil } && (parts[0]! > 24 || parts[1]! > 59 || (parts[0]! == 24 && parts[1]! > 0))
        }) {
            throw PlanningStop(outcome: .refused("\(bad) is no time of day: hours go from 0 to 23 and minutes from 0 to 59 (\"at 23:30\")"))
        }
        // "every 30 seconds": a schedule's finest step is a minute (it said "nothing to change").
        if let unit = text.words.firstIndex(where: { ["second", "seconds", "sec", "secs"].contains($0) }), unit > 0,
           text.words[unit - 1] == "every" || (unit >= 2 && text.words[unit - 2] == "every" && (Int(text.words[unit - 1]) != nil || RequestText.numberWords[text.words[unit - 1]] != nil)) {
            throw PlanningStop(outcome: .refused("a schedule runs at most once a minute (\"every minute\"); for work that never stops, ask for a continuous job (\"make the job continuous\")"))
        }
        // "at 9:30 and 17": one cron line runs at one minute of the hour (17:00 was dropped, unsaid).
        let said = times(withoutNamingRhythms(text))
        if said.count > 1, Set(said.map(\.minute)).count > 1, interval(text) == nil, cronLiteral(text) == nil {
            let clock = { (t: (hour: Int, minute: Int)) in String(format: "%02d:%02d", t.hour, t.minute) }
            let first = said[0].minute
            throw PlanningStop(outcome: .clarify(
                question: "One schedule runs at one minute of the hour, and \(said.map(clock).joined(separator: " and ")) differ in minutes. Which times should it be? (Two times of their own need two jobs.)",
                choices: [said.map { clock(($0.hour, first)) }, said.map { clock(($0.hour, 0)) }].map { "run it at " + $0.joined(separator: " and ") }
                    + said.map { "run it at " + clock($0) }))
        }
        // "3am LA time", "6am Gotham time": a zone not known was UTC, unsaid.
        if zone(text) == nil, let unknown = unknownZone(text) {
            let close = timezones.keys.filter { Suggestion.distance($0, unknown.lowercased()) <= 2 }.sorted()
            let replaced = { (name: String) in text.original.replacingOccurrences(of: unknown, with: name) }
            throw PlanningStop(outcome: .clarify(
                question: "Which time zone is \"\(unknown) time\"? Name a city (\"Berlin time\") or an IANA zone (Europe/Berlin, America/Los_Angeles).",
                choices: (close.map { $0.capitalized } + ["UTC"]).map(replaced)))
        }
        let target = try context.target()
        // "evaluate the freshness alert every day at 9am": an alert's schedule (quartz_cron_schedule).
        if let alert = try SchedulePauseIntent.alertNamed(context) {
            let current = context.effectiveResource(alert, target: target)?["schedule"]
            var (cron, description) = cronAndDescription(withoutNamingRhythms(text))
            if let old = current?["quartz_cron_schedule"]?.string, let kept = keeping(old, withoutNamingRhythms(text)) { (cron, description) = kept }
            let zone = zone(text) ?? current?["timezone_id"]?.string ?? "UTC"
            let location = context.location(of: alert, target: target)
            let base = location.base + [.key("schedule")]
            return Plan(subject: "Evaluate the alert \(alert.key) \(description) (\(zone))",
                        summary: "Set the schedule of alert \(alert.key) to \(cron) in \(zone) (\(description)\(current?["quartz_cron_schedule"]?.string.map { ", was \($0)" } ?? ""))\(context.forTarget(target)).",
                        target: target, resource: alert,
                        edits: [(location.file, [.set(base + [.key("quartz_cron_schedule")], .string(cron)), .set(base + [.key("timezone_id")], .string(zone))])])
        }
        // A time zone alone is for a job that has a schedule.
        if !zoneOnly(text), let pipeline = try scheduledPipeline(context) {
            if let runner = pipeline.runner { return try plan(context, job: runner, target: target) }
            // No job updates the pipeline: a new one does, on the schedule.
            let (cron, description) = cronAndDescription(text)
            return try NewJobIntent.pipelineJob(context, pipeline: pipeline.reference, key: nil, schedule: (cron, zone(text) ?? "UTC", description))
        }
        let job = try zoneOnly(text)
            ? context.job(where: { context.effectiveJob($0, target: target)?["schedule"] != nil }, unfit: { _ in "has no schedule" })
            : context.job()
        return try plan(context, job: job, target: target)
    }

    /// The pipeline a request asks to schedule ("run the pipeline every day at 6am") and the job that
    /// updates it, if one does; nil when it names no pipeline or names a job.
    static func scheduledPipeline(_ context: PlanningContext) throws -> (reference: ResourceReference, runner: String?)? {
        let mentions = context.catalog.mentions(in: context.request.original)
        guard !context.catalog.references(ofType: "pipelines").isEmpty,
              context.request.hasAny(ResourceVocabulary.nouns["pipelines"]!) || mentions.keys.contains(where: { $0.type == "pipelines" }),
              !mentions.keys.contains(where: { $0.type == "jobs" }), !context.request.hasAny(ResourceVocabulary.nouns["jobs"]!) else { return nil }
        let pipeline = try PipelineTaskIntent.chosenPipeline(context)
        let reference = "${resources.pipelines.\(pipeline.key).id}"
        let runners = context.catalog.references(ofType: "jobs").map(\.key).filter { job in
            (context.effectiveJob(job, target: nil)?["tasks"]?.sequence ?? []).contains { $0["pipeline_task"]?["pipeline_id"]?.string == reference }
        }
        if runners.count > 1 {
            throw PlanningStop(outcome: .clarify(question: "Jobs \(runners.joined(separator: ", ")) update pipeline \(pipeline.key); which one should run on the schedule?",
                                                 choices: runners.map { "--resource jobs.\($0)" }))
        }
        return (pipeline, runners.first)
    }

    static func plan(_ context: PlanningContext, job: String, target: String?) throws -> Plan {
        let text = context.request
        // "only on weekdays", "an hour later", "stop running on weekends" of a job scheduled in one
        // target's override alone: that schedule changes, none is made for every target.
        let told = withoutNamingRhythms(text)
        let changesTheOneThereIs = cronLiteral(told) == nil && interval(told) == nil && dayOfMonth(told) == nil && weekdayOfMonth(told) == nil
            && !told.hasAny(["hourly", "daily", "nightly", "weekly", "monthly"])
            && (times(told).isEmpty || told.hasAny(["instead", "move", "change", "shift", "later", "earlier"]))
        if target == nil, changesTheOneThereIs, let only = try context.targetWhereOnlyJobsHave(["schedule"], named: nil, jobs: [job]) {
            return try plan(context, job: job, target: only)
        }
        let current = context.effectiveJob(job, target: target)?["schedule"]
        if zoneOnly(text), let zone = zone(text) {
            guard let cron = current?["quartz_cron_expression"]?.string else {
                throw PlanningStop(outcome: .refused("job \(job) has no schedule to set a time zone on; give the time too (\"run daily at 2am \(zone)\")"))
            }
            if current?["timezone_id"]?.string == zone { throw PlanningStop(outcome: .refused("the schedule of job \(job) already is in \(zone)")) }
            let location = context.jobLocation(job, target: target)
            return Plan(subject: "Run \(job) in the time zone \(zone)",
                        summary: "Set the time zone of the schedule of job \(job) to \(zone) (was \(current?["timezone_id"]?.string ?? "UTC")); \(cron) now means \(zone) time\(context.forTarget(target)).",
                        target: target, job: job, edits: [(location.file, [.set(location.base + [.key("schedule"), .key("timezone_id")], .string(zone))])])
        }
        // "every 6 hours" of a job with a periodic trigger: its interval, in place (it was replaced by a
        // cron schedule at midnight in UTC, its comment gone).
        if let periodic = try periodicInPlace(context, job: job, target: target) { return periodic }
        // "every 45 minutes", "every 5 hours", "every 2 days": what a cron schedule cannot repeat evenly.
        if let periodic = try unevenRhythm(context, job: job, target: target) { return periodic }
        // Nothing said of when ("even earlier" after a schedule): asked, never a made-up midnight.
        let said = withoutNamingRhythms(text)
        let withoutDays = try withoutDays(said, job: job, current: current?["quartz_cron_expression"]?.string)
        let rhythm = said.hasAny(["daily", "hourly", "weekly", "monthly", "weekday", "weekdays", "nightly", "every", "day", "week", "month"]) || saysWeekdays(said)
            || days.contains { said.has($0.key) || said.has($0.key + "s") }
        let keptOf = current?["quartz_cron_expression"]?.string.flatMap { keeping($0, said) }
        guard cronLiteral(said) != nil || interval(said) != nil || dayOfMonth(said) != nil || weekdayOfMonth(said) != nil || time(said) != nil || rhythm || keptOf != nil || withoutDays != nil else {
            let now = current?["quartz_cron_expression"]?.string.map { " (now \($0))" } ?? ""
            throw PlanningStop(outcome: .clarify(question: "When should job \(job) run\(now)? Say, for example, \"run it daily at 5am\".",
                                                 choices: ["run \(job) daily at 5am", "run \(job) every weekday at 6:30"]))
        }
        let zone = zone(text) ?? current?["timezone_id"]?.string ?? "UTC"
        var (cron, description) = cronAndDescription(text)
        // "at 6am instead", "on the 15th": what is not said of the schedule stays (a monthly one stays monthly).
        if let withoutDays { (cron, description) = withoutDays }
        else if let keptOf { (cron, description) = keptOf }
        // "make it weekly on Mondays instead": the time it ran at stays, when none is said.
        else if times(said).isEmpty, interval(said) == nil, cronLiteral(said) == nil, !said.hasAny(["hourly", "hour", "hours", "minute", "minutes"]),
                let old = current?["quartz_cron_expression"]?.string?.split(separator: " ").map(String.init), old.count >= 6 {
            var fields = cron.split(separator: " ").map(String.init)
            let plainTime = Int(old[1]) != nil && Int(old[2]) != nil
            // "only on weekdays" after an hourly schedule: still hourly, on those days.
            let onlyDays = !said.hasAny(["daily", "weekly", "monthly", "nightly", "every", "day"])
            // ("add a nightly schedule" to a job that runs at 03:00 each night: it stays at 03:00; it was moved to 02:00.)
            let nightly = said.has("nightly") && fields.count >= 6 && fields[2] == "2" && plainTime && Int(old[2]).map { $0 >= 18 || $0 < 7 } == true
            if fields.count >= 6, fields[1] == "0", fields[2] == "0" || nightly, plainTime ? (old[1] != "0" || old[2] != "0") : onlyDays {
                let said = String(format: "%02d:%02d", Int(fields[2]) ?? 0, 0)
                (fields[0], fields[1], fields[2]) = (old[0], old[1], old[2])
                cron = fields.joined(separator: " ")
                description = plainTime
                    ? description.replacingOccurrences(of: said, with: String(format: "%02d:%02d", Int(old[2])!, Int(old[1])!))
                    : description.replacingOccurrences(of: " at 00:00", with: "") + " (at the times it ran before)"
            }
        }
        // "run it weekly" of a job that runs on Sundays: still on Sundays (it moved to Monday, the day "weekly" means
        // for a new schedule).
        if said.has("weekly"), namedDays(said) == nil, !saysWeekdays(said),
           let old = current?["quartz_cron_expression"]?.string?.split(separator: " ").map(String.init), old.count >= 6,
           old[3] == "?", old[5].range(of: #"^(MON|TUE|WED|THU|FRI|SAT|SUN)$"#, options: .regularExpression) != nil {
            var fields = cron.split(separator: " ").map(String.init)
            if fields.count >= 6, fields[5] == "MON", fields[3] == "?" {
                fields[5] = old[5]
                cron = fields.joined(separator: " ")
                description = description.replacingOccurrences(of: "every Monday", with: dayFieldWords(old[5]))
            }
        }
        // "every 2 hours" on `0 0 */2 * * ?`: the same schedule written another way stays as written.
        if let old = current?["quartz_cron_expression"]?.string, Self.sameCron(old, cron) { cron = old }
        let location = context.jobLocation(job, target: target)
        let base = location.base + [.key("schedule")]
        var operations: [EditOperation] = [.set(base + [.key("quartz_cron_expression")], .string(cron)),
                                           .set(base + [.key("timezone_id")], .string(zone))]
        var targetOverrides: [(file: String, operation: EditOperation)] = []
        let resuming = text.hasAny(["resume", "unpause", "activate", "enable", "start"]) || text.contains("turn on")
        // "…, paused", "but keep it paused", "paused for now": the new schedule written paused (it was
        // written UNPAUSED in a target, and ran).
        let askedPaused = !resuming && Self.saysPaused(text)
        if askedPaused {
            operations.append(.set(base + [.key("pause_status")], .string("PAUSED")))
        } else if current == nil && target != nil {
            operations.append(.set(base + [.key("pause_status")], .string("UNPAUSED")))
        }
        // A paused job stays paused: a new time is not a word to start it.
        var paused = askedPaused ? "; it is paused, as asked (\"resume the schedule\" turns it on)" : ""
        // (For every target: where each one pauses it, as "pause it in dev" does for dev only.)
        let pausedIn = target != nil || context.bundle.targetNames.isEmpty ? [] : context.bundle.targetNames.filter {
            context.effectiveJob(job, target: $0)?["schedule"]?["pause_status"]?.string == "PAUSED"
        }
        if askedPaused {
            // (Said above.)
        } else if !resuming, target == nil, !pausedIn.isEmpty, pausedIn.count < context.bundle.targetNames.count {
            paused = "; it stays paused in \(pausedIn.joined(separator: ", ")) (\"resume the schedule\" turns it on)"
        } else if !resuming, current?["pause_status"]?.string == "PAUSED", target != nil || pausedIn.count == context.bundle.targetNames.count {
            paused = "; it stays paused (\"resume the schedule\" turns it on)"
        } else if !resuming, current == nil, target == nil,
                  let replaced = ["trigger", "continuous"].first(where: { context.effectiveJob(job, target: nil)?[$0]?["pause_status"]?.string == "PAUSED" }) {
            operations.append(.set(base + [.key("pause_status")], .string("PAUSED")))
            // Targets that ran it (their override unpaused the trigger) keep running it: prod stopped, unsaid.
            let running = context.bundle.targetNames.filter { context.effectiveJob(job, target: $0)?[replaced]?["pause_status"]?.string == "UNPAUSED" }
            var kept: [String] = []
            for name in running {
                let override = context.jobLocation(job, target: name)
                guard override.base.first == .key("targets"), override.base != location.base || override.file != location.file else { continue }
                targetOverrides.append((override.file, .set(override.base + [.key("schedule"), .key("pause_status")], .string("UNPAUSED"))))
                kept.append(name)
            }
            paused = "; it is paused, as the \(replaced == "trigger" ? "trigger" : "continuous run") it replaces was"
                + (kept.isEmpty ? "" : ", except in \(kept.joined(separator: ", ")), which \(kept.count == 1 ? "runs" : "run") it as before")
                + " (\"resume the schedule\" turns it on)"
        }
        let was = current?["quartz_cron_expression"]?.string.map { ", was \($0)" } ?? ""
        // Targets whose own override sets the time keep it: said (prod kept running at 05:00 unsaid).
        if target == nil {
            let keeping = context.bundle.targetNames.compactMap { name -> String? in
                let override = context.jobLocation(job, target: name)
                // (Not the definition itself, for a job only that target defines.)
                guard override.base.first == .key("targets"), override.base != location.base || override.file != location.file,
                      let own = context.rawNode(file: override.file, path: override.base + [.key("schedule"), .key("quartz_cron_expression")])?.string,
                      own != cron else { return nil }
                return "\(name) (\(own))"
            }
            if !keeping.isEmpty {
                paused += "; \(keeping.joined(separator: ", ")) keep\(keeping.count == 1 ? "s its" : " their") own schedule from \(keeping.count == 1 ? "its" : "their") override (say \"… in \(keeping[0].split(separator: " ")[0])\" to change it there)"
            }
        }
        var edits: [(file: String, operations: [EditOperation])] = [(location.file, operations)]
        // A periodic trigger ("every 1 day") is the schedule the job had: the new one replaces it.
        let replaced = replacingPeriodicTrigger(context, job: job, target: target)
        let continuous = replacingContinuous(context, job: job, target: target)
        // (The targets' own pause first: written beside the trigger it replaces, in the block's own layout.)
        for (file, more) in targetOverrides.map({ ($0.file, [$0.operation]) }) + replaced.edits + continuous.edits {
            if let i = edits.firstIndex(where: { $0.file == file }) { edits[i].operations += more } else { edits.append((file, more)) }
        }
        // "run the report task at 8am": a schedule is the whole job's; said, when the words name some of its tasks
        // (every task ran at 8, unsaid).
        let reference = ResourceReference(type: "jobs", key: job)
        let tasks = context.effectiveJob(job, target: target)?["tasks"]?.sequence?.count ?? 0
        let namedTasks = context.namedParts(.task, of: reference).filter { !ResourceCatalog.words(job).contains($0.lowercased()) }
        let wholeJob = !namedTasks.isEmpty && tasks > namedTasks.count
            ? " A schedule starts the whole job: all \(tasks) of its tasks run then, not only \(namedTasks.joined(separator: " and "))." : ""
        var plan = Plan(subject: "Run \(job) \(description) (\(zone))",
                        summary: "Set the schedule of job \(job) to \(cron) in \(zone) (\(description)\(was))\(context.forTarget(target))\(replaced.note)\(continuous.note)\(paused).\(wholeJob)",
                        target: target, job: job, edits: edits)
        // "# Daily at 3 AM" beside the old expression would tell of a schedule that is gone.
        if current?["quartz_cron_expression"]?.string != cron { plan.staleComments[location.file] = [base + [.key("quartz_cron_expression")]] }
        return plan
    }

    /// The job's cron expression `old` with only what the words say changed: a time of day ("at 6am
    /// instead") keeps its days, a day of the month ("on the 15th") keeps its time. Nil when the words
    /// say how often (they give the whole schedule) or the expression's fields are not plain numbers.
    /// "an hour later", "30 minutes earlier", "2 hours later": the shift in minutes; nil when none.
    static func shift(_ text: RequestText) -> Int? {
        guard let regex = try? NSRegularExpression(pattern: "\\b(an|one|half an|\\d+)\\s*(hours?|hrs?|h|minutes?|mins?|m)\\s+(later|earlier|sooner)\\b", options: [.caseInsensitive]),
              let match = regex.firstMatch(in: text.original, range: NSRange(text.original.startIndex..., in: text.original)),
              let amount = Range(match.range(at: 1), in: text.original), let unit = Range(match.range(at: 2), in: text.original),
              let direction = Range(match.range(at: 3), in: text.original) else { return nil }
        let said = text.original[amount].lowercased()
        let n = said == "half an" ? 30 : Int(said) ?? 1
        let minutes = text.original[unit].lowercased().hasPrefix("h") ? (said == "half an" ? 30 : n * 60) : n
        return text.original[direction].lowercased() == "later" ? minutes : -minutes
    }

    /// A schedule request with its time moved ("… daily at 8:30" an hour later: "… daily at 09:30"); nil
    /// when it names no time.
    static func request(_ previous: String, shiftedBy minutes: Int) -> String? {
        // "at 8:30", "at 5am", "to 8am" (a time after "to" only with am/pm or minutes: "to 8" may be anything).
        guard let regex = try? NSRegularExpression(pattern: "\\bat\\s+(\\d{1,2})(?::(\\d{2}))?(?:\\s*(am|pm))?\\b|\\bto\\s+(?=\\d{1,2}(?::\\d{2}|\\s*(?:am|pm)))(\\d{1,2})(?::(\\d{2}))?(?:\\s*(am|pm))?\\b",
                                                   options: [.caseInsensitive]),
              let match = regex.firstMatch(in: previous, range: NSRange(previous.startIndex..., in: previous)),
              let whole = Range(match.range, in: previous) else { return nil }
        // The groups of whichever form matched ("at …": 1–3, "to …": 4–6).
        let base = match.range(at: 1).location != NSNotFound ? 1 : 4
        guard let h = Range(match.range(at: base), in: previous), var hour = Int(previous[h]) else { return nil }
        let minute = Range(match.range(at: base + 1), in: previous).flatMap { Int(previous[$0]) } ?? 0
        if let m = Range(match.range(at: base + 2), in: previous) {
            let pm = previous[m].lowercased() == "pm"
            if pm && hour < 12 { hour += 12 } else if !pm && hour == 12 { hour = 0 }
        }
        let total = ((hour * 60 + minute + minutes) % 1440 + 1440) % 1440
        return previous.replacingCharacters(in: whole, with: (base == 1 ? "at " : "to ") + String(format: "%02d:%02d", total / 60, total % 60))
    }

    static func keeping(_ old: String, _ said: RequestText) -> (String, String)? {
        var fields = old.split(separator: " ").map(String.init)
        // "make it an hour later": the time it had, moved (the days stay).
        if let shift = shift(said), fields.count >= 6, let minute = Int(fields[1]), let hour = Int(fields[2]) {
            let total = ((hour * 60 + minute + shift) % 1440 + 1440) % 1440
            fields[1] = String(total % 60)
            fields[2] = String(total / 60)
            let at = String(format: "%02d:%02d", total / 60, total % 60)
            return (fields.joined(separator: " "), "at \(at) on the days it ran before")
        }
        let often = said.hasAny(["daily", "hourly", "weekly", "monthly", "weekday", "weekdays", "nightly", "every", "day", "days", "week", "month", "noon", "midnight"])
            || namedDays(said) != nil || saysWeekdays(said)
        guard fields.count >= 6, !often, cronLiteral(said) == nil, interval(said) == nil else { return nil }
        let time = times(said).count == 1 ? time(said) : nil
        let day = said.words.lazy.compactMap { word -> Int? in
            let digits = word.prefix { $0.isNumber }
            guard !digits.isEmpty, ["st", "nd", "rd", "th"].contains(String(word.dropFirst(digits.count))), let n = Int(digits), (1...31).contains(n) else { return nil }
            return n
        }.first
        guard time != nil || day != nil else { return nil }
        let plain: (String) -> Bool = { !$0.isEmpty && $0.allSatisfy(\.isNumber) }
        if let time {
            guard plain(fields[1]), plain(fields[2]) else { return nil }
            (fields[0], fields[1], fields[2]) = ("0", String(time.minute), String(time.hour))
        }
        if let day {
            // Only a schedule by day of the month takes another day.
            guard plain(fields[3]) || fields[3] == "L", plain(fields[1]), plain(fields[2]) else { return nil }
            fields[3] = String(day)
        }
        let at = String(format: "%02d:%02d", Int(fields[2]) ?? 0, Int(fields[1]) ?? 0)
        let when: String
        if plain(fields[3]) || fields[3] == "L" {
            // (Of the months the schedule names: "1,4,7,10" is quarterly, not every month.)
            let months = fields[4] == "*" ? "every month" : "months \(fields[4])"
            when = "on day \(fields[3] == "L" ? "last" : fields[3]) of \(months) at \(at)"
        } else if fields[5] == "MON-FRI" {
            when = "every weekday at \(at)"
        } else if let names = dayWords(fields[5]) {
            when = "every \(names) at \(at)"
        } else if ["*", "?"].contains(fields[3]), ["*", "?"].contains(fields[5]), fields[4] == "*" {
            when = "every day at \(at)"
        } else {
            when = "at \(at) on the days it ran before"
        }
        return (fields.joined(separator: " "), when)
    }

    /// Edits that take away the job's periodic trigger, which a new schedule replaces: deleted where it
    /// is written (the definition and targets' overrides), or paused in a target when the definition
    /// sets it (an override cannot remove it).
    /// Edits that take away the job's continuous run, which a schedule replaces (the Jobs API takes one of
    /// schedule, trigger and continuous): deleted where it is written. A continuous run written for every
    /// target cannot be taken away in one: refused then by the validation of the result, never kept beside it.
    static func replacingContinuous(_ context: PlanningContext, job: String, target: String?) -> (edits: [(file: String, operations: [EditOperation])], note: String) {
        guard context.effectiveJob(job, target: target)?["continuous"] != nil else { return ([], "") }
        var edits: [(file: String, operations: [EditOperation])] = []
        let places = target.map { [context.jobLocation(job, target: $0), context.jobLocation(job, target: nil)] }
            ?? ([context.jobLocation(job, target: nil)] + context.bundle.targetNames.map { context.jobLocation(job, target: $0) })
        var seen = Set<String>()
        for place in places where context.rawNode(file: place.file, path: place.base + [.key("continuous")]) != nil {
            let id = place.file + "\u{0}" + place.base.map { "\($0)" }.joined(separator: ".")
            guard seen.insert(id).inserted else { continue }
            if let i = edits.firstIndex(where: { $0.file == place.file }) { edits[i].operations.append(.delete(place.base + [.key("continuous")])) }
            else { edits.append((place.file, [.delete(place.base + [.key("continuous")])])) }
        }
        return (edits, edits.isEmpty ? "" : "; it replaces the continuous run (a job runs on a schedule or continuously, not both)")
    }

    /// A periodic trigger's new interval, when the job has one and the words say only how often ("every 6
    /// hours", "every 2 days", "hourly", "weekly"): no time of day, day of the week or cron. Nil otherwise.
    static func periodicInPlace(_ context: PlanningContext, job: String, target: String?) throws -> Plan? {
        let text = withoutNamingRhythms(context.request)
        guard context.effectiveJob(job, target: target)?["trigger"]?["periodic"] != nil, cronLiteral(text) == nil, time(text) == nil,
              dayOfMonth(text) == nil, !days.contains(where: { text.has($0.key) || text.has($0.key + "s") }),
              !text.hasAny(["weekday", "weekdays", "weekend", "weekends", "at", "cron", "minute", "minutes", "min", "mins"]) else { return nil }
        var interval: Int?, unit: String?
        if let every = text.words.firstIndex(of: "every"), every + 1 < text.words.count {
            let rest = Array(text.words[(every + 1)...])
            let n = Int(rest[0]) ?? RequestText.numberWords[rest[0]]
            let word = n == nil ? rest[0] : (rest.count > 1 ? rest[1] : "")
            switch word {
            case "hour", "hours", "hr", "hrs", "h": (interval, unit) = (n ?? 1, "HOURS")
            case "day", "days": (interval, unit) = (n ?? 1, "DAYS")
            case "week", "weeks": (interval, unit) = (n ?? 1, "WEEKS")
            default: break
            }
        } else if text.has("hourly") { (interval, unit) = (1, "HOURS") }
        else if text.has("daily") { (interval, unit) = (1, "DAYS") }
        else if text.has("weekly") { (interval, unit) = (1, "WEEKS") }
        guard let interval, let unit, interval > 0 else { return nil }
        // Where the trigger is written: the target's override when it has one there, else the definition.
        let own = target.map { context.jobLocation(job, target: $0) }
        let location = own.flatMap { context.rawNode(file: $0.file, path: $0.base + [.key("trigger"), .key("periodic")]) != nil ? $0 : nil }
            ?? context.jobLocation(job, target: target)
        let periodic = context.effectiveJob(job, target: target)?["trigger"]?["periodic"]
        let was = "every \(periodic?["interval"]?.scalar?.text ?? "1") \((periodic?["unit"]?.string ?? "DAYS").lowercased())"
        if periodic?["interval"]?.scalar?.text == String(interval), periodic?["unit"]?.string?.uppercased() == unit {
            throw PlanningStop(outcome: .refused("the periodic trigger of job \(job) already runs it every \(interval) \(unit.lowercased())"))
        }
        let base = location.base + [.key("trigger"), .key("periodic")]
        let said = "every \(interval == 1 ? String(unit.lowercased().dropLast()) : "\(interval) \(unit.lowercased())")"
        return Plan(subject: "Run \(job) \(said)\(target.map { " in \($0)" } ?? "")",
                    summary: "Set the periodic trigger of job \(job) to \(said) (was \(was))\(context.forTarget(target)).",
                    target: target, job: job,
                    edits: [(location.file, [.set(base + [.key("interval")], .int(interval)), .set(base + [.key("unit")], .string(unit))])])
    }

    /// "every N minutes/hours/days/weeks" as said (a fraction too: "every 2.5 hours"), in minutes; nil
    /// when the words give no such interval.
    static func saidEvery(_ text: RequestText) -> (amount: Double, unit: String)? {
        guard let every = text.words.firstIndex(of: "every"), every + 2 < text.words.count + 1, every + 1 < text.words.count else { return nil }
        let rest = Array(text.words[(every + 1)...])
        guard rest.count >= 2, let n = Double(rest[0]) ?? RequestText.numberWords[rest[0]].map(Double.init) else { return nil }
        switch rest[1] {
        case "minute", "minutes", "min", "mins": return (n, "minutes")
        case "hour", "hours", "hr", "hrs", "h": return (n, "hours")
        case "day", "days": return (n, "days")
        case "week", "weeks": return (n, "weeks")
        default: return nil
        }
    }

    /// An interval a Quartz schedule cannot repeat evenly (its minutes and hours start again each hour and
    /// day: `0/45` runs at :00 and :45; `0/5` hours leaves 4 hours before midnight): whole hours, days or
    /// weeks become a periodic trigger, which counts from the last run; minutes that do not divide an hour
    /// are refused with the nearest that do. ("Every 61 minutes" was once a schedule at midnight.) Nil when
    /// cron says the interval as it is.
    static func unevenRhythm(_ context: PlanningContext, job: String, target: String?) throws -> Plan? {
        let text = withoutNamingRhythms(context.request)
        guard let said = saidEvery(text), cronLiteral(text) == nil else { return nil }
        let minutes = said.amount * (said.unit == "minutes" ? 1 : said.unit == "hours" ? 60 : said.unit == "days" ? 1440 : 10080)
        guard minutes > 0 else { return nil }
        let whole = minutes.rounded() == minutes ? Int(minutes) : nil
        if let whole, whole < 60, 60 % whole == 0 { return nil }
        if let whole, whole >= 60, whole < 1440, whole % 60 == 0, 24 % (whole / 60) == 0 { return nil }
        if let whole, whole == 1440 || whole == 10080 { return nil }
        let amount = said.amount.rounded() == said.amount ? String(Int(said.amount)) : String(said.amount)
        // Whole hours, days or weeks: a periodic trigger.
        var periodic: (interval: Int, unit: String)?
        if let whole, whole % 10080 == 0 { periodic = (whole / 10080, "WEEKS") }
        else if let whole, whole % 1440 == 0 { periodic = (whole / 1440, "DAYS") }
        else if let whole, whole % 60 == 0 { periodic = (whole / 60, "HOURS") }
        guard let periodic, time(text) == nil, times(text).isEmpty, !text.hasAny(["weekday", "weekdays", "between"]),
              !days.contains(where: { text.has($0.key) || text.has($0.key + "s") }) else {
            let even = [1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30]
            func hours(_ n: Int) -> String { n == 1 ? "every hour" : "every \(n) hours" }
            var near = whole.map { w in w < 60 ? [even.last { $0 < w }, even.first { $0 > w }].compactMap { $0 }.map { "every \($0) minutes" } + (w > 30 ? ["every hour"] : [])
                : [hours(max(1, w / 60)), hours(w / 60 + 1)] } ?? ["every 2 hours", "every 3 hours"]
            if periodic != nil {
                // ("every 2 days at 4am": the rhythm without the time, or the time every day.)
                let at = time(text).map { String(format: " at %d:%02d", $0.hour, $0.minute) } ?? ""
                near = ["every \(amount) \(said.unit)", "daily\(at)"]
            }
            let why = periodic == nil
                ? "a schedule cannot run every \(amount) \(said.unit) evenly: a cron schedule repeats minutes within each hour and hours within each day, and a periodic trigger counts whole hours, days or weeks"
                : "every \(amount) \(said.unit) is a periodic trigger, which counts from the last run, at no set time of day or day of the week; a cron schedule cannot repeat it evenly"
            throw PlanningStop(outcome: .clarify(question: "How often should job \(job) run? \(why.prefix(1).uppercased() + why.dropFirst()). Say one of these, or give a cron expression (\"cron 0 0 6,18 * * ?\").",
                                                 choices: near.map { "run \(job) \($0)" }))
        }
        let (interval, unit) = periodic
        let location = context.jobLocation(job, target: target)
        let base = location.base + [.key("trigger"), .key("periodic")]
        var edits: [(file: String, operations: [EditOperation])] = [(location.file, [.set(base + [.key("interval")], .int(interval)), .set(base + [.key("unit")], .string(unit))])]
        func add(_ file: String, _ operation: EditOperation) {
            if let i = edits.firstIndex(where: { $0.file == file }) { edits[i].operations.append(operation) } else { edits.append((file, [operation])) }
        }
        // The schedule it replaces goes where it is written (the Jobs API takes one of schedule, trigger and
        // continuous); a target that paused it pauses the trigger instead.
        var note = ""
        if context.effectiveJob(job, target: target)?["schedule"] != nil {
            let definition = context.jobLocation(job, target: nil)
            if target != nil, context.rawNode(file: definition.file, path: definition.base + [.key("schedule")]) != nil {
                throw PlanningStop(outcome: .refused("job \(job)'s schedule is set for every target, which a target's override cannot take away for a periodic trigger; ask without a target, or for a rhythm a schedule can say (\"every 6 hours\")"))
            }
            // (The pause as written moves to the trigger: `${var.schedule_pause_status}` stays a variable.)
            var paused: [String] = []
            // (A target's UNPAUSED over a paused definition too: prod stopped running.)
            func movePause(_ written: YAMLNode?, file: String, base: EditPath, place: String) {
                guard let status = written?["pause_status"]?.string, status != "UNPAUSED" || place != "every target" else { return }
                add(file, .set(base + [.key("trigger"), .key("pause_status")], .string(status)))
                paused.append("\(status) in \(place)")
            }
            if let written = context.rawNode(file: definition.file, path: definition.base + [.key("schedule")]) {
                add(definition.file, .delete(definition.base + [.key("schedule")]))
                movePause(written, file: definition.file, base: definition.base, place: "every target")
            }
            for name in target.map({ [$0] }) ?? context.bundle.targetNames {
                let override = context.jobLocation(job, target: name)
                guard override.file != definition.file || override.base != definition.base,
                      let written = context.rawNode(file: override.file, path: override.base + [.key("schedule")]) else { continue }
                add(override.file, .delete(override.base + [.key("schedule")]))
                movePause(written, file: override.file, base: override.base, place: name)
            }
            let old = context.effectiveJob(job, target: target)?["schedule"]?["quartz_cron_expression"]?.string ?? "its schedule"
            note = "; it replaces the schedule \(old) (a cron schedule cannot repeat every \(amount) \(said.unit) evenly)"
                + (paused.isEmpty ? "" : "; the trigger takes the schedule's pause_status (\(paused.joined(separator: ", ")))")
        }
        let continuous = replacingContinuous(context, job: job, target: target)
        for (file, more) in continuous.edits { for operation in more { add(file, operation) } }
        let every = "every \(interval) \(unit.lowercased())"
        return Plan(subject: "Run \(job) \(every)\(target.map { " in \($0)" } ?? "")",
                    summary: "Set a periodic trigger on job \(job): \(every), counted from the last run\(context.forTarget(target))\(note)\(continuous.note).",
                    target: target, job: job, edits: edits)
    }

    static func replacingPeriodicTrigger(_ context: PlanningContext, job: String, target: String?) -> (edits: [(file: String, operations: [EditOperation])], note: String) {
        // (A file-arrival or table-update trigger too: a job starts its runs one way; the schedule was
        // added beside it.)
        guard let trigger = context.effectiveJob(job, target: target)?["trigger"] else { return ([], "") }
        let said: String
        if let periodic = trigger["periodic"] {
            let interval = periodic["interval"]?.scalar?.text ?? "1"
            let unit = (periodic["unit"]?.string ?? "days").lowercased()
            said = "the periodic trigger (every \(interval == "1" ? String(unit.hasSuffix("s") ? unit.dropLast() : unit[...]) : "\(interval) \(unit)"))"
        } else if let url = trigger["file_arrival"]?["url"]?.string {
            said = "the file-arrival trigger (on \(url))"
        } else if trigger["table_update"] != nil || trigger["table"] != nil {
            said = "the table-update trigger"
        } else {
            return ([], "")
        }
        let definition = context.jobLocation(job, target: nil)
        let defined = context.rawNode(file: definition.file, path: definition.base + [.key("trigger")]) != nil
        var edits: [(file: String, operations: [EditOperation])] = []
        if let target, defined {
            let location = context.jobLocation(job, target: target)
            return ([(location.file, [.set(location.base + [.key("trigger"), .key("pause_status")], .string("PAUSED"))])],
                    "; \(said), which it replaces, is paused there")
        }
        if defined { edits.append((definition.file, [.delete(definition.base + [.key("trigger")])])) }
        for name in target.map({ [$0] }) ?? context.bundle.targetNames {
            let override = context.jobLocation(job, target: name)
            guard context.rawNode(file: override.file, path: override.base + [.key("trigger")]) != nil else { continue }
            if let i = edits.firstIndex(where: { $0.file == override.file }) {
                edits[i].operations.append(.delete(override.base + [.key("trigger")]))
            } else {
                edits.append((override.file, [.delete(override.base + [.key("trigger")])]))
            }
        }
        return (edits, "; it replaces \(said)")
    }

    /// The quartz cron line a request asks for, and the words that describe it ("every day at 02:00").
    /// Whether two Quartz expressions fire at the same times: `*/2` and `0/2` in seconds, minutes and
    /// hours (`1/2` in the day of the month and month), case, and surrounding space do not matter.
    static func sameCron(_ a: String, _ b: String) -> Bool {
        func normal(_ cron: String) -> [String] {
            cron.uppercased().split(separator: " ").enumerated().map { index, field in
                guard field.hasPrefix("*/") else { return String(field) }
                return (index <= 2 ? "0" : index == 3 || index == 4 ? "1" : "*") + field.dropFirst()
            }
        }
        return normal(a) == normal(b)
    }

    static func cronAndDescription(_ request: RequestText) -> (String, String) {
        let text = withoutNamingRhythms(request)
        let cron: String
        let description: String
        if let literal = cronLiteral(text) {
            cron = literal
            description = "on the cron schedule \(literal)"
        } else if let interval = interval(text) {
            // "every 15 minutes on weekdays", "every 2 hours on sundays": the days narrow it.
            let weekdays = saysWeekdays(text)
            let day = weekdays ? nil : namedDays(text)
            let (dayOfMonth, dayOfWeek) = weekdays ? ("?", "MON-FRI") : day.map { ("?", $0.field) } ?? ("*", "?")
            // "between 8 and 18", "from 8am to 6pm": within those hours only.
            let window = hourWindow(text)
            let hours = window.map { "\($0.from)-\($0.to)" }
            // (Every few minutes "from 8 to 18" ends with the run before 18:00.)
            let minuteHours = window.map { $0.to - 1 > $0.from ? "\($0.from)-\($0.to - 1)" : "\($0.from)" }
            // "every 6 hours starting at 1am", "every 4 hours from 3am": hours from that one (they started at midnight).
            let start: (hour: Int, minute: Int)? = window == nil && interval.minutes >= 60
                && text.original.range(of: #"(?i)\b(starting|start|starts|beginning|from|first\s+run)\b"#, options: .regularExpression) != nil ? time(text) : nil
            let startHour = start.map(\.hour)
            cron = interval.minutes < 60 ? "0 0/\(interval.minutes) \(minuteHours ?? "*") \(dayOfMonth) * \(dayOfWeek)"
                : "0 \(start?.minute ?? 0) \(hours ?? startHour.map(String.init) ?? "0")/\(interval.minutes / 60) \(dayOfMonth) * \(dayOfWeek)"
            description = interval.description + (weekdays ? " on weekdays" : day.map { " on \($0.words)" } ?? "")
                + (window.map { String(format: " between %02d:00 and %02d:00", $0.from, $0.to) } ?? "")
                + (start.map { String(format: " from %02d:%02d", $0.hour, $0.minute) } ?? "")
        } else if let weekday = weekdayOfMonth(text) {
            let (hour, minute) = time(text) ?? (0, 0)
            cron = "0 \(minute) \(hour) ? * \(weekday.field)"
            description = "\(weekday.words) at \(String(format: "%02d:%02d", hour, minute))"
        } else if let day = dayOfMonth(text) {
            let (hour, minute) = time(text) ?? (0, 0)
            cron = "0 \(minute) \(hour) \(day) * ?"
            description = "\(day == "L" ? "on the last day" : "on day \(day)") of every month at \(String(format: "%02d:%02d", hour, minute))"
        } else if text.has("hourly") || text.contains("every hour") {
            // "hourly on weekdays", "every hour on sundays between 8 and 18": the days and hours narrow it.
            let weekdays = saysWeekdays(text)
            let day = weekdays ? nil : namedDays(text)
            let (dayOfMonth, dayOfWeek) = weekdays ? ("?", "MON-FRI") : day.map { ("?", $0.field) } ?? ("*", "?")
            let window = hourWindow(text)
            cron = "0 0 \(window.map { "\($0.from)-\($0.to)" } ?? "*") \(dayOfMonth) * \(dayOfWeek)"
            description = "every hour" + (weekdays ? " on weekdays" : day.map { " on \($0.words)" } ?? "")
                + (window.map { String(format: " between %02d:00 and %02d:00", $0.from, $0.to) } ?? "")
        } else {
            let (first, minute) = time(text) ?? (text.has("nightly") ? (2, 0) : (0, 0))
            // "at 6am and 6pm": the hours of one minute in one cron line.
            let all = times(text)
            let several = all.count > 1 && all.allSatisfy { $0.minute == minute }
            let hour = several ? all.map { String($0.hour) }.joined(separator: ",") : String(first)
            let at = several ? all.map { String(format: "%02d:%02d", $0.hour, $0.minute) }.joined(separator: " and ") : String(format: "%02d:%02d", first, minute)
            if let excluded = excludedDays(text) {
                // "daily at 2am except weekends": every day but those.
                let field = dayField(["MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"].filter { !excluded.contains($0) })
                cron = "0 \(minute) \(hour) ? * \(field)"
                description = "\(dayFieldWords(field)) at \(at)"
            } else if saysWeekdays(text) {
                cron = "0 \(minute) \(hour) ? * MON-FRI"
                description = "every weekday at \(at)"
            } else if let day = namedDays(text) {
                cron = "0 \(minute) \(hour) ? * \(day.field)"
                description = "every \(day.words) at \(at)"
            } else if text.has("weekly") {
                cron = "0 \(minute) \(hour) ? * MON"
                description = "every Monday at \(at)"
            } else {
                cron = "0 \(minute) \(hour) * * ?"
                description = "every day at \(at)"
            }
        }
        return (cron, description)
    }
}
