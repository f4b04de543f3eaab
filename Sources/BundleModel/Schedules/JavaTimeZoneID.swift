/// The time zone ids Java accepts by name, as the Jobs API parses `timezone_id`: every tzdb zone and
/// link (`Europe/Berlin`, `US/Pacific`, `Japan`, `Zulu`, `EST5EDT`, …), the `SystemV/` zones of the JDK's
/// jdk11_backward file, and the old three-letter ids of `java.util.TimeZone` (`ZoneId.SHORT_IDS`: PST,
/// CET, IST, …). Taken from OpenJDK 17's `ZoneId.getAvailableZoneIds()`, `TimeZone.getAvailableIDs()`
/// and `ZoneId.SHORT_IDS`, plus the zones of tzdata 2025b newer than it (America/Coyhaique). Offsets
/// (`GMT+1`, `UTC+01:00`) are not names: `JavaTimeZoneID.isCustomOffset` reads them.
public enum JavaTimeZoneID {
    /// In order, so that a suggestion among equally close names is always the same one.
    public static let orderedNames: [String] = list.split(whereSeparator: \.isWhitespace).map(String.init)
    public static let names: Set<String> = Set(orderedNames)

    private static let list = """
        ACT AET AGT ART AST Africa/Abidjan Africa/Accra Africa/Addis_Ababa Africa/Algiers Africa/Asmara
        Africa/Asmera Africa/Bamako Africa/Bangui Africa/Banjul Africa/Bissau Africa/Blantyre Africa/Brazzaville
        Africa/Bujumbura Africa/Cairo Africa/Casablanca Africa/Ceuta Africa/Conakry Africa/Dakar
        Africa/Dar_es_Salaam Africa/Djibouti Africa/Douala Africa/El_Aaiun Africa/Freetown Africa/Gaborone
        Africa/Harare Africa/Johannesburg Africa/Juba Africa/Kampala Africa/Khartoum Africa/Kigali Africa/Kinshasa
        Africa/Lagos Africa/Libreville Africa/Lome Africa/Luanda Africa/Lubumbashi Africa/Lusaka Africa/Malabo
        Africa/Maputo Africa/Maseru Africa/Mbabane Africa/Mogadishu Africa/Monrovia Africa/Nairobi Africa/Ndjamena
        Africa/Niamey Africa/Nouakchott Africa/Ouagadougou Africa/Porto-Novo Africa/Sao_Tome Africa/Timbuktu
        Africa/Tripoli Africa/Tunis Africa/Windhoek America/Adak America/Anchorage America/Anguilla America/Antigua
        America/Araguaina America/Argentina/Buenos_Aires America/Argentina/Catamarca
        America/Argentina/ComodRivadavia America/Argentina/Cordoba America/Argentina/Jujuy
        America/Argentina/La_Rioja America/Argentina/Mendoza America/Argentina/Rio_Gallegos America/Argentina/Salta
        America/Argentina/San_Juan America/Argentina/San_Luis America/Argentina/Tucuman America/Argentina/Ushuaia
        America/Aruba America/Asuncion America/Atikokan America/Atka America/Bahia America/Bahia_Banderas
        America/Barbados America/Belem America/Belize America/Blanc-Sablon America/Boa_Vista America/Bogota
        America/Boise America/Buenos_Aires America/Cambridge_Bay America/Campo_Grande America/Cancun America/Caracas
        America/Catamarca America/Cayenne America/Cayman America/Chicago America/Chihuahua America/Ciudad_Juarez
        America/Coral_Harbour America/Cordoba America/Costa_Rica America/Coyhaique America/Creston America/Cuiaba
        America/Curacao America/Danmarkshavn America/Dawson America/Dawson_Creek America/Denver America/Detroit
        America/Dominica America/Edmonton America/Eirunepe America/El_Salvador America/Ensenada America/Fort_Nelson
        America/Fort_Wayne America/Fortaleza America/Glace_Bay America/Godthab America/Goose_Bay America/Grand_Turk
        America/Grenada America/Guadeloupe America/Guatemala America/Guayaquil America/Guyana America/Halifax
        America/Havana America/Hermosillo America/Indiana/Indianapolis America/Indiana/Knox America/Indiana/Marengo
        America/Indiana/Petersburg America/Indiana/Tell_City America/Indiana/Vevay America/Indiana/Vincennes
        America/Indiana/Winamac America/Indianapolis America/Inuvik America/Iqaluit America/Jamaica America/Jujuy
        America/Juneau America/Kentucky/Louisville America/Kentucky/Monticello America/Knox_IN America/Kralendijk
        America/La_Paz America/Lima America/Los_Angeles America/Louisville America/Lower_Princes America/Maceio
        America/Managua America/Manaus America/Marigot America/Martinique America/Matamoros America/Mazatlan
        America/Mendoza America/Menominee America/Merida America/Metlakatla America/Mexico_City America/Miquelon
        America/Moncton America/Monterrey America/Montevideo America/Montreal America/Montserrat America/Nassau
        America/New_York America/Nipigon America/Nome America/Noronha America/North_Dakota/Beulah
        America/North_Dakota/Center America/North_Dakota/New_Salem America/Nuuk America/Ojinaga America/Panama
        America/Pangnirtung America/Paramaribo America/Phoenix America/Port-au-Prince America/Port_of_Spain
        America/Porto_Acre America/Porto_Velho America/Puerto_Rico America/Punta_Arenas America/Rainy_River
        America/Rankin_Inlet America/Recife America/Regina America/Resolute America/Rio_Branco America/Rosario
        America/Santa_Isabel America/Santarem America/Santiago America/Santo_Domingo America/Sao_Paulo
        America/Scoresbysund America/Shiprock America/Sitka America/St_Barthelemy America/St_Johns America/St_Kitts
        America/St_Lucia America/St_Thomas America/St_Vincent America/Swift_Current America/Tegucigalpa
        America/Thule America/Thunder_Bay America/Tijuana America/Toronto America/Tortola America/Vancouver
        America/Virgin America/Whitehorse America/Winnipeg America/Yakutat America/Yellowknife Antarctica/Casey
        Antarctica/Davis Antarctica/DumontDUrville Antarctica/Macquarie Antarctica/Mawson Antarctica/McMurdo
        Antarctica/Palmer Antarctica/Rothera Antarctica/South_Pole Antarctica/Syowa Antarctica/Troll
        Antarctica/Vostok Arctic/Longyearbyen Asia/Aden Asia/Almaty Asia/Amman Asia/Anadyr Asia/Aqtau Asia/Aqtobe
        Asia/Ashgabat Asia/Ashkhabad Asia/Atyrau Asia/Baghdad Asia/Bahrain Asia/Baku Asia/Bangkok Asia/Barnaul
        Asia/Beirut Asia/Bishkek Asia/Brunei Asia/Calcutta Asia/Chita Asia/Choibalsan Asia/Chongqing Asia/Chungking
        Asia/Colombo Asia/Dacca Asia/Damascus Asia/Dhaka Asia/Dili Asia/Dubai Asia/Dushanbe Asia/Famagusta Asia/Gaza
        Asia/Harbin Asia/Hebron Asia/Ho_Chi_Minh Asia/Hong_Kong Asia/Hovd Asia/Irkutsk Asia/Istanbul Asia/Jakarta
        Asia/Jayapura Asia/Jerusalem Asia/Kabul Asia/Kamchatka Asia/Karachi Asia/Kashgar Asia/Kathmandu
        Asia/Katmandu Asia/Khandyga Asia/Kolkata Asia/Krasnoyarsk Asia/Kuala_Lumpur Asia/Kuching Asia/Kuwait
        Asia/Macao Asia/Macau Asia/Magadan Asia/Makassar Asia/Manila Asia/Muscat Asia/Nicosia Asia/Novokuznetsk
        Asia/Novosibirsk Asia/Omsk Asia/Oral Asia/Phnom_Penh Asia/Pontianak Asia/Pyongyang Asia/Qatar Asia/Qostanay
        Asia/Qyzylorda Asia/Rangoon Asia/Riyadh Asia/Saigon Asia/Sakhalin Asia/Samarkand Asia/Seoul Asia/Shanghai
        Asia/Singapore Asia/Srednekolymsk Asia/Taipei Asia/Tashkent Asia/Tbilisi Asia/Tehran Asia/Tel_Aviv
        Asia/Thimbu Asia/Thimphu Asia/Tokyo Asia/Tomsk Asia/Ujung_Pandang Asia/Ulaanbaatar Asia/Ulan_Bator
        Asia/Urumqi Asia/Ust-Nera Asia/Vientiane Asia/Vladivostok Asia/Yakutsk Asia/Yangon Asia/Yekaterinburg
        Asia/Yerevan Atlantic/Azores Atlantic/Bermuda Atlantic/Canary Atlantic/Cape_Verde Atlantic/Faeroe
        Atlantic/Faroe Atlantic/Jan_Mayen Atlantic/Madeira Atlantic/Reykjavik Atlantic/South_Georgia
        Atlantic/St_Helena Atlantic/Stanley Australia/ACT Australia/Adelaide Australia/Brisbane
        Australia/Broken_Hill Australia/Canberra Australia/Currie Australia/Darwin Australia/Eucla Australia/Hobart
        Australia/LHI Australia/Lindeman Australia/Lord_Howe Australia/Melbourne Australia/NSW Australia/North
        Australia/Perth Australia/Queensland Australia/South Australia/Sydney Australia/Tasmania Australia/Victoria
        Australia/West Australia/Yancowinna BET BST Brazil/Acre Brazil/DeNoronha Brazil/East Brazil/West CAT CET CNT
        CST CST6CDT CTT Canada/Atlantic Canada/Central Canada/Eastern Canada/Mountain Canada/Newfoundland
        Canada/Pacific Canada/Saskatchewan Canada/Yukon Chile/Continental Chile/EasterIsland Cuba EAT ECT EET EST
        EST5EDT Egypt Eire Etc/GMT Etc/GMT+0 Etc/GMT+1 Etc/GMT+10 Etc/GMT+11 Etc/GMT+12 Etc/GMT+2 Etc/GMT+3
        Etc/GMT+4 Etc/GMT+5 Etc/GMT+6 Etc/GMT+7 Etc/GMT+8 Etc/GMT+9 Etc/GMT-0 Etc/GMT-1 Etc/GMT-10 Etc/GMT-11
        Etc/GMT-12 Etc/GMT-13 Etc/GMT-14 Etc/GMT-2 Etc/GMT-3 Etc/GMT-4 Etc/GMT-5 Etc/GMT-6 Etc/GMT-7 Etc/GMT-8
        Etc/GMT-9 Etc/GMT0 Etc/Greenwich Etc/UCT Etc/UTC Etc/Universal Etc/Zulu Europe/Amsterdam Europe/Andorra
        Europe/Astrakhan Europe/Athens Europe/Belfast Europe/Belgrade Europe/Berlin Europe/Bratislava
        Europe/Brussels Europe/Bucharest Europe/Budapest Europe/Busingen Europe/Chisinau Europe/Copenhagen
        Europe/Dublin Europe/Gibraltar Europe/Guernsey Europe/Helsinki Europe/Isle_of_Man Europe/Istanbul
        Europe/Jersey Europe/Kaliningrad Europe/Kiev Europe/Kirov Europe/Kyiv Europe/Lisbon Europe/Ljubljana
        Europe/London Europe/Luxembourg Europe/Madrid Europe/Malta Europe/Mariehamn Europe/Minsk Europe/Monaco
        Europe/Moscow Europe/Nicosia Europe/Oslo Europe/Paris Europe/Podgorica Europe/Prague Europe/Riga Europe/Rome
        Europe/Samara Europe/San_Marino Europe/Sarajevo Europe/Saratov Europe/Simferopol Europe/Skopje Europe/Sofia
        Europe/Stockholm Europe/Tallinn Europe/Tirane Europe/Tiraspol Europe/Ulyanovsk Europe/Uzhgorod Europe/Vaduz
        Europe/Vatican Europe/Vienna Europe/Vilnius Europe/Volgograd Europe/Warsaw Europe/Zagreb Europe/Zaporozhye
        Europe/Zurich GB GB-Eire GMT GMT0 Greenwich HST Hongkong IET IST Iceland Indian/Antananarivo Indian/Chagos
        Indian/Christmas Indian/Cocos Indian/Comoro Indian/Kerguelen Indian/Mahe Indian/Maldives Indian/Mauritius
        Indian/Mayotte Indian/Reunion Iran Israel JST Jamaica Japan Kwajalein Libya MET MIT MST MST7MDT
        Mexico/BajaNorte Mexico/BajaSur Mexico/General NET NST NZ NZ-CHAT Navajo PLT PNT PRC PRT PST PST8PDT
        Pacific/Apia Pacific/Auckland Pacific/Bougainville Pacific/Chatham Pacific/Chuuk Pacific/Easter
        Pacific/Efate Pacific/Enderbury Pacific/Fakaofo Pacific/Fiji Pacific/Funafuti Pacific/Galapagos
        Pacific/Gambier Pacific/Guadalcanal Pacific/Guam Pacific/Honolulu Pacific/Johnston Pacific/Kanton
        Pacific/Kiritimati Pacific/Kosrae Pacific/Kwajalein Pacific/Majuro Pacific/Marquesas Pacific/Midway
        Pacific/Nauru Pacific/Niue Pacific/Norfolk Pacific/Noumea Pacific/Pago_Pago Pacific/Palau Pacific/Pitcairn
        Pacific/Pohnpei Pacific/Ponape Pacific/Port_Moresby Pacific/Rarotonga Pacific/Saipan Pacific/Samoa
        Pacific/Tahiti Pacific/Tarawa Pacific/Tongatapu Pacific/Truk Pacific/Wake Pacific/Wallis Pacific/Yap Poland
        Portugal ROK SST Singapore SystemV/AST4 SystemV/AST4ADT SystemV/CST6 SystemV/CST6CDT SystemV/EST5
        SystemV/EST5EDT SystemV/HST10 SystemV/MST7 SystemV/MST7MDT SystemV/PST8 SystemV/PST8PDT SystemV/YST9
        SystemV/YST9YDT Turkey UCT US/Alaska US/Aleutian US/Arizona US/Central US/East-Indiana US/Eastern US/Hawaii
        US/Indiana-Starke US/Michigan US/Mountain US/Pacific US/Samoa UTC Universal VST W-SU WET Zulu
        """

