import Primitives
import COpenSSL

/// Recognises hashed e-mails and phone numbers by hashing the plain ones seen elsewhere (the same
/// request or session) the way the vendors normalise them, then matching.
///
/// Normalisations (vendor documentation): e-mail = trim + lower case (Google additionally drops
/// dots in the local part of gmail.com/googlemail.com); phone = E.164 digits without `+` (Meta,
/// TikTok, Snap, Pinterest) and with `+` (Google). Only SHA-256 hex (either case) is matched.
/// Memory is bounded by `capacity` learnt values; further values are ignored and counted.
package struct HashCorrelator: Sendable {
    private var known: [String: PIICategory] = [:]
    package let capacity: Int
    package private(set) var ignoredOverCapacity = 0

    package init(capacity: Int = 4096) { self.capacity = capacity }

    /// Learns a plain e-mail (`.email`) or phone number (`.phone`); other categories are ignored.
    package mutating func learn(_ value: String, category: PIICategory) {
        let forms: [String]
        let hashed: PIICategory
        switch category {
        case .email:
            let e = value.trimmingWhitespaceCharacters().lowercased()
            guard let at = e.firstIndex(of: "@") else { return }
            var f = [e]
            let domain = e[e.index(after: at)...]
            if domain == "gmail.com" || domain == "googlemail.com" {
                f.append(e[..<at].replacingDots() + "@" + domain)
            }
            forms = f
            hashed = .email_sha256
        case .phone:
            let trimmed = value.trimmingWhitespaceCharacters()
            guard trimmed.hasPrefix("+") else { return }   // a national number has no known country code
            var digits = String(trimmed.unicodeScalars.filter { $0.value >= 48 && $0.value <= 57 }.map(Character.init))
            if let r = trimmed.range(of: "(0)") , r.lowerBound > trimmed.startIndex {   // +44(0)... trunk
                var withoutTrunk = trimmed
                withoutTrunk.removeSubrange(r)
                digits = String(withoutTrunk.unicodeScalars.filter { $0.value >= 48 && $0.value <= 57 }.map(Character.init))
            }
            forms = [digits, "+" + digits]
            hashed = .phone_sha256
        default:
            return
        }
        for f in forms {
            if known.count >= capacity { ignoredOverCapacity += 1; return }
            known[Self.sha256Hex(f)] = hashed
        }
    }

    /// `email_sha256` or `phone_sha256` when the value is the SHA-256 of a learnt value.
    package func match(_ value: String) -> PIICategory? {
        guard value.utf8.count == 64 else { return nil }
        return known[value.lowercased()]
    }

    static func sha256Hex(_ s: String) -> String {
        let data = Array(s.utf8)
        var out = [UInt8](repeating: 0, count: 32)
        data.withUnsafeBufferPointer { d in out.withUnsafeMutableBufferPointer { o in _ = SHA256(d.baseAddress, d.count, o.baseAddress) } }
        let hex = Array("0123456789abcdef".utf8)
        return String(decoding: out.flatMap { [hex[Int($0 >> 4)], hex[Int($0 & 15)]] }, as: UTF8.self)
    }
}

extension StringProtocol {
    fileprivate func replacingDots() -> String { String(self.filter { $0 != "." }) }
}
