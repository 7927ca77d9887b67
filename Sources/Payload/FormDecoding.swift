/// `application/x-www-form-urlencoded` and query strings (WHATWG URL standard, section 5.1):
/// pairs split on `&` (and `;` is not a separator), name and value split on the first `=`,
/// `+` is a space, `%XX` is a byte; an invalid `%` sequence is kept literally (counted by the
/// caller through `malformedEscapes`). Keys keep their brackets (`ud[em]`, `p[0][i]`).
package enum FormDecoding {
    /// Calls `body` with each pair's decoded name and value bytes (borrowed for the call; empty
    /// names skipped), without making strings.
    package static func forEachPair(_ bytes: ArraySlice<UInt8>, malformedEscapes: inout Int,
                                    _ body: (ArraySlice<UInt8>, ArraySlice<UInt8>) -> Void) {
        var name: [UInt8] = [], value: [UInt8] = []
        for part in bytes.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let eq = part.firstIndex(of: UInt8(ascii: "="))
            let rawName = eq.map { part[part.startIndex..<$0] } ?? part
            let rawValue = eq.map { part[($0 + 1)...] } ?? part[part.endIndex...]
            name.removeAll(keepingCapacity: true)
            value.removeAll(keepingCapacity: true)
            percentDecode(rawName, plusIsSpace: true, malformed: &malformedEscapes, into: &name)
            if name.isEmpty { continue }
            percentDecode(rawValue, plusIsSpace: true, malformed: &malformedEscapes, into: &value)
            body(name[...], value[...])
        }
    }

    /// `percentDecode` appending bytes to `out`.
    package static func percentDecode(_ b: ArraySlice<UInt8>, plusIsSpace: Bool, malformed: inout Int, into out: inout [UInt8]) {
        if !b.contains(where: { $0 == 37 || ($0 == 43 && plusIsSpace) }) { out.append(contentsOf: b); return }
        var i = b.startIndex
        while i < b.endIndex {
            let c = b[i]
            if c == 37 {
                if i + 2 < b.endIndex, let h = hex(b[i + 1]), let l = hex(b[i + 2]) {
                    out.append(h << 4 | l)
                    i += 3
                    continue
                }
                malformed += 1
                out.append(c)
            } else if c == 43 && plusIsSpace {
                out.append(32)
            } else {
                out.append(c)
            }
            i += 1
        }
    }

    package static func percentDecode(_ b: ArraySlice<UInt8>, plusIsSpace: Bool, malformed: inout Int) -> String {
        if !b.contains(where: { $0 == 37 || ($0 == 43 && plusIsSpace) }) { return String(decoding: b, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        percentDecode(b, plusIsSpace: plusIsSpace, malformed: &malformed, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static func hex(_ b: UInt8) -> UInt8? {
        switch b {
        case 48...57: return b - 48
        case 97...102: return b - 87
        case 65...70: return b - 55
        default: return nil
        }
    }

    /// True when the bytes look like a form body: printable ASCII without spaces, at least one `=`,
    /// and the first pair's name a plausible key.
    package static func looksLikeForm(_ b: ArraySlice<UInt8>) -> Bool {
        guard let eq = b.firstIndex(of: UInt8(ascii: "=")), eq > b.startIndex else { return false }
        guard b.allSatisfy({ $0 > 32 && $0 < 127 }) else { return false }
        return b[b.startIndex..<eq].allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122)
            || $0 == 95 || $0 == 45 || $0 == 46 || $0 == 91 || $0 == 93 || $0 == 36 || $0 == 37 }
    }
}
