import COpenSSL

/// Masks and keyed hashes for outputs: no raw e-mail, phone or name ever leaves the process.
package enum Redaction {
    /// A masked form that keeps the shape: `j***@e***.com` for an e-mail, `+33******47` for a phone,
    /// `J***` for a name word, hashes shortened to 8 hex digits, anything else keeps at most its
    /// first and last character. Never returns more than 2 characters of the original (plus the TLD).
    package static func mask(_ value: String, category: PIICategory) -> String {
        let v = value.trimmingCharacters()
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

    private static func maskWord(_ w: String) -> String {
        guard let f = w.first else { return "" }
        return w.count <= 2 ? "\(f)*" : "\(f)***"
    }

    /// HMAC-SHA256 (RFC 2104) of the value's UTF-8 bytes under `key`, lower-case hex (64 digits).
    package static func keyedHash(_ value: String, key: [UInt8]) -> String {
        let data = Array(value.utf8)
        var out = [UInt8](repeating: 0, count: 32)
        var outLen: UInt32 = 0
        let ok = key.withUnsafeBufferPointer { k in
            data.withUnsafeBufferPointer { d in
                out.withUnsafeMutableBufferPointer { o in
                    HMAC(EVP_sha256(), k.baseAddress, Int32(k.count), d.baseAddress, d.count, o.baseAddress, &outLen)
                }
            }
        }
        guard ok != nil, outLen == 32 else { return "" }
        let hex = Array("0123456789abcdef".utf8)
        var s: [UInt8] = []
        s.reserveCapacity(64)
        for b in out { s.append(hex[Int(b >> 4)]); s.append(hex[Int(b & 15)]) }
        return String(decoding: s, as: UTF8.self)
    }
}

extension String {
    fileprivate func trimmingCharacters() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}