    /// tzdb links that Java leaves out of its zones (OpenJDK 17 rejects ROC, which tzdata links), with
    /// the zone they stand for.
    public static let linksJavaLeavesOut = ["ROC": "Asia/Taipei"]

    /// Whether `id` is a name Java knows or an offset it reads.
    public static func isValid(_ id: String) -> Bool {
        names.contains(id) || isCustomOffset(id)
    }

    /// Whether `id` is written as an offset (`GMT+…`, `UTC-…`, `+01:00`), valid or not.
    public static func looksLikeOffset(_ id: String) -> Bool {
        ["GMT", "UTC", "UT", ""].contains { prefix in
            id.hasPrefix(prefix) && id.dropFirst(prefix.count).first.map { $0 == "+" || $0 == "-" } == true
        }
    }

    /// An offset id that Java reads: `java.util.TimeZone`'s `GMT±h[h][[:]mm]` (hours up to 23), or
    /// `java.time.ZoneId`'s `Z`, `±h[h][[:]mm[[:]ss]]` up to ±18:00, alone or after `GMT`, `UTC` or `UT`.
    public static func isCustomOffset(_ id: String) -> Bool {
        // `ZoneId.of` takes `Z` and a bare `UT` (not among its available ids) too.
        if id == "Z" || id == "UT" { return true }
        if id.hasPrefix("GMT"), isTimeZoneCustomOffset(id.dropFirst(3)) { return true }
        for prefix in ["GMT", "UTC", "UT", ""] where id.hasPrefix(prefix) {
            if isZoneOffset(id.dropFirst(prefix.count)) { return true }
        }
        return false
    }

