/// Maps decoded consent signals onto the feed's purposes. Denied beats granted across signals.
///
/// TCF v2 (purpose ids from the TCF policy; a purpose counts when its consent bit is set, or its
/// legitimate-interest bit for purposes 2, 7, 8, 9, 10 where TCF 2.2 allows LI):
/// - advertising     = P1 store/access + P2 basic ads + P7 measure ad performance
/// - personalization = P3 ad profile + P4 personalised ads
/// - analytics       = P1 + P8 measure content performance
/// - marketing, sale_share: not expressed by TCF (unknown)
/// TCF v1: advertising = purposes 1, 3 and 4 allowed; personalization = 3; analytics = 5.
/// US Privacy (CCPA applies): sale_share = denied when opted out, else granted.
/// GPP US sections: SaleOptOut/SharingOptOut 1 -> sale_share denied, 2 -> granted;
/// TargetedAdvertisingOptOut 1 -> advertising and personalization denied, 2 -> granted;
/// GPC sub-section true -> sale_share denied. GPP tcfeuv2 and uspv1 as above.
struct SignalPurposes {
    private(set) var states: [ConsentPurpose: PurposeState] = [:]

    mutating func set(_ p: ConsentPurpose, _ d: PurposeDecision, origin: String) {
        guard d != .unknown else { return }
        if let existing = states[p], existing.decision == .denied { return }
        if let existing = states[p], existing.decision == .granted, d == .granted { return }
        states[p] = PurposeState(d, origin: origin)
    }

    mutating func add(tcf t: TCString, origin: String) {
        let liAllowed: Set<Int> = [2, 7, 8, 9, 10]
        func ok(_ ids: Int...) -> PurposeDecision {
            ids.allSatisfy { t.purposeConsents.contains($0) || (liAllowed.contains($0) && t.purposeLegitimateInterests.contains($0)) }
                ? .granted : .denied
        }
        set(.advertising, ok(1, 2, 7), origin: origin)
        set(.personalization, ok(3, 4), origin: origin)
        set(.analytics, ok(1, 8), origin: origin)
    }

    mutating func add(tcfV1 t: TCFv1String, origin: String) {
        func ok(_ ids: Int...) -> PurposeDecision { ids.allSatisfy(t.purposesAllowed.contains) ? .granted : .denied }
        set(.advertising, ok(1, 3, 4), origin: origin)
        set(.personalization, ok(3), origin: origin)
        set(.analytics, ok(5), origin: origin)
    }

    mutating func add(usp u: USPrivacyString, origin: String) {
        guard u.ccpaApplies, u.optOutSale != "-" else { return }
        set(.saleShare, u.saleOptedOut ? .denied : .granted, origin: origin)
    }

    mutating func add(gpp g: GPPString) {
        for (name, section) in zip(g.sectionNames, g.sections) {
            let origin = "gpp." + name
            switch section {
            case .tcfeuv2(let t): add(tcf: t, origin: origin)
            case .uspv1(let u): add(usp: u, origin: origin)
            case .us(let s):
                for field in ["SaleOptOut", "SharingOptOut"] {
                    switch s.int(field) {
                    case 1?: set(.saleShare, .denied, origin: origin + "." + field)
                    case 2?: set(.saleShare, .granted, origin: origin + "." + field)
                    default: break
                    }
                }
                switch s.int("TargetedAdvertisingOptOut") {
                case 1?:
                    set(.advertising, .denied, origin: origin + ".TargetedAdvertisingOptOut")
                    set(.personalization, .denied, origin: origin + ".TargetedAdvertisingOptOut")
                case 2?:
                    set(.advertising, .granted, origin: origin + ".TargetedAdvertisingOptOut")
                    set(.personalization, .granted, origin: origin + ".TargetedAdvertisingOptOut")
                default: break
                }
                if s.gpc == true { set(.saleShare, .denied, origin: origin + ".Gpc") }
            case .undecoded: break
            }
        }
    }
}
