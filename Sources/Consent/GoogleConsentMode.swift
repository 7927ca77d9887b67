/// One Google Consent Mode state: granted, denied or not set.
package enum ConsentModeState: String, Equatable, Sendable {
    case granted, denied
    case notSet = "not_set"
}

/// Google Consent Mode `gcs` hit parameter: `G1xy`, x = ad_storage, y = analytics_storage,
/// `1` granted, `0` denied, `-` no state. Community-documented (consent-signals.md §5).
package struct GCSValue: Equatable, Sendable {
    package var adStorage: ConsentModeState
    package var analyticsStorage: ConsentModeState

    package init(decoding text: Substring) throws(ConsentDecodeError) {
        let c = Array(text.unicodeScalars)
        func state(_ s: Unicode.Scalar) -> ConsentModeState? {
            switch s { case "1": .granted; case "0": .denied; case "-": .notSet; default: nil }
        }
        guard c.count == 4, c[0] == "G", c[1] == "1", let ad = state(c[2]), let analytics = state(c[3]) else {
            throw ConsentDecodeError(.malformed, "gcs must match G1[01-][01-]")
        }
        adStorage = ad
        analyticsStorage = analytics
    }

    package var json: ConsentJSON {
        .object(["ad_storage": .string(adStorage.rawValue), "analytics_storage": .string(analyticsStorage.rawValue)])
    }
}

/// Google Consent Mode `gcd` hit parameter: `1` + 4 x (digit + letter) + tail, signals in the order
/// ad_storage, analytics_storage, ad_user_data, ad_personalization.
///
/// Only the nine letters of the published table are accepted (l p q r t u v m n); other letters
/// are an error, not a guess. The digits and the tail have no verified meaning: kept, never used.
package struct GCDValue: Equatable, Sendable {
    package struct Signal: Equatable, Sendable {
        package var letter: Character
        package var `default`: ConsentModeState
        package var update: ConsentModeState
        /// The update when set, else the default.
        package var effective: ConsentModeState { update == .notSet ? self.default : update }

        var json: ConsentJSON {
            .object(["letter": .string(String(letter)), "default": .string(self.default.rawValue),
                     "update": .string(update.rawValue), "effective": .string(effective.rawValue)])
        }
    }

    package var adStorage: Signal
    package var analyticsStorage: Signal
    package var adUserData: Signal
    package var adPersonalization: Signal
    package var tail: String

    static let maxLength = 64

    package init(decoding text: Substring) throws(ConsentDecodeError) {
        let c = Array(text.unicodeScalars)
        let shape = ConsentDecodeError(.malformed, "gcd must look like 1<d><L><d><L><d><L><d><L><tail>")
        guard c.count >= 9, c.count <= GCDValue.maxLength, c[0] == "1" else { throw shape }
        var signals: [Signal] = []
        for i in 0..<4 {
            let digit = c[1 + 2 * i], letter = c[2 + 2 * i]
            guard ("0"..."9").contains(digit), letter.properties.isAlphabetic, letter.isASCII else { throw shape }
            guard let (d, u) = GCDValue.table(letter) else {
                throw ConsentDecodeError(.malformed, "unknown gcd state letter '\(letter)'", offset: 2 + 2 * i)
            }
            signals.append(Signal(letter: Character(letter), default: d, update: u))
        }
        let tailScalars = c[9...]
        guard tailScalars.allSatisfy({ Base64URLBits.value(of: $0) != nil }) else { throw shape }
        adStorage = signals[0]
        analyticsStorage = signals[1]
        adUserData = signals[2]
        adPersonalization = signals[3]
        var t = ""
        t.unicodeScalars.append(contentsOf: tailScalars)
        tail = t
    }

    /// The published letter table (default, update).
    private static func table(_ letter: Unicode.Scalar) -> (ConsentModeState, ConsentModeState)? {
        switch letter {
        case "l": (.notSet, .notSet)
        case "p": (.denied, .notSet)
        case "q": (.denied, .denied)
        case "r": (.denied, .granted)
        case "t": (.granted, .notSet)
        case "u": (.granted, .denied)
        case "v": (.granted, .granted)
        case "m": (.notSet, .denied)
        case "n": (.notSet, .granted)
        default: nil
        }
    }

    package var json: ConsentJSON {
        .object([
            "ad_storage": adStorage.json, "analytics_storage": analyticsStorage.json,
            "ad_user_data": adUserData.json, "ad_personalization": adPersonalization.json, "tail": .string(tail),
        ])
    }
}