    /// `java.util.TimeZone.parseCustomTimeZone`, after `GMT`.
    private static func isTimeZoneCustomOffset(_ text: Substring) -> Bool {
        guard let sign = text.first, sign == "+" || sign == "-" else { return false }
        let parts = text.dropFirst().split(separator: ":", omittingEmptySubsequences: false)
        guard parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }) else { return false }
        let hours: Int, minutes: Int
        switch parts.count {
        case 1:
            let digits = parts[0]
            guard let n = Int(digits), (1...4).contains(digits.count) else { return false }
            (hours, minutes) = digits.count <= 2 ? (n, 0) : (n / 100, n % 100)
        case 2:
            guard (1...2).contains(parts[0].count), parts[1].count == 2, let h = Int(parts[0]), let m = Int(parts[1]) else { return false }
            (hours, minutes) = (h, m)
        default:
            return false
        }
        return hours <= 23 && minutes <= 59
    }

    /// `java.time.ZoneOffset.of`: `±h`, `±hh`, `±hh:mm`, `±hhmm`, `±hh:mm:ss`, `±hhmmss`, at most 18 hours.
    private static func isZoneOffset(_ text: Substring) -> Bool {
        guard let sign = text.first, sign == "+" || sign == "-" else { return false }
        let body = Array(text.dropFirst())
        guard !body.isEmpty, body.allSatisfy({ $0.isASCIIDigit || $0 == ":" }) else { return false }
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= body.count, body[range].allSatisfy(\.isASCIIDigit) else { return nil }
            return Int(String(body[range]))
        }
        var fields: [Int?]
        switch body.count {
        case 1, 2: fields = [number(0..<body.count), 0, 0]
        case 4: fields = [number(0..<2), number(2..<4), 0]
        case 5 where body[2] == ":": fields = [number(0..<2), number(3..<5), 0]
        case 6: fields = [number(0..<2), number(2..<4), number(4..<6)]
        case 8 where body[2] == ":" && body[5] == ":": fields = [number(0..<2), number(3..<5), number(6..<8)]
        default: return false
        }
        guard let hours = fields[0], let minutes = fields[1], let seconds = fields[2] else { return false }
        return hours <= 18 && minutes <= 59 && seconds <= 59 && hours * 3600 + minutes * 60 + seconds <= 18 * 3600
    }
}

extension JavaTimeZoneID {
    /// The zone a city's name stands for ("budapest" → Europe/Budapest, "new york" →
    /// America/New_York): the last part of each region's zone id, lower-cased, `_` as spaces.
    public static let cities: [String: String] = {
        var cities: [String: String] = [:]
        for id in orderedNames {
            let parts = id.split(separator: "/")
            guard parts.count >= 2, ["Africa", "America", "Asia", "Atlantic", "Australia", "Europe", "Indian", "Pacific"].contains(String(parts[0])) else { continue }
            let city = parts.last!.lowercased().replacingOccurrences(of: "_", with: " ")
            if cities[city] == nil { cities[city] = id }
        }
        return cities
    }()
}

private extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
