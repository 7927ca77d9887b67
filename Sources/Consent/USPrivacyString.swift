/// An IAB US Privacy string (CCPA, "uspv1"): exactly `^1[YN-]{3}$`.
///
/// Spec: IAB USPrivacy "US Privacy String" (consent-signals.md §3). Lower case, spaces, other
/// versions and other lengths are errors (the spec's enum values are upper case only).
package struct USPrivacyString: Equatable, Sendable {
    package var version: Int
    /// Notice and opportunity to opt out given: `Y`, `N` or `-`.
    package var notice: Character
    /// User opted out of sale: `Y`, `N` or `-`.
    package var optOutSale: Character
    /// Transaction covered by the IAB LSPA: `Y`, `N` or `-`.
    package var lspaCovered: Character

    package init(decoding text: Substring) throws(ConsentDecodeError) {
        let chars = Array(text)
        guard chars.count == 4 else {
            throw ConsentDecodeError(.badLength, "US Privacy string must be exactly 4 characters")
        }
        guard chars[0] == "1" else {
            throw ConsentDecodeError(.unsupportedVersion, "unsupported US Privacy version '\(chars[0])'", offset: 0)
        }
        for i in 1..<4 where !"YN-".contains(chars[i]) {
            throw ConsentDecodeError(.invalidCharacter, "invalid US Privacy character '\(chars[i])'", offset: i)
        }
        version = 1
        notice = chars[1]
        optOutSale = chars[2]
        lspaCovered = chars[3]
    }

    /// False only for `1---` (CCPA does not apply).
    package var ccpaApplies: Bool { !(notice == "-" && optOutSale == "-" && lspaCovered == "-") }
    package var saleOptedOut: Bool { optOutSale == "Y" }

    package var json: ConsentJSON {
        .object([
            "version": .int(version), "notice": .string(String(notice)), "optOutSale": .string(String(optOutSale)),
            "lspaCovered": .string(String(lspaCovered)), "ccpaApplies": .bool(ccpaApplies),
            "saleOptedOut": .bool(saleOptedOut),
        ])
    }
}
