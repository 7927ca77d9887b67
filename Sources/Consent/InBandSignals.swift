/// Consent signals carried in the forwarded payload itself.
///
/// Sources: GA4 Measurement Protocol / Google Ads `consent.ad_user_data` and
/// `consent.ad_personalization`; Google hit parameters `gcs` and `gcd`; Meta
/// `data_processing_options` (`["LDU"]`), Reddit `data_processing_options.modes`, TikTok
/// `limited_data_use`; the `Sec-GPC: 1` header; and the vendor statements kept in `vendorClaims`.
/// `purposes` maps them onto `ConsentPurpose` (denied beats granted):
/// ad_user_data / gcs ad_storage / gcd ad_storage+ad_user_data -> advertising;
/// ad_personalization / gcd ad_personalization -> personalization;
/// gcs/gcd analytics_storage -> analytics; GPC or LDU -> sale_share denied.
package struct InBandSignals: Equatable, Sendable {
    package var adUserData: ConsentModeState?
    package var adPersonalization: ConsentModeState?
    package var gcs: GCSValue?
    package var gcd: GCDValue?
    /// Meta `data_processing_options` as sent (`[]` explicitly disables LDU).
    package var dataProcessingOptions: [String]?
    /// TikTok `limited_data_use` or another vendor's limited-data-use flag.
    package var limitedDataUse: Bool?
    /// `Sec-GPC: 1` seen on the request (or forwarded by the sender).
    package var gpc: Bool?
    /// Segment `context.consent.categoryPreferences` (and similar CMP category maps), as sent.
    package var categoryPreferences: [String: Bool] = [:]
    /// Other vendors' in-band statements, in the order found: Microsoft UET `adStorageConsent`
    /// (`G`/`D`: advertising), `opt_out: true` (Meta, Pinterest, Reddit v2: advertising denied), GA4
    /// `non_personalized_ads: true` and Google `npa=1` (personalization denied), RudderStack
    /// `consentManagement` allowed/denied ids (category names, or OneTrust's default ids C0002
    /// performance -> analytics and C0004 targeting -> advertising), mParticle `consent_state`
    /// (`gdpr.<purpose>.consented`; `ccpa.data_sale_opt_out.consented: true` -> sale_share denied),
    /// HubSpot `legalConsentOptions` (a subscription ticked -> marketing granted, none ticked or
    /// `consentToProcess: false` -> denied), Braze `email_subscribe`/`push_subscribe` (`opted_in` /
    /// `unsubscribed` -> marketing).
    package var vendorClaims: [Claim] = []

    package init(adUserData: ConsentModeState? = nil, adPersonalization: ConsentModeState? = nil, gcs: GCSValue? = nil,
                 gcd: GCDValue? = nil, dataProcessingOptions: [String]? = nil, limitedDataUse: Bool? = nil, gpc: Bool? = nil) {
        self.adUserData = adUserData
        self.adPersonalization = adPersonalization
        self.gcs = gcs
        self.gcd = gcd
        self.dataProcessingOptions = dataProcessingOptions
        self.limitedDataUse = limitedDataUse
        self.gpc = gpc
    }

    /// Parses `GRANTED`/`DENIED` (any case, also `CONSENT_GRANTED`); anything else is nil.
    package static func state(_ text: String) -> ConsentModeState? {
        switch text.uppercased() {
        case "GRANTED", "CONSENT_GRANTED": .granted
        case "DENIED", "CONSENT_DENIED": .denied
        default: nil
        }
    }

    /// True when the payload asks the vendor to limit processing (Meta LDU, TikTok limited_data_use).
    package var limitsDataUse: Bool {
        (dataProcessingOptions?.contains { $0.uppercased() == "LDU" } ?? false) || limitedDataUse == true
    }

    /// One in-band statement about a purpose, with the wire name that made it (for reasons).
    package struct Claim: Equatable, Sendable {
        package var purpose: ConsentPurpose
        package var decision: PurposeDecision
        package var signal: String
        package var wireValue: String
    }

    package var claims: [Claim] {
        var out: [Claim] = []
        func add(_ p: ConsentPurpose, _ s: ConsentModeState?, _ signal: String) {
            switch s {
            case .granted?: out.append(Claim(purpose: p, decision: .granted, signal: signal, wireValue: "GRANTED"))
            case .denied?: out.append(Claim(purpose: p, decision: .denied, signal: signal, wireValue: "DENIED"))
            case .notSet?, nil: break
            }
        }
        add(.advertising, adUserData, "ad_user_data")
        add(.personalization, adPersonalization, "ad_personalization")
        if let gcs {
            add(.advertising, gcs.adStorage, "gcs ad_storage")
            add(.analytics, gcs.analyticsStorage, "gcs analytics_storage")
        }
        if let gcd {
            add(.advertising, gcd.adStorage.effective, "gcd ad_storage")
            add(.advertising, gcd.adUserData.effective, "gcd ad_user_data")
            add(.personalization, gcd.adPersonalization.effective, "gcd ad_personalization")
            add(.analytics, gcd.analyticsStorage.effective, "gcd analytics_storage")
        }
        for name in categoryPreferences.keys.sorted() {
            guard let p = InBandSignals.purpose(ofCategory: name) else { continue }
            let granted = categoryPreferences[name]!
            out.append(Claim(purpose: p, decision: granted ? .granted : .denied,
                             signal: "categoryPreferences.\(name)", wireValue: granted ? "true" : "false"))
        }
        // Sorted: a JSON object's members are walked in no fixed order.
        out += vendorClaims.sorted { ($0.signal, $0.wireValue, $0.purpose.rawValue) < ($1.signal, $1.wireValue, $1.purpose.rawValue) }
        if gpc == true { out.append(Claim(purpose: .saleShare, decision: .denied, signal: "Sec-GPC", wireValue: "1")) }
        if limitsDataUse {
            out.append(Claim(purpose: .saleShare, decision: .denied, signal: "limited data use (LDU)", wireValue: "on"))
        }
        return out
    }

    /// The purpose a CMP category name (or OneTrust default category id) stands for (case-insensitive),
    /// nil for categories that need no consent purpose here (functional, necessary, ...).
    package static func purpose(ofCategory name: String) -> ConsentPurpose? {
        switch name.lowercased() {
        case "c0002": .analytics     // OneTrust's default category ids: performance
        case "c0004": .advertising   // targeting
        case "advertising", "ads", "targeting", "ad_storage": .advertising
        case "analytics", "performance", "statistics", "measurement": .analytics
        case "marketing": .marketing
        case "personalization", "personalisation": .personalization
        case "sale_share", "sale", "share": .saleShare
        default: nil
        }
    }

    /// The combined in-band decision per purpose (denied beats granted).
    package var purposes: [ConsentPurpose: PurposeDecision] {
        var out: [ConsentPurpose: PurposeDecision] = [:]
        for c in claims where out[c.purpose] != .denied { out[c.purpose] = c.decision }
        return out
    }
}
