import Primitives

/// Value validators over UTF-8 bytes: shape plus checksum where one exists. Each is a pure
/// function; none allocates more than a small copy, none throws, bad input gives false/nil.
package enum Validators {
    // MARK: e-mail

    private static func isLocalByte(_ b: UInt8) -> Bool {
        ByteClass.isAlnum(b) || b == 46 || b == 95 || b == 37 || b == 43 || b == 45 || b == 39
    }
    private static func isDomainByte(_ b: UInt8) -> Bool { ByteClass.isAlnum(b) || b == 45 || b == 46 }

    /// A whole value that is an address `local@domain.tld` (RFC 5321 dot-atom subset, TLD >= 2 letters;
    /// UTF-8 in the local part and the domain's labels as RFC 6531 allows: `josé@exämple.de`).
    package static func isEmail(_ b: ArraySlice<UInt8>) -> Bool {
        guard let at = b.firstIndex(of: UInt8(ascii: "@")) else { return false }
        return validEmail(local: b[b.startIndex..<at], domain: b[(at + 1)...], unicode: true)
    }

    /// `unicode`: UTF-8 bytes may appear in the local part and the domain (a whole value; inside free
    /// text they would run an address into the words around it).
    private static func validEmail(local: ArraySlice<UInt8>, domain: ArraySlice<UInt8>, unicode: Bool = false) -> Bool {
        guard (1...64).contains(local.count), (4...253).contains(domain.count) else { return false }
        guard local.allSatisfy({ isLocalByte($0) || (unicode && $0 >= 0x80) }), local.first != 46, local.last != 46 else { return false }
        guard domain.allSatisfy({ isDomainByte($0) || (unicode && $0 >= 0x80) }), let dot = domain.lastIndex(of: 46) else { return false }
        let tld = domain[(dot + 1)...]
        guard tld.count >= 2, tld.allSatisfy(ByteClass.isAlpha) else { return false }
        guard domain.first != 46, domain.first != 45 else { return false }
        var prev: UInt8 = 0
        for x in domain { if x == 46 && prev == 46 { return false }; prev = x }
        return true
    }

    /// The first address inside free text or a URL (percent-encoded `%40` is decoded first).
    /// Returns the local part too so callers can reject role addresses.
    package static func findEmail(_ b: ArraySlice<UInt8>) -> (local: ArraySlice<UInt8>, domain: ArraySlice<UInt8>)? {
        if let d = ByteClass.percentDecoded(b) { return findEmailOnce(d[...]) }   // one decoding round only
        return findEmailOnce(b)
    }

    private static func findEmailOnce(_ b: ArraySlice<UInt8>) -> (local: ArraySlice<UInt8>, domain: ArraySlice<UInt8>)? {
        var i = b.startIndex
        while i < b.endIndex {
            if b[i] == UInt8(ascii: "@") {
                var s = i
                while s > b.startIndex, isLocalByte(b[s - 1]) { s -= 1 }
                var e = i + 1
                while e < b.endIndex, isDomainByte(b[e]) { e += 1 }
                var local = b[s..<i]
                var domain = b[(i + 1)..<e]
                while local.first == 46 || local.first == 45 { local = local.dropFirst() }
                while domain.last == 46 || domain.last == 45 { domain = domain.dropLast() }
                if validEmail(local: local, domain: domain) { return (local, domain) }
            }
            i += 1
        }
        return nil
    }

    private static let roleLocals: Set<String> = [
        "info", "support", "noreply", "no-reply", "donotreply", "contact", "hello", "sales", "service",
        "admin", "help", "kontakt", "team", "office", "press", "privacy", "newsletter", "webmaster",
        "customerservice", "care", "orders", "shop", "store", "mail", "hola", "bonjour", "servizio",
    ]

    /// A role address (`info@`, `support@`, `noreply@`...): a merchant contact, not a visitor.
    package static func isRoleLocalPart(_ local: ArraySlice<UInt8>) -> Bool {
        roleLocals.contains(String(decoding: local.map(ByteClass.lower), as: UTF8.self))
    }

    // MARK: hashes and formats

    /// The digest a value looks like: 64/40/32 hex digits, or base64 of 32/20/16 bytes.
    package static func hashKind(_ b: ArraySlice<UInt8>) -> HashKind? {
        // Only these lengths can be a digest (hex 64/40/32, base64 43-44/27-28/22-24 with padding).
        switch b.count {
        case 22...24, 27, 28, 32, 40, 43, 44, 64: break
        default: return nil
        }
        if b.allSatisfy(ByteClass.isHex) {
            switch b.count {
            case 64: return .sha256
            case 40: return .sha1
            case 32: return .md5
            default: return nil
            }
        }
        func isB64(_ x: UInt8) -> Bool { ByteClass.isAlnum(x) || x == 43 || x == 47 || x == 45 || x == 95 }
        let body = b.prefix { $0 != 61 }
        let pad = b.count - body.count
        guard body.allSatisfy(isB64), b.dropFirst(body.count).allSatisfy({ $0 == 61 }), pad <= 2 else { return nil }
        guard body.contains(where: ByteClass.isUpper), body.contains(where: ByteClass.isLower) else { return nil }
        switch body.count {
        case 43: return .sha256
        case 27: return .sha1
        case 22: return .md5
        default: return nil
        }
    }

    /// 8-4-4-4-12 hex UUID; `upper` tells whether the letters are upper case (IDFA/IDFV style).
    package static func uuid(_ b: ArraySlice<UInt8>) -> (valid: Bool, upper: Bool) {
        guard b.count == 36 else { return (false, false) }
        var upper = false, lower = false
        for (n, x) in b.enumerated() {
            if n == 8 || n == 13 || n == 18 || n == 23 {
                if x != 45 { return (false, false) }
            } else {
                guard ByteClass.isHex(x) else { return (false, false) }
                if ByteClass.isUpper(x) { upper = true }
                if ByteClass.isLower(x) { lower = true }
            }
        }
        return (true, upper && !lower)
    }

    // MARK: IP addresses

    /// Dotted-quad IPv4 (no leading zeros beyond a single `0`), as a number.
    package static func ipv4(_ b: ArraySlice<UInt8>) -> UInt32? {
        var address: UInt32 = 0, parts = 0
        var cur = 0, len = 0, lead0 = false
        for x in b {
            if x == 46 {
                guard len > 0, parts < 3 else { return nil }
                address = address << 8 | UInt32(cur); parts += 1
                cur = 0; len = 0; lead0 = false
            } else if ByteClass.isDigit(x) {
                if len == 1 && lead0 { return nil }
                if len == 0 && x == 48 { lead0 = true }
                cur = cur * 10 + Int(x - 48); len += 1
                if len > 3 || cur > 255 { return nil }
            } else { return nil }
        }
        guard len > 0, parts == 3 else { return nil }
        return address << 8 | UInt32(cur)
    }

    /// IPv6 in text form (RFC 4291 section 2.2), validated by `IPAddress`.
    package static func ipv6(_ b: ArraySlice<UInt8>) -> Bool {
        guard b.count >= 2, b.count <= 45, let first = b.firstIndex(of: 58), b[(first + 1)...].contains(58) else { return false }
        guard b.allSatisfy({ ByteClass.isHex($0) || $0 == 58 || $0 == 46 }) else { return false }
        guard let ip = IPAddress(String(decoding: b, as: UTF8.self)), case .v6 = ip else { return false }
        return true
    }

    /// Private, loopback, link-local, CGNAT, multicast or unspecified (RFC 1918, 6598, 3927, 4193).
    package static func isNonPublicIPv4(_ a: UInt32) -> Bool {
        let o1 = a >> 24, o2 = (a >> 16) & 0xff
        return o1 == 0 || o1 == 10 || o1 == 127 || o1 >= 224 || (o1 == 172 && (16...31).contains(o2))
            || (o1 == 192 && o2 == 168) || (o1 == 169 && o2 == 254) || (o1 == 100 && (64...127).contains(o2))
    }

    // MARK: user agent

    /// `Product/version (comment...)` as browsers and SDKs send it (RFC 9110 section 10.1.5).
    package static func isUserAgent(_ b: ArraySlice<UInt8>) -> Bool {
        guard b.count >= 12 else { return false }
        if ByteClass.hasPrefix(b, "mozilla/") || ByteClass.hasPrefix(b, "opera/") { return true }
        // An iOS app's own agent: `MyApp/1.2 CFNetwork/1402.0.8 Darwin/22.2.0`.
        if ByteClass.contains(b, "cfnetwork/"), ByteClass.contains(b, "darwin/") { return true }
        guard let slash = b.firstIndex(of: 47), slash > b.startIndex else { return false }
        let product = b[b.startIndex..<slash]
        guard product.allSatisfy({ ByteClass.isAlnum($0) || $0 == 45 || $0 == 95 || $0 == 46 }) else { return false }
        guard slash + 1 < b.endIndex, ByteClass.isDigit(b[slash + 1]) else { return false }
        return b.contains(40) && b.contains(41)
    }

    // MARK: payment

    /// Luhn (ISO/IEC 7812-1 annex B) over the digits.
    package static func luhn(_ d: [UInt8]) -> Bool {
        guard d.count >= 2 else { return false }
        var sum = 0
        for (i, x) in d.reversed().enumerated() {
            var v = Int(x)
            if i % 2 == 1 { v *= 2; if v > 9 { v -= 9 } }
            sum += v
        }
        return sum % 10 == 0
    }

    /// Digits of a card-number-shaped value (12-19 digits, optional single spaces or dashes
    /// between groups), or nil. `grouped` tells whether separators were present.
    package static func cardDigits(_ b: ArraySlice<UInt8>) -> (digits: [UInt8], grouped: Bool)? {
        guard (12...37).contains(b.count), let f = b.first, ByteClass.isDigit(f) else { return nil }
        var d: [UInt8] = []
        var grouped = false, prevSep = true
        for x in b {
            if ByteClass.isDigit(x) { d.append(x - 48); prevSep = false }
            else if x == 32 || x == 45 { if prevSep { return nil }; grouped = true; prevSep = true }
            else { return nil }
        }
        guard !prevSep, (12...19).contains(d.count) else { return nil }
        return (d, grouped)
    }

    /// A payment-card brand whose issuer prefix (IIN) and length fit the digits: Visa, Mastercard
    /// (51-55, 2221-2720), Amex, Discover, JCB, Diners. Maestro and UnionPay are left out on
    /// purpose: their prefixes cover too much of the number space to mean anything alone.
    package static func cardBrandFits(_ d: [UInt8]) -> Bool {
        func prefix(_ n: Int) -> Int { d.prefix(n).reduce(0) { $0 * 10 + Int($1) } }
        let len = d.count
        switch d.first ?? 0 {
        case 4: return [13, 16, 19].contains(len)
        case 5: return (51...55).contains(prefix(2)) && len == 16
        case 2: return ((2221...2720).contains(prefix(4)) && len == 16) || (prefix(4) == 2131 && len == 15)
        case 3:
            if [34, 37].contains(prefix(2)) { return len == 15 }
            if (3528...3589).contains(prefix(4)) { return (16...19).contains(len) }
            if (300...305).contains(prefix(3)) || [36, 38, 39].contains(prefix(2)) { return len == 14 || len == 16 }
            return false
        case 6: return (prefix(4) == 6011 || (644...649).contains(prefix(3)) || prefix(2) == 65) && (len == 16 || len == 19)
        case 1: return prefix(4) == 1800 && len == 15
        default: return false
        }
    }

    /// ISO 13616 lengths per country (registry, 2024).
    private static let ibanLength: [String: Int] = [
        "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22, "BR": 29,
        "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "DO": 28, "EE": 20, "EG": 29,
        "ES": 24, "FI": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23, "GL": 18, "GR": 27, "GT": 28,
        "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IQ": 23, "IS": 26, "IT": 27, "JO": 30, "KW": 30, "KZ": 20,
        "LB": 28, "LC": 32, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "MC": 27, "MD": 24, "ME": 22, "MK": 19,
        "MR": 27, "MT": 31, "MU": 30, "NL": 18, "NO": 15, "PK": 24, "PL": 28, "PS": 29, "PT": 25, "QA": 29,
        "RO": 24, "RS": 22, "SA": 24, "SC": 31, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "ST": 25, "SV": 28,
        "TL": 23, "TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20,
    ]

    /// A postal code whose written shape belongs to one country's scheme and to little else: Dutch
    /// `1234 AB`, British `M21 7JP` / `SW1A 1AA`, Canadian `K1A 0B1`, Japanese `123-4567`, Brazilian
    /// `12345-678`. (Bare digit codes are only guessed elsewhere: they look like any number.)
    package static func isPostalCodeShape(_ b: ArraySlice<UInt8>) -> Bool {
        // Every shape is 6...9 ASCII letters, digits, a space or a dash, and starts with a letter or digit.
        guard (6...9).contains(b.count), let first = b.first, ByteClass.isAlnum(first),
              b.allSatisfy({ ByteClass.isAlnum($0) || $0 == 32 || $0 == 45 }) else { return false }
        let c = Array(b)
        func digits(_ r: Range<Int>) -> Bool { c[r].allSatisfy(ByteClass.isDigit) }
        func uppers(_ r: Range<Int>) -> Bool { c[r].allSatisfy(ByteClass.isUpper) }
        switch c.count {
        case 8 where c[3] == 45: return digits(0..<3) && digits(4..<8)                                 // JP
        case 9 where c[5] == 45: return digits(0..<5) && digits(6..<9)                                 // BR
        default: break
        }
        // NL: four digits (not starting with 0), an optional space, two letters.
        let nlLetters = c.count == 7 && c[4] == 32 ? 5..<7 : 4..<6
        if (6...7).contains(c.count), digits(0..<4), c[0] != 48, nlLetters.upperBound == c.count, uppers(nlLetters) { return true }
        // UK and Canada: an outward part, an optional space, digit + two letters (CA: letter digit letter, digit letter digit).
        let parts = c.split(separator: 32, omittingEmptySubsequences: false)
        let compact = parts.count == 2 ? Array(parts[0]) + Array(parts[1]) : c
        guard parts.count <= 2, (5...7).contains(compact.count) else { return false }
        let inward = compact.suffix(3), outward = compact.prefix(compact.count - 3)
        if parts.count == 2, parts[1].count != 3 { return false }
        let ukInward = ByteClass.isDigit(inward[inward.startIndex]) && inward.dropFirst().allSatisfy(ByteClass.isUpper)
        let ukOutward = ByteClass.isUpper(outward[0]) && outward.contains(where: ByteClass.isDigit)
            && outward.allSatisfy { ByteClass.isUpper($0) || ByteClass.isDigit($0) }
            && (ByteClass.isDigit(outward[1]) || (outward.count >= 3 && ByteClass.isDigit(outward[2])))
        if ukInward, ukOutward, (2...4).contains(outward.count) { return true }
        if compact.count == 6 {
            return compact.enumerated().allSatisfy { i, x in i % 2 == 0 ? ByteClass.isUpper(x) : ByteClass.isDigit(x) }
        }
        return false
    }

    /// IBAN: country code, the country's length, and ISO 7064 mod 97-10 == 1 (spaces and dashes allowed).
    package static func isIBAN(_ b: ArraySlice<UInt8>) -> Bool {
        guard b.count >= 15, b.count <= 50, let f = b.first, ByteClass.isAlpha(f) else { return false }
        let c = b.filter { $0 != 32 && $0 != 45 }.map { ByteClass.isLower($0) ? $0 - 32 : $0 }
        guard c.count >= 15, c.count <= 34, ByteClass.isUpper(c[0]), ByteClass.isUpper(c[1]),
              ByteClass.isDigit(c[2]), ByteClass.isDigit(c[3]), c.allSatisfy(ByteClass.isAlnum) else { return false }
        guard ibanLength[String(decoding: c[0..<2], as: UTF8.self)] == c.count else { return false }
        var rem = 0
        for x in c[4...] + c[0..<4] {
            if ByteClass.isDigit(x) { rem = (rem * 10 + Int(x - 48)) % 97 }
            else { rem = (rem * 100 + Int(x - 55)) % 97 }
        }
        return rem == 1
    }

    // MARK: dates and places

    /// A calendar date in one of: yyyy-mm-dd, yyyy/mm/dd, dd.mm.yyyy, dd/mm/yyyy, mm/dd/yyyy,
    /// dd-mm-yyyy, yyyymmdd, or written with the month's name (`12 March 1980`, `March 12, 1980`,
    /// `12. März 1980`, `12 de marzo de 1980`). Nothing after the date (a time makes it a timestamp).
    package static func date(_ b: ArraySlice<UInt8>) -> (year: Int, month: Int, day: Int)? {
        if b.count > 10 || b.contains(where: ByteClass.isAlpha) { return textDate(b) }
        guard b.count == 8 || b.count == 10 else { return nil }
        let a = Array(b)
        func ok(_ y: Int, _ m: Int, _ d: Int) -> (year: Int, month: Int, day: Int)? {
            (1900...2099).contains(y) && (1...12).contains(m) && (1...31).contains(d) ? (y, m, d) : nil
        }
        if a.count == 8, let _ = ByteClass.number(a) {
            return ok(ByteClass.number(a[0..<4])!, ByteClass.number(a[4..<6])!, ByteClass.number(a[6..<8])!)
        }
        guard a.count == 10 else { return nil }
        if let y = ByteClass.number(a[0..<4]), (a[4] == 45 || a[4] == 47), a[7] == a[4],
           let m = ByteClass.number(a[5..<7]), let d = ByteClass.number(a[8..<10]) { return ok(y, m, d) }
        if let p = ByteClass.number(a[0..<2]), (a[2] == 46 || a[2] == 47 || a[2] == 45), a[5] == a[2],
           let q = ByteClass.number(a[3..<5]), let y = ByteClass.number(a[6..<10]) {
            if a[2] == 47, p <= 12, q > 12 { return ok(y, p, q) }   // US month/day
            return ok(y, q, p) ?? ok(y, p, q)
        }
        return nil
    }

    /// Forms a birth date takes in a field that names it, beside `date`: a date serialised as midnight
    /// (`1980-01-01T00:00:00Z`, `.000`, an offset), and two-digit years (`01/02/80`, `01.02.80`).
    package static func birthDateOnly(_ b: ArraySlice<UInt8>) -> Bool {
        let a = Array(b)
        if a.count > 10, date(b.prefix(10)) != nil, a[10] == UInt8(ascii: "T") || a[10] == 32 {
            let time = String(decoding: a[11...], as: UTF8.self)
            return time.hasPrefix("00:00:00") && time.dropFirst(8).allSatisfy { "0123456789.:+-Z".contains($0) }
        }
        guard a.count == 8, a[2] == a[5], [46, 47, 45].contains(a[2]),
              let p = ByteClass.number(a[0..<2]), let q = ByteClass.number(a[3..<5]), ByteClass.number(a[6..<8]) != nil else { return false }
        return (1...31).contains(p) && (1...31).contains(q) && (p <= 12 || q <= 12)
    }

    /// A date with the month's name (EN, DE, FR, ES, IT, PT, NL; full or abbreviated to three letters
    /// or more), a day and a four-digit year, in any order; `de`/`of` between them are skipped.
    static func textDate(_ b: ArraySlice<UInt8>) -> (year: Int, month: Int, day: Int)? {
        guard (8...32).contains(b.count), b.contains(where: ByteClass.isDigit), b.contains(where: { ByteClass.isAlpha($0) || $0 >= 0x80 }),
              b.contains(32) || b.contains(44) || b.contains(46), !b.contains(64), !b.contains(58), !b.contains(61) else { return nil }   // no @ : =
        let text = String(decoding: b, as: UTF8.self).lowercased()
        let tokens = text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "." || $0 == "-" || $0 == "/" })
            .filter { $0 != "de" && $0 != "of" && $0 != "del" && $0 != "the" }
        guard tokens.count == 3 else { return nil }
        var year: Int?, month: Int?, day: Int?
        for var t in tokens {
            // An ordinal day (`12th`, `1st`, `1er`, `1º`).
            if t.first?.isNumber == true, let suffix = ["st", "nd", "rd", "th", "er", "º"].first(where: { t.hasSuffix($0) }) {
                t = t.dropLast(suffix.count)
            }
            if t.allSatisfy(\.isNumber), let n = Int(t) {
                if t.count == 4, (1900...2099).contains(n), year == nil { year = n }
                else if t.count <= 2, (1...31).contains(n), day == nil { day = n }
                else { return nil }
            } else if t.count >= 3, month == nil, let m = monthNames.firstIndex(where: { names in names.contains { $0.hasPrefix(t) } }) {
                month = m + 1
            } else {
                return nil
            }
        }
        guard let year, let month, let day else { return nil }
        return (year, month, day)
    }

    /// Month names, January first: English, German, French, Spanish, Italian, Portuguese, Dutch.
    private static let monthNames: [[String]] = [
        ["january", "januar", "janvier", "enero", "gennaio", "janeiro", "januari", "jänner"],
        ["february", "februar", "février", "febrero", "febbraio", "fevereiro", "februari"],
        ["march", "märz", "mars", "marzo", "março", "maart"],
        ["april", "avril", "abril", "aprile"],
        ["may", "mai", "mayo", "maggio", "maio", "mei"],
        ["june", "juni", "juin", "junio", "giugno", "junho"],
        ["july", "juli", "juillet", "julio", "luglio", "julho"],
        ["august", "août", "agosto", "augustus"],
        ["september", "septembre", "septiembre", "settembre", "setembro", "setiembre"],
        ["october", "oktober", "octobre", "octubre", "ottobre", "outubro"],
        ["november", "novembre", "noviembre", "novembro"],
        ["december", "dezember", "décembre", "diciembre", "dicembre", "dezembro"],
    ]

    /// A decimal number `-?d+.d+`, with the count of fraction digits.
    package static func decimal(_ b: ArraySlice<UInt8>) -> (value: Double, fraction: Int)? {
        var s = b
        var neg = false
        if s.first == 45 { neg = true; s = s.dropFirst() }
        guard let dot = s.firstIndex(of: 46) else { return nil }
        let ip = s[s.startIndex..<dot], fp = s[(dot + 1)...]
        guard let i = ByteClass.number(ip), !fp.isEmpty, fp.count <= 12, fp.allSatisfy(ByteClass.isDigit) else { return nil }
        var f = 0.0, scale = 1.0
        for x in fp { scale /= 10; f += Double(x - 48) * scale }
        let v = Double(i) + f
        return (neg ? -v : v, fp.count)
    }

    /// `lat,long` (optional space, optional `geo:` prefix, RFC 5870) with both in range and at
    /// least 2 fraction digits each.
    package static func isCoordinatePair(_ b: ArraySlice<UInt8>) -> Bool {
        var s = b
        if ByteClass.hasPrefix(s, "geo:") { s = s.dropFirst(4) }
        guard let comma = s.firstIndex(of: 44) else { return false }
        var second = s[(comma + 1)...]
        while second.first == 32 { second = second.dropFirst() }
        guard let la = decimal(s[s.startIndex..<comma]), let lo = decimal(second) else { return false }
        return abs(la.value) <= 90 && abs(lo.value) <= 180 && la.fraction >= 2 && lo.fraction >= 2
    }

    /// One latitude or longitude: a decimal within +-180 with at least 3 fraction digits.
    package static func isCoordinate(_ b: ArraySlice<UInt8>) -> Bool {
        guard let d = decimal(b) else { return false }
        return abs(d.value) <= 180 && d.fraction >= 3
    }
}
