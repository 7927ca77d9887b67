/// Decodes consent strings of every supported kind, detecting the kind from the text.
///
/// Detection (first match wins): contains `~` or starts with `D` -> GPP (header type 3 encodes as
/// `D`); starts with `G` and at most 4 characters -> gcs; starts with a digit and at most 5
/// characters -> US Privacy; starts with a digit -> gcd; anything else -> TCF (version from the
/// first 6 bits: `B` v1, `C` v2). Surrounding whitespace is trimmed. Never traps; input longer than
/// `maxInputLength` is refused.
package enum ConsentSignalDecoder {
    package static let maxInputLength = 65_536

    package static func decode(_ text: String) -> ConsentDecodeResult {
        let trimmed = text.trimmingWhitespace()
        guard !trimmed.isEmpty else {
            return ConsentDecodeResult(kind: nil, outcome: .failure(ConsentDecodeError(.empty, "empty consent string")))
        }
        return decode(trimmed, as: detect(trimmed))
    }

    /// Decodes `text` as the given kind (no detection).
    package static func decode(_ text: String, as kind: ConsentSignalKind) -> ConsentDecodeResult {
        let s = Substring(text)
        guard s.utf8.count <= maxInputLength else {
            return ConsentDecodeResult(kind: kind, outcome: .failure(
                ConsentDecodeError(.tooLong, "consent string longer than \(maxInputLength) bytes")))
        }
        do throws(ConsentDecodeError) {
            let signal: ConsentSignal
            switch kind {
            case .tcf: signal = try decodeTCF(s)
            case .gpp: signal = .gpp(try GPPString(decoding: s))
            case .usp: signal = .usp(try USPrivacyString(decoding: s))
            case .gcs: signal = .gcs(try GCSValue(decoding: s))
            case .gcd: signal = .gcd(try GCDValue(decoding: s))
            }
            return ConsentDecodeResult(kind: kind, outcome: .success(signal))
        } catch {
            return ConsentDecodeResult(kind: kind, outcome: .failure(error))
        }
    }

    /// The kind `text` looks like (see the type's doc).
    package static func detect(_ text: String) -> ConsentSignalKind {
        let first = text.unicodeScalars.first ?? " "
        let count = text.unicodeScalars.count
        if text.contains("~") || first == "D" { return .gpp }
        if first == "G" && count <= 4 { return .gcs }
        if ("0"..."9").contains(first) { return count <= 5 ? .usp : .gcd }
        return .tcf
    }

    private static func decodeTCF(_ s: Substring) throws(ConsentDecodeError) -> ConsentSignal {
        guard !s.isEmpty else { throw ConsentDecodeError(.empty, "empty TC string") }
        let core = s.prefix { $0 != "." }
        var c = BitCursor(try Base64URLBits(core))
        let version = try c.int(6)
        switch version {
        case 1: return .tcfV1(try TCFv1String(decoding: s))
        case 2: return .tcf(try TCString(decoding: s))
        default: throw ConsentDecodeError(.unsupportedVersion, "unsupported TCF version \(version)", offset: 0)
        }
    }
}

extension String {
    /// The string without leading and trailing ASCII whitespace.
    func trimmingWhitespace() -> String {
        // Fast path: nothing to trim when both ends are visible ASCII (the usual case).
        if let f = utf8.first, let l = utf8.last, f > 32, f < 0x7F, l > 32, l < 0x7F { return self }
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let end = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[start...end])
    }
}
