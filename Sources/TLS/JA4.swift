/// The JA4 TLS client fingerprint (FoxIO, technical_details/JA4.md), from a parsed ClientHello.
///
/// `a_b_c`: a = transport (`t`), version (highest non-GREASE `supported_versions`, else the legacy
/// version), `d`/`i` for SNI present/absent, two-digit counts (capped at 99) of non-GREASE cipher suites
/// and extensions, first and last character of the first ALPN value (`00` when none; the hex digits'
/// first and last characters when either end is not ASCII alphanumeric). b = first 12 hex digits of
/// SHA-256 over the sorted, comma-joined 4-digit hex cipher suites. c = the same over the sorted
/// extensions without SNI (0000) and ALPN (0010), then `_` and the signature algorithms in wire order
/// (no `_` when there are none). Empty lists hash to `000000000000`. GREASE is ignored everywhere.
package enum JA4 {
    package static func fingerprint(_ hello: ClientHello, transport: Character = "t") -> String {
        let ciphers = hello.cipherSuites.filter { !ClientHello.isGREASE($0) }
        let extensions = hello.extensionTypes.filter { !ClientHello.isGREASE($0) }
        let versions = hello.supportedVersions.filter { !ClientHello.isGREASE($0) }
        let version = versions.max() ?? hello.legacyVersion
        var a = String(transport) + versionCode(version)
        a += hello.extensionTypes.contains(0x0000) ? "d" : "i"
        a += twoDigits(ciphers.count) + twoDigits(extensions.count) + alpnCode(hello.alpnProtocols.first)

        var bText: [UInt8] = []
        appendList(ciphers.sorted(), to: &bText)
        let b = truncatedHash(bText, emptyList: ciphers.isEmpty)
        let kept = extensions.filter { $0 != 0x0000 && $0 != 0x0010 }.sorted()
        var cText: [UInt8] = []
        appendList(kept, to: &cText)
        let signatures = hello.signatureAlgorithms.filter { !ClientHello.isGREASE($0) }
        if !signatures.isEmpty {
            cText.append(UInt8(ascii: "_"))
            appendList(signatures, to: &cText)
        }
        let c = truncatedHash(cText, emptyList: kept.isEmpty)
        return a + "_" + b + "_" + c
    }

    static func versionCode(_ v: UInt16) -> String {
        switch v {
        case 0x0304: "13"
        case 0x0303: "12"
        case 0x0302: "11"
        case 0x0301: "10"
        case 0x0300: "s3"
        case 0x0002, 0x0200: "s2"
        case 0xfeff: "d1"
        case 0xfefd: "d2"
        case 0xfefc: "d3"
        default: "00"
        }
    }

    private static func twoDigits(_ n: Int) -> String {
        let v = min(n, 99)
        return v < 10 ? "0\(v)" : "\(v)"
    }

    private static func isAlphanumeric(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a)
    }

    static func alpnCode(_ value: [UInt8]?) -> String {
        guard let value, let first = value.first, let last = value.last else { return "00" }
        if isAlphanumeric(first), isAlphanumeric(last) {
            return String(decoding: [first, last], as: UTF8.self)
        }
        let digits = Array("0123456789abcdef".utf8)
        return String(decoding: [digits[Int(first >> 4)], digits[Int(last & 0x0f)]], as: UTF8.self)
    }

    /// The values as comma-separated 4-digit lower-case hex (`0a0b,1301`), as ASCII bytes.
    private static func appendList(_ values: [UInt16], to out: inout [UInt8]) {
        let digits: StaticString = "0123456789abcdef"
        out.reserveCapacity(out.count + values.count * 5)
        for (i, v) in values.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            out.append(digits.utf8Start[Int(v >> 12 & 0xF)])
            out.append(digits.utf8Start[Int(v >> 8 & 0xF)])
            out.append(digits.utf8Start[Int(v >> 4 & 0xF)])
            out.append(digits.utf8Start[Int(v & 0xF)])
        }
    }

    private static func truncatedHash(_ text: [UInt8], emptyList: Bool) -> String {
        if emptyList { return "000000000000" }
        let digest = KeyDerivation.digest(.sha256, text)
        return String(hexString(digest).prefix(12))
    }
}

/// Lowercase hex of bytes.
package func hexString<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
    let digits = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count * 2)
    for b in bytes {
        out.append(digits[Int(b >> 4)])
        out.append(digits[Int(b & 0x0f)])
    }
    return String(decoding: out, as: UTF8.self)
}
