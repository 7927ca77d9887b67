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
        let u = value.utf8
        guard let first = u.first, let last = u.last, first > 32, last > 32,
              u.allSatisfy({ $0 >= 32 && $0 < 127 }) else { return nil }
        switch category {
        case .email:
            guard let at = u.firstIndex(of: UInt8(ascii: "@")) else { return word(u[...]) }
            guard at != u.startIndex else { return nil }
            let domain = u[u.index(after: at)...]
            let dot = domain.lastIndex(of: UInt8(ascii: "."))
            var out: [UInt8] = [first]
            out += "***@".utf8
            if let h = (dot.map { domain[..<$0] } ?? domain).first { out.append(h) }
            out += "***".utf8
            if let dot { out += domain[dot...] }
            return String(decoding: out, as: UTF8.self)
        case .phone, .email_sha256, .phone_sha256:
            return nil
        case .name_first, .name_last, .name_full, .street_address, .city:
            let words = u.split(separator: UInt8(ascii: " "))
            return words.map { word($0) }.joined(separator: " ")
        case .none, .country, .gender:
            return u.count <= 3 ? value : word(u[...])
        default:
            return word(u[...])
        }
    }

    private static func word(_ w: Substring.UTF8View.SubSequence) -> String {
        guard let f = w.first else { return "" }
        return String(decoding: [f], as: UTF8.self) + (w.count <= 2 ? "*" : "***")
    }

    private static func maskWord(_ w: String) -> String {
        guard let f = w.first else { return "" }
        return w.count <= 2 ? "\(f)*" : "\(f)***"
    }
}
