/// National identification numbers with their published check rules. Separators (space, dot,
/// dash, slash) are ignored where the format allows them. Bad input gives `nil`.
package enum NationalIDs {
    package enum Kind: String, Sendable {
        case usSSN, ukNINO, frNIR, deSteuerID, esDNI, esNIE, itCodiceFiscale, nlBSN, sePersonnummer, brCPF
    }

    /// The first kind whose shape and checksum the value passes. `dashedSSNOnly` keeps a bare
    /// 9-digit number from being read as an SSN (it is then tried as a BSN).
    package static func kind(_ b: ArraySlice<UInt8>) -> Kind? {
        // Every format has 9, 10, 11, 12, 15 or 16 characters besides its separators: others need no copy.
        let length = b.reduce(0) { $0 + ($1 == 32 || $1 == 46 || $1 == 45 || $1 == 47 ? 0 : 1) }
        guard (9...12).contains(length) || length == 15 || length == 16 else { return nil }
        let compact = b.filter { !($0 == 32 || $0 == 46 || $0 == 45 || $0 == 47) }.map { ByteClass.isLower($0) ? $0 - 32 : $0 }
        let allDigits = compact.allSatisfy(ByteClass.isDigit)
        if isCodiceFiscale(compact) { return .itCodiceFiscale }
        if isNINO(compact) { return .ukNINO }
        if isDNI(compact) { return .esDNI }
        if isNIE(compact) { return .esNIE }
        guard allDigits else { return nil }
        let d = compact.map { $0 - 48 }
        switch d.count {
        case 9:
            if b.count == 11, b[b.startIndex + 3] == 45, b[b.startIndex + 6] == 45, isSSN(d) { return .usSSN }
            if isBSN(d) { return .nlBSN }
        case 10, 12:
            if isPersonnummer(d) { return .sePersonnummer }
        case 11:
            // Written with separators, only the formats' own layouts count (`070-8983-9958` is a phone).
            let separated = b.count != 11
            if isCPF(d), !separated || isCPFLayout(b) { return .brCPF }
            if isSteuerID(d), !separated || !b.contains(45) { return .deSteuerID }
        case 15:
            if isNIR(compact) { return .frNIR }
        default:
            break
        }
        return nil
    }

    /// US SSN: area 001-899 except 666, group 01-99, serial 0001-9999 (SSA rules since 2011).
    static func isSSN(_ d: [UInt8]) -> Bool {
        guard d.count == 9 else { return false }
        let area = Int(d[0]) * 100 + Int(d[1]) * 10 + Int(d[2])
        let group = Int(d[3]) * 10 + Int(d[4])
        let serial = d[5...].reduce(0) { $0 * 10 + Int($1) }
        return area != 0 && area != 666 && area < 900 && group != 0 && serial != 0
    }

    /// UK NINO: two prefix letters (first not D F I Q U V, second not D F I O Q U V), six digits,
    /// suffix A-D. The administrative `ZZ` prefix (used for dummy/temporary numbers) is accepted with
    /// any suffix letter.
    static func isNINO(_ c: [UInt8]) -> Bool {
        guard c.count == 9, ByteClass.isUpper(c[0]), ByteClass.isUpper(c[1]), c[2..<8].allSatisfy(ByteClass.isDigit),
              ByteClass.isUpper(c[8]) else { return false }
        if c[0] == 90 && c[1] == 90 { return true }
        return !"DFIQUV".utf8.contains(c[0]) && !"DFIOQUV".utf8.contains(c[1]) && (65...68).contains(c[8])
    }

    private static let dniLetters = Array("TRWAGMYFPDXBNJZSQVHLCKE".utf8)

    /// Spanish DNI: 8 digits and the letter at (number mod 23).
    static func isDNI(_ c: [UInt8]) -> Bool {
        guard c.count == 9, let n = ByteClass.number(c[0..<8]) else { return false }
        return dniLetters[n % 23] == c[8]
    }

    /// Spanish NIE: X/Y/Z (as 0/1/2), 7 digits, DNI letter.
    static func isNIE(_ c: [UInt8]) -> Bool {
        guard c.count == 9, let p = [88, 89, 90].firstIndex(of: c[0]), let n = ByteClass.number(c[1..<8]) else { return false }
        return dniLetters[(p * 10_000_000 + n) % 23] == c[8]
    }

    /// Dutch BSN: 9 digits, 9*d1 + 8*d2 + ... + 2*d8 - d9 divisible by 11 (the "11-proef").
    static func isBSN(_ d: [UInt8]) -> Bool {
        guard d.count == 9, d.contains(where: { $0 != 0 }) else { return false }
        var s = 0
        for i in 0..<8 { s += (9 - i) * Int(d[i]) }
        s -= Int(d[8])
        return s % 11 == 0
    }

    /// Swedish personnummer: (YY)YYMMDD + 4 digits, Luhn over the last 10, a valid month/day
    /// (day + 60 for samordningsnummer).
    static func isPersonnummer(_ d: [UInt8]) -> Bool {
        let t = d.count == 12 ? Array(d[2...]) : d
        guard t.count == 10 else { return false }
        let month = Int(t[2]) * 10 + Int(t[3]), day = Int(t[4]) * 10 + Int(t[5])
        guard (1...12).contains(month), (1...31).contains(day) || (61...91).contains(day) else { return false }
        return Validators.luhn(t)
    }

    /// `ddd.ddd.ddd-dd`, the CPF's written form.
    static func isCPFLayout(_ b: ArraySlice<UInt8>) -> Bool {
        guard b.count == 14 else { return false }
        let s = b.startIndex
        return b[s + 3] == 46 && b[s + 7] == 46 && b[s + 11] == 45
    }

    /// Brazilian CPF: 11 digits, two mod-11 check digits, not all equal.
    static func isCPF(_ d: [UInt8]) -> Bool {
        guard d.count == 11, Set(d).count > 1 else { return false }
        func dv(_ n: Int) -> Int {
            var t = 0
            for i in 0..<n { t += Int(d[i]) * (n + 1 - i) }
            let r = (t * 10) % 11
            return r == 10 ? 0 : r
        }
        return dv(9) == Int(d[9]) && dv(10) == Int(d[10])
    }

    /// German Steuer-ID: 11 digits, first not 0, ISO 7064 MOD 11,10 check digit.
    static func isSteuerID(_ d: [UInt8]) -> Bool {
        guard d.count == 11, d[0] != 0 else { return false }
        var product = 10
        for i in 0..<10 {
            var sum = (Int(d[i]) + product) % 10
            if sum == 0 { sum = 10 }
            product = (sum * 2) % 11
        }
        var check = 11 - product
        if check == 10 { check = 0 }
        return check == Int(d[10])
    }

    /// French NIR: sex digit 1/2 (7/8 temporary), 12 more digits (Corsica 2A/2B allowed), key =
    /// 97 - (number mod 97).
    static func isNIR(_ c: [UInt8]) -> Bool {
        guard c.count == 15, [49, 50, 55, 56].contains(c[0]) else { return false }
        var body = Array(c[0..<13])
        var adjust = 0
        if body[5] == 65 { body[5] = 48; adjust = 1_000_000 } else if body[5] == 66 { body[5] = 48; adjust = 2_000_000 }
        guard let n = ByteClass.number(body), let key = ByteClass.number(c[13..<15]) else { return false }
        return 97 - ((n - adjust) % 97) == key
    }

    private static let cfOdd: [Int] = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23]

    /// Italian codice fiscale: 6 letters, 2 digits, letter, 2 digits, letter, 3 digits, check
    /// letter from the odd/even position tables (omocodia letters in digit places accepted).
    static func isCodiceFiscale(_ c: [UInt8]) -> Bool {
        guard c.count == 16 else { return false }
        let letterAt: Set<Int> = [0, 1, 2, 3, 4, 5, 8, 11, 15]
        for (i, x) in c.enumerated() {
            if letterAt.contains(i) { guard ByteClass.isUpper(x) else { return false } }
            else { guard ByteClass.isDigit(x) || "LMNPQRSTUV".utf8.contains(x) else { return false } }
        }
        var sum = 0
        for i in 0..<15 {
            let x = c[i]
            let v = ByteClass.isDigit(x) ? Int(x - 48) : Int(x - 65)
            if i % 2 == 0 { sum += cfOdd[v] } else { sum += v }
        }
        return Int(c[15] - 65) == sum % 26
    }
}
