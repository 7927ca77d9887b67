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

/// When the record carries an IAB TCF v2 TC string (feed `signals.tcf`, or GPP `tcfeuv2`) and the
/// vendor has a GVL id, the string must give that vendor consent or legitimate interest, and no
/// publisher restriction of type 0 (not allowed) may cover the vendor. Applies under opt_in only.
package struct TCFVendorRule: ConsentRule {
    package var name: String { "tcf_vendor" }
    package init() {}

    package func evaluate(_ input: ConsentRuleInput) -> ConsentRuleResult {
        guard input.regime == .optIn, let vendor = input.tcfVendorId, let record = input.record,
              let (tc, origin) = TCFVendorRule.tcString(record.signals) else { return .pass(notes: []) }
        var reasons: [String] = []
        if !tc.vendorConsents.contains(vendor) && !tc.vendorLegitimateInterests.contains(vendor) {
            reasons.append("the \(origin) string in \(record.phrase) gives TCF vendor \(vendor) neither consent nor legitimate interest")
        }
        for r in tc.publisherRestrictions where r.restrictionType == 0 && r.vendorIds.contains(vendor) {
            reasons.append("the \(origin) string in \(record.phrase) forbids TCF purpose \(r.purposeId) for vendor \(vendor) (publisher restriction)")
        }
        return reasons.isEmpty ? .pass(notes: ["TCF vendor \(vendor) is allowed by the \(origin) string"])
                               : .violation(reasons: reasons, notes: [])
    }

    static func tcString(_ s: RecordSignals) -> (TCString, String)? {
        if case .tcf(let t)? = s.tcf { return (t, "tcf") }
        for section in s.gpp?.sections ?? [] { if case .tcfeuv2(let t) = section { return (t, "gpp.tcfeuv2") } }
        return nil
    }
}

extension AllOfConsentRules {
    /// The default rule set.
    package static let standard = AllOfConsentRules([
        RecordPurposesRule(), TCFVendorRule(), GPCOptOutRule(), InBandContradictionRule(), InBandDenialRule(),
    ])
}
