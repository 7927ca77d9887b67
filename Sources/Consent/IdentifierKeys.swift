/// Turns subject identifiers into lookup keys so that raw and vendor-hashed forms meet.
///
/// Normalisation follows the vendors (tracker-endpoints.md):
/// - e-mail: trim + lowercase, SHA-256 hex (Meta, TikTok, Snap, Pinterest, LinkedIn); also the
///   Google form, which removes dots from the local part of `@gmail.com`/`@googlemail.com`.
/// - phone: digits only with country code, leading `00` dropped (E.164 without `+`: Meta, Snap),
///   and the same with `+` (E.164: Google, TikTok); SHA-256 hex of each.
/// - external_id / user_id: the value as is, and SHA-256 of trim + lowercase (Meta recommends
///   hashing external_id); user_id also answers as external_id.
/// - ga_client_id, anonymous_id, fbp, device_id: exact value.
/// A value that is already 64 hex digits in a hashed field (or in `email`/`phone`) is used as the
/// hash itself (lower-cased). Keys look like `email_sha256:<hex>`; they are never logged raw.
/// The first key of each identifier is its canonical key (`IdentifierRedactor` uses it).
package enum IdentifierKeys {
    /// The first of `keys(for:)`, computed alone (one digest at most).
    package static func canonicalKey(for id: SubjectIdentifier) -> String? {
        canonicalParts(for: id).map { $0.kind + ":" + $0.body }
    }

    /// The canonical key as its two parts, `kind:body`, so that a caller can hash it without
    /// building the string.
    package static func canonicalParts(for id: SubjectIdentifier) -> (kind: String, body: String)? {
        let v = id.value.trimmingWhitespace()
        guard !v.isEmpty else { return nil }
        switch id.kind {
        case .email, .emailSHA256:
            if SHA256Hex.isHash(v) { return ("email_sha256", v.asciiLowercased()) }
            return id.kind == .email ? ("email_sha256", SHA256Hex.digest(normaliseEmail(v))) : nil
        case .phone, .phoneSHA256:
            if SHA256Hex.isHash(v) { return ("phone_sha256", v.asciiLowercased()) }
            guard id.kind == .phone else { return nil }
            let digits = phoneDigits(v)
            return digits.isEmpty ? nil : ("phone_sha256", SHA256Hex.digest(digits))
        case .externalId, .userId:
            return ("external_id", v)
        case .gaClientId, .anonymousId, .fbp, .deviceId:
            return (id.kind.rawValue, v)
        }
    }

    package static func keys(for id: SubjectIdentifier) -> [String] {
        guard let canonical = canonicalKey(for: id) else { return [] }
        let v = id.value.trimmingWhitespace()
        switch id.kind {
        case .email:
            // Google's form (dots dropped in gmail.com local parts) when it differs.
            guard !SHA256Hex.isHash(v) else { return [canonical] }
            let normal = normaliseEmail(v), google = googleEmail(v)
            return google == normal ? [canonical] : [canonical, "email_sha256:" + SHA256Hex.digest(google)]
        case .phone:
            // E.164 with `+` (Google, TikTok) beside the digits-only canonical form.
            guard !SHA256Hex.isHash(v) else { return [canonical] }
            return [canonical, "phone_sha256:" + SHA256Hex.digest("+" + phoneDigits(v))]
        case .externalId, .userId:
            return [canonical, "external_id:" + (SHA256Hex.isHash(v) ? v.lowercased() : SHA256Hex.digest(v.lowercased()))]
        case .emailSHA256, .phoneSHA256, .gaClientId, .anonymousId, .fbp, .deviceId:
            return [canonical]
        }
    }

    /// Trim + lowercase.
    package static func normaliseEmail(_ email: String) -> String { email.trimmingWhitespace().asciiLowercased() }

    /// Google's form: also drop dots in the local part of gmail.com / googlemail.com addresses.
    package static func googleEmail(_ email: String) -> String {
        let e = normaliseEmail(email)
        guard let at = e.lastIndex(of: "@") else { return e }
        let domain = e[e.index(after: at)...]
        guard domain == "gmail.com" || domain == "googlemail.com" else { return e }
        return e[..<at].replacingDots() + "@" + domain
    }

    /// Digits only; a leading international `00` prefix is dropped.
    package static func phoneDigits(_ phone: String) -> String {
        var d = String(phone.unicodeScalars.filter { ("0"..."9").contains($0) }.map(Character.init))
        if d.hasPrefix("00") { d.removeFirst(2) }
        return d
    }
}

extension Substring {
    fileprivate func replacingDots() -> String { String(filter { $0 != "." }) }
}

extension String {
    /// `lowercased()`, without a new string when there is nothing to lower (ASCII without capitals,
    /// the usual identifier); any other text goes through `lowercased()` itself.
    func asciiLowercased() -> String {
        utf8.allSatisfy({ $0 < 0x80 && !($0 >= 65 && $0 <= 90) }) ? self : lowercased()
    }
}
