import Primitives

/// Masks for outputs (keyed hashes: `HMACSHA256`): no raw e-mail, phone or name ever leaves the process.
package enum Redaction {
    /// A masked form that keeps the shape: `j***@e***.com` for an e-mail, `+33******47` for a phone,
    /// `J***` for a name word, hashes shortened to 8 hex digits, anything else keeps at most its
    /// first and last character. Never returns more than 2 characters of the original (plus the TLD).
    package static func mask(_ value: String, category: PIICategory) -> String {
        maskASCII(value, category: category) ?? maskText(value, category: category)
    }

    /// `mask` on characters (any text).
    static func maskText(_ value: String, category: PIICategory) -> String {
        let v = value.trimmingWhitespaceCharacters()
        if v.isEmpty { return "" }
        switch category {
        case .email:
            guard let at = v.firstIndex(of: "@") else { return maskWord(v) }
            let local = v[..<at], domain = v[v.index(after: at)...]
            let tld = domain.lastIndex(of: ".").map { String(domain[$0...]) } ?? ""
            let host = domain.lastIndex(of: ".").map { String(domain[..<$0]) } ?? String(domain)
            return "\(local.prefix(1))***@\(host.prefix(1))***\(tld)"
        case .phone:
            let digits = v.filter(\.isNumber)
            guard digits.count > 4 else { return "***" }
            return (v.hasPrefix("+") ? "+" : "") + String(digits.prefix(2)) + String(repeating: "*", count: digits.count - 4)
                + String(digits.suffix(2))
        case .email_sha256, .phone_sha256:
            return String(v.prefix(8)) + "…"
        case .name_first, .name_last, .name_full, .street_address, .city:
            return v.split(separator: " ").map { maskWord(String($0)) }.joined(separator: " ")
        case .none, .country, .gender:
            return v.count <= 3 ? v : maskWord(v)
        default:
            return maskWord(v)
        }
    }

    /// `mask` for printable ASCII values without surrounding spaces (the usual case), on bytes;
    /// nil for anything else (the general path decides). Gives the same text as the general path.
    private static func maskASCII(_ value: String, category: PIICategory) -> String? {
        value.utf8.withContiguousStorageIfAvailable { u -> String? in
            guard let first = u.first, let last = u.last, first > 32, last > 32,
                  u.allSatisfy({ $0 >= 32 && $0 < 127 }) else { return nil }
            switch category {
            case .phone:
                // Digits only: the leading two and the last two stay, `+` kept when the value starts with it.
                let digits = u.reduce(0) { $0 + (ByteClass.isDigit($1) ? 1 : 0) }
                guard digits > 4 else { return "***" }
                let plus = first == UInt8(ascii: "+") ? 1 : 0
                return String(unsafeUninitializedCapacity: plus + digits) { out in
                    var n = 0, seen = 0
                    if plus == 1 { out[0] = UInt8(ascii: "+"); n = 1 }
                    for b in u where ByteClass.isDigit(b) {
                        out[n] = seen < 2 || seen >= digits - 2 ? b : UInt8(ascii: "*")
                        n += 1
                        seen += 1
                    }
                    return n
                }
            case .email_sha256, .phone_sha256:
                return String(decoding: UnsafeBufferPointer(rebasing: u.prefix(8)), as: UTF8.self) + "…"
            case .email:
                guard let at = u.firstIndex(of: UInt8(ascii: "@")) else { return word(u[...]) }
                guard at != 0 else { return nil }
                let domain = u[(at + 1)...]
                let dot = domain.lastIndex(of: UInt8(ascii: "."))
                let hostFirst = (dot.map { domain[..<$0] } ?? domain).first
                let tld = dot.map { u[$0...] } ?? u[u.count...]
                return String(unsafeUninitializedCapacity: 9 + tld.count) { out in
                    var n = 0
                    func put(_ b: UInt8) { out[n] = b; n += 1 }
                    put(first)
                    for b in "***@".utf8 { put(b) }
                    if let hostFirst { put(hostFirst) }
                    for b in "***".utf8 { put(b) }
                    for b in tld { put(b) }
                    return n
                }
            case .name_first, .name_last, .name_full, .street_address, .city:
                // Each word (runs between spaces; empty ones dropped) as its first letter and stars.
                return String(unsafeUninitializedCapacity: 4 * u.count) { out in
                    var n = 0, i = 0
                    while i < u.count {
                        if u[i] == 32 { i += 1; continue }
                        var j = i
                        while j < u.count, u[j] != 32 { j += 1 }
                        if n > 0 { out[n] = 32; n += 1 }
                        out[n] = u[i]; n += 1
                        for _ in 0..<(j - i <= 2 ? 1 : 3) { out[n] = UInt8(ascii: "*"); n += 1 }
                        i = j
                    }
                    return n
                }
            case .none, .country, .gender:
                return u.count <= 3 ? value : word(u[...])
            default:
                return word(u[...])
            }
        } ?? nil
    }

    private static func word(_ w: Slice<UnsafeBufferPointer<UInt8>>) -> String {
        guard let f = w.first else { return "" }
        return String(unsafeUninitializedCapacity: 4) { out in
            out[0] = f
            let stars = w.count <= 2 ? 1 : 3
            for k in 1...stars { out[k] = UInt8(ascii: "*") }
            return stars + 1
        }
    }

    private static func maskWord(_ w: String) -> String {
        guard let f = w.first else { return "" }
        return w.count <= 2 ? "\(f)*" : "\(f)***"
    }
}
