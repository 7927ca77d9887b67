/// Masks what looks like personal data in free text (alert reasons come from other modules):
/// words containing `@` (e-mail addresses) and runs of 7 or more digits, possibly separated by
/// spaces, `-`, `.`, `(`, `)` or led by `+` (phone numbers), become `***`. Kept: runs glued to a
/// letter (hashes, ids, `2026-11-28T10`) and dates written `YYYY-MM-DD`. Never traps.
package enum PersonalDataScrubber {
    package static func scrub(_ text: String) -> String {
        let words = text.split(separator: " ", omittingEmptySubsequences: false).map { $0.contains("@") ? "***" : String($0) }
        let chars = Array(words.joined(separator: " "))
        var out = ""
        var i = 0
        while i < chars.count {
            let startsRun = chars[i].isDigitChar || (chars[i] == "+" && i + 1 < chars.count && chars[i + 1].isDigitChar)
            guard startsRun else {
                out.append(chars[i])
                i += 1
                continue
            }
            // The run: digits and separators, ending at its last digit.
            var j = i
            var end = i
            var digits = 0
            while j < chars.count, chars[j].isDigitChar || "+ -.()".contains(chars[j]) {
                if chars[j].isDigitChar {
                    digits += 1
                    end = j + 1
                }
                j += 1
            }
            let run = String(chars[i..<end])
            let glued = (i > 0 && chars[i - 1].isLetter) || (end < chars.count && chars[end].isLetter)
            out += digits >= 7 && !glued && !isDate(run) ? "***" : run
            i = end
        }
        return out
    }

    private static func isDate(_ run: String) -> Bool {
        let u = Array(run.utf8)
        guard u.count == 10, u[4] == 0x2D, u[7] == 0x2D else { return false }
        return u.enumerated().allSatisfy { $0.offset == 4 || $0.offset == 7 || ($0.element >= 0x30 && $0.element <= 0x39) }
    }
}

extension Character {
    fileprivate var isDigitChar: Bool { isASCII && isNumber }
}
