/// Phone numbers in international (E.164, ITU-T E.164 section 6) and national written forms.
///
/// International: `+` country code, then the national significant number (NSN) whose length must
/// fit the country (a table for common countries, 4...14 otherwise; total <= 15 digits). A trunk
/// `(0)` after the country code is dropped (`+44(0)151...`). Tolerance, named: a leading `0` in
/// the NSN of a country that has no such numbers is dropped once (`trunkZeroAfterCountryCode`).
/// National: digits grouped by spaces, dashes, dots, slashes or parentheses (`(0431)-188288`),
/// optional extension (`x123`). Strict mode (used when the field name says nothing) needs 8...12
/// digits and visible grouping, or 9...11 ungrouped digits behind one trunk `0` (`0695378288`: ids and
/// timestamps do not start with 0); lenient mode (the name says phone) takes 7...15 digits in any
/// grouping, and an international number whose length does not fit its country's plan. `00` before
/// a country code is the international prefix (`001-203-762-4488`).
package enum PhoneNumbers {
    /// Assigned country calling codes (ITU-T E.164 list, abridged to the assigned ones).
    private static let countryCodes: Set<String> = {
        var s: Set<String> = ["1", "7", "20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43",
                              "44", "45", "46", "47", "48", "49", "51", "52", "53", "54", "55", "56", "57", "58",
                              "60", "61", "62", "63", "64", "65", "66", "81", "82", "84", "86", "90", "91", "92",
                              "93", "94", "95", "98"]
        let threeDigitBlocks = ["21", "22", "23", "24", "25", "26", "29", "35", "37", "38", "42", "50", "59", "67",
                                "68", "69", "80", "85", "87", "88", "96", "97", "99"]
        for b in threeDigitBlocks { for d in 0...9 { s.insert(b + String(d)) } }
        // Spare (unassigned) codes inside those blocks.
        for spare in ["210", "211", "214", "215", "217", "219", "259", "292", "293", "294", "295", "296", "801", "802",
                      "803", "804", "805", "806", "807", "809", "851", "854", "857", "858", "859", "871", "872", "873",
                      "874", "875", "876", "877", "879", "884", "885", "887", "889", "969", "990", "997", "999"] {
            s.remove(spare)
        }
        return s
    }()

    /// NSN lengths for common countries (national numbering plans as published to the ITU).
    private static let nsnLengths: [String: ClosedRange<Int>] = [
        "1": 10...10, "7": 10...10, "31": 9...9, "32": 8...9, "33": 9...9, "34": 9...9, "39": 6...11,
        "41": 9...9, "43": 4...13, "44": 9...10, "45": 8...8, "46": 7...13, "47": 8...8, "48": 9...9,
        "49": 6...13, "55": 10...11, "61": 9...9, "81": 9...10, "86": 8...11, "91": 10...10, "351": 9...9,
        "353": 7...9, "358": 5...12,
    ]
    private static let nsnMayStartWithZero: Set<String> = ["39", "225", "242"]

    package static func isPhone(_ b: ArraySlice<UInt8>, lenient: Bool) -> Bool {
        if Validators.date(b) != nil { return false }
        var main = b
        // Extension: `x123` or `ext123` at the end.
        if let x = main.lastIndex(where: { $0 == 120 || $0 == 88 }) {
            let ext = main[(x + 1)...]
            guard !ext.isEmpty, ext.count <= 6, ext.allSatisfy(ByteClass.isDigit) else { return false }
            main = main[main.startIndex..<x]
            if ByteClass.contains(main.suffix(2), "ex") { main = main.dropLast(2) }
            while main.last == 32 || main.last == 46 { main = main.dropLast() }
        }
        guard !main.isEmpty else { return false }
        var plus = false
        if main.first == 43 { plus = true; main = main.dropFirst() }
        var digits: [UInt8] = []
        var groups: [Int] = []
        var run = 0, parens = 0, open = false, dots = false
        var trunkZeroIndex: Int? = nil
        var previousSeparator = true, afterParen = false
        for (n, x) in main.enumerated() {
            if ByteClass.isDigit(x) {
                digits.append(x - 48); run += 1; previousSeparator = false; afterParen = false
                continue
            }
            if run > 0 { groups.append(run); run = 0 }
            defer { afterParen = x == 41 }
            switch x {
            case 32, 45, 47:
                if previousSeparator && x != 32 && !afterParen { return false }
            case 46: dots = true
            case 40:
                if open { return false }
                open = true; parens += 1
                // `(0)` right after the country code: a trunk prefix to drop.
                if plus, n + 2 < main.count {
                    let i = main.index(main.startIndex, offsetBy: n)
                    if main[i + 1] == 48, main[i + 2] == 41 { trunkZeroIndex = digits.count }
                }
            case 41:
                if !open { return false }
                open = false
            default:
                return false
            }
            previousSeparator = true
        }
        if run > 0 { groups.append(run) }
        guard !open, !digits.isEmpty else { return false }
        // Version strings (`10.0.19045.3803`); a one-digit country code may follow `+` (`+1.212.555.0147`).
        if dots && groups.dropFirst(plus ? 1 : 0).contains(where: { $0 < 2 }) { return false }
        if plus {
            if let t = trunkZeroIndex { digits.remove(at: t) }
            return validInternational(digits, lenient: lenient)
        }
        if digits.count >= 10, digits[0] == 0, digits[1] == 0, digits[2] != 0,
           validInternational(Array(digits.dropFirst(2)), lenient: lenient) {
            return true
        }
        if lenient { return (7...15).contains(digits.count) && Set(digits).count > 2 }
        if groups.count == 1, parens == 0, !dots, (9...11).contains(digits.count), digits[0] == 0, digits[1] != 0 {
            return Set(digits).count >= 4
        }
        guard (8...12).contains(digits.count), groups.count >= 2 || parens > 0 else { return false }
        guard groups.allSatisfy({ $0 >= 2 }) || parens > 0 else { return false }
        return Set(digits).count > 2
    }

    /// `lenient`: the field name says phone, so a length outside the country's plan (a typo, a
    /// trunk `0` left in) still counts.
    private static func validInternational(_ d: [UInt8], lenient: Bool = false) -> Bool {
        guard (8...15).contains(d.count) else { return false }
        for ccLen in 1...3 where ccLen < d.count {
            let cc = d[0..<ccLen].map { String($0) }.joined()
            guard countryCodes.contains(cc) else { continue }
            var nsn = d[ccLen...]
            if nsn.first == 0, !nsnMayStartWithZero.contains(cc) { nsn = nsn.dropFirst() }   // tolerance
            let range = lenient ? 6...14 : nsnLengths[cc] ?? 4...14
            return range.contains(nsn.count)
        }
        return false
    }

    /// An international number written without `+` (`34849648492`): only for countries in the
    /// length table, with the exact national length (trunk-zero tolerance applies), 11-13 digits.
    package static func isInternationalWithoutPlus(_ b: ArraySlice<UInt8>) -> Bool {
        guard (11...13).contains(b.count), b.allSatisfy(ByteClass.isDigit), b.first != 48 else { return false }
        let d = b.map { $0 - 48 }
        for ccLen in 1...3 {
            let cc = d[0..<ccLen].map { String($0) }.joined()
            guard let range = nsnLengths[cc] else { continue }
            var nsn = d[ccLen...]
            if nsn.first == 0, !nsnMayStartWithZero.contains(cc) { nsn = nsn.dropFirst() }
            return range.contains(nsn.count)
        }
        return false
    }

    /// A phone number inside free text (`call me back on (01412) 21940 pls`), strict rules.
    package static func containsPhone(_ b: ArraySlice<UInt8>) -> Bool {
        var i = b.startIndex
        while i < b.endIndex {
            let x = b[i]
            let startsHere = (x == 43 || x == 40 || ByteClass.isDigit(x)) &&
                (i == b.startIndex || ByteClass.isSpace(b[i - 1]) || b[i - 1] == 58)
            if startsHere {
                var e = i
                while e < b.endIndex, ByteClass.isDigit(b[e]) || b[e] == 32 || b[e] == 45 || b[e] == 46 ||
                        b[e] == 40 || b[e] == 41 || b[e] == 43 || ((b[e] == 120) && e + 1 < b.endIndex && ByteClass.isDigit(b[e + 1])) {
                    e += 1
                }
                var cand = b[i..<e]
                while let l = cand.last, l == 32 || l == 46 || l == 45 { cand = cand.dropLast() }
                if cand.count >= 8, Validators.date(cand) == nil, isPhone(cand, lenient: false) { return true }
                i = max(e, i + 1)
            } else {
                i += 1
            }
        }
        return false
    }
}
