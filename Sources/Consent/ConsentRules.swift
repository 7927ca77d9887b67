/// The feed record must allow every required purpose: granted under opt_in; not denied under
/// opt_out. Under opt_out, a sale/share opt-out is honoured when the payload asks the vendor to
/// limit data use (Meta LDU, TikTok limited_data_use): the vendor then acts as service provider.
package struct RecordPurposesRule: ConsentRule {
    package var name: String { "record_purposes" }
    package init() {}

    package func evaluate(_ input: ConsentRuleInput) -> ConsentRuleResult {
        guard let record = input.record else { return .pass(notes: []) }
        var reasons: [String] = []
        var notes: [String] = []
        for p in input.required {
            let state = record.purposes[p] ?? .unknown
            let via = state.origin == "feed" ? "" : " (from its \(state.origin) signal)"
            switch state.decision {
            case .granted:
                notes.append("\(p.rawValue) needed; \(record.phrase) granted it\(via)")
            case .denied:
                if p == .saleShare && input.regime == .optOut && input.inBand.limitsDataUse {
                    notes.append("sale_share needed; \(record.phrase) opted out\(via), but the payload flags limited data use, so the vendor processes as a service provider")
                } else {
                    reasons.append("\(p.rawValue) needed; \(record.phrase) denied it\(via)")
                }
            case .unknown:
                if input.unknownIsViolation {
                    reasons.append("\(p.rawValue) needed; \(record.phrase) does not grant it (\(input.regime.rawValue) requires consent)")
                } else {
                    notes.append("\(p.rawValue) needed; \(record.phrase) says nothing, allowed under \(input.regime.rawValue)")
                }
            }
        }
        return reasons.isEmpty ? .pass(notes: notes) : .violation(reasons: reasons, notes: notes)
    }
}

/// A Global Privacy Control signal on the request is a valid opt-out of sale/share (CCPA 11 CCR
/// §7025): forwarding to a category that needs sale_share is a violation under opt_out, unless the
/// payload asks the vendor to limit data use.
package struct GPCOptOutRule: ConsentRule {
    package var name: String { "gpc_opt_out" }
    package init() {}

    package func evaluate(_ input: ConsentRuleInput) -> ConsentRuleResult {
        guard input.inBand.gpc == true, input.required.contains(.saleShare) else { return .pass(notes: []) }
        if input.inBand.limitsDataUse {
            return .pass(notes: ["request carried Sec-GPC: 1 (opt-out of sale/share); the payload flags limited data use"])
        }
        return .violation(reasons: ["request carried Sec-GPC: 1 (opt-out of sale/share) but data was shared for \(input.category)"], notes: [])
    }
}

/// Reports contradictions between the in-band signals and the feed record (never changes the
/// verdict by itself): e.g. payload claims `ad_user_data: GRANTED` while the person denied
/// advertising, or the payload denies what the record granted.
package struct InBandContradictionRule: ConsentRule {
    package var name: String { "in_band_contradiction" }
    package init() {}

    package func evaluate(_ input: ConsentRuleInput) -> ConsentRuleResult {
        guard let record = input.record else {
            let granted = input.inBand.claims.filter { $0.decision == .granted && input.required.contains($0.purpose) }
            return .pass(notes: granted.map {
                "payload claims \($0.signal): \($0.wireValue) but there is no consent record to back it"
            })
        }
        var notes: [String] = []
        for claim in input.inBand.claims {
            let feed = record.decision(claim.purpose)
            guard feed != .unknown, claim.decision != feed else { continue }
            if claim.decision == .granted {
                notes.append("contradiction: payload claims \(claim.signal): \(claim.wireValue) while \(record.phrase) denied \(claim.purpose.rawValue)")
            } else {
                notes.append("contradiction: payload says \(claim.signal): \(claim.wireValue) while \(record.phrase) granted \(claim.purpose.rawValue)")
            }
        }
        return .pass(notes: notes)
    }
}

/// Notes in-band denials of a required purpose (the sender itself says the purpose is denied,
/// yet personal data was forwarded). A note, not a verdict: the vendor may honour the flag.
package struct InBandDenialRule: ConsentRule {
    package var name: String { "in_band_denial" }
    package init() {}

    package func evaluate(_ input: ConsentRuleInput) -> ConsentRuleResult {
        let denied = input.inBand.claims.filter {
            $0.decision == .denied && input.required.contains($0.purpose) && $0.purpose != .saleShare
        }
        return .pass(notes: denied.map {
            "payload itself says \($0.signal): \($0.wireValue) (\($0.purpose.rawValue) denied) yet personal data was sent"
        })
    }
}

extension AllOfConsentRules {
    /// The default rule set.
    package static let standard = AllOfConsentRules([
        RecordPurposesRule(), GPCOptOutRule(), InBandContradictionRule(), InBandDenialRule(),
    ])
}
