extension InBandSignals {
    /// Extracts the in-band consent signals of one request (or one event of a batch).
    ///
    /// - `body`: the parsed JSON body (or event). Walked recursively (depth <= 16); string values
    ///   that are themselves JSON objects/arrays (Meta form `data=`) are parsed and walked.
    ///   Recognised keys: `consent.ad_user_data` / `adUserData`, `consent.ad_personalization` /
    ///   `adPersonalization` (GA4 MP, Google Ads, Data Manager), `categoryPreferences` (Segment),
    ///   `data_processing_options` (Meta; Reddit's object with `modes`), `limited_data_use` (TikTok),
    ///   `gcs`, `gcd`, and the vendor keys of `vendorClaims` (`adStorageConsent`, `opt_out`,
    ///   `non_personalized_ads`, `consentManagement`, `consent_state`, `legalConsentOptions`,
    ///   `email_subscribe`, `push_subscribe`).
    /// - `query`: decoded URL/form parameters; `gcs`, `gcd`, `npa` are read.
    /// - `headers`: request headers; `Sec-GPC: 1` sets `gpc`.
    /// Several values for one signal combine to the most restrictive (denied beats granted). Values
    /// that do not decode are ignored.
    package static func extract(body: ConsentJSON?, query: [(name: String, value: String)] = [],
                                headers: [(name: String, value: String)] = []) -> InBandSignals {
        var s = InBandSignals()
        if let body { s.walk(body, key: nil, depth: 0) }
        for (name, value) in query { s.take(scalarKey: name, value: value) }
        for (name, value) in headers where name.lowercased() == "sec-gpc" {
            if value.trimmingWhitespace() == "1" { s.gpc = true }
        }
        return s
    }

    /// The keys `extract` reads in a body (nested JSON strings included).
    private static let bodyKeys: [[UInt8]] = [
        "gcs", "gcd", "ad_user_data", "adUserData", "ad_personalization", "adPersonalization", "categoryPreferences",
        "data_processing_options", "limited_data_use", "adStorageConsent", "opt_out", "non_personalized_ads",
        "consentManagement", "consent_state", "legalConsentOptions", "email_subscribe", "push_subscribe",
    ].map { Array($0.utf8) }

    /// Whether a byte starts one of `bodyKeys` (the prefilter compares keys only there).
    private static let keyStarts: [Bool] = (0..<256).map { b in bodyKeys.contains { $0[0] == UInt8(b) } }

    /// False when a JSON body cannot carry a signal `extract` reads: none of its keys appears in the
    /// bytes and no `\u` escape could spell one. Lets callers skip parsing most bodies (the answer
    /// is the same: such a body gives no signal).
    package static func bodyMayCarrySignals(_ body: [UInt8]) -> Bool {
        body.withUnsafeBufferPointer { b in
            // One pass: only positions whose byte starts a key (or a backslash) are compared.
            for i in b.indices {
                if b[i] == UInt8(ascii: "\\") {
                    if i + 1 < b.count, b[i + 1] == UInt8(ascii: "u") { return true }
                } else if keyStarts[Int(b[i])] {
                    for key in bodyKeys where key[0] == b[i] && i + key.count <= b.count {
                        if key.indices.allSatisfy({ b[i + $0] == key[$0] }) { return true }
                    }
                }
            }
            return false
        }
    }

    private mutating func walk(_ v: ConsentJSON, key: String?, depth: Int) {
        guard depth <= 16 else { return }
        switch v {
        case .object(let o):
            for (k, x) in o {
                switch k {
                case "categoryPreferences":
                    if case .object(let prefs) = x {
                        for (name, value) in prefs {
                            guard case .bool(let b) = value else { continue }
                            categoryPreferences[name] = (categoryPreferences[name] ?? true) && b
                        }
                    }
                case "data_processing_options":
                    // Meta: ["LDU"]; Reddit v3: {"modes": ["LDU"], "country": ..., "region": ...}.
                    let list = x.arrayValue ?? x["modes"]?.arrayValue
                    if let list {
                        dataProcessingOptions = (dataProcessingOptions ?? []) + list.compactMap(\.stringValue)
                    }
                case "limited_data_use":
                    if case .bool(let b) = x { limitedDataUse = (limitedDataUse ?? false) || b }
                case "adStorageConsent":   // Microsoft UET CAPI, mirrors the UET tag's asc
                    if case .string(let t) = x {
                        claim(.advertising, t == "G" ? .granted : t == "D" ? .denied : nil, "adStorageConsent", t)
                    }
                case "opt_out":   // Meta, Pinterest (per event), Reddit v2 (user): opted out of ads tracking
                    if case .bool(true) = x { claim(.advertising, .denied, "opt_out", "true") }
                case "non_personalized_ads":   // GA4 Measurement Protocol
                    if case .bool(true) = x { claim(.personalization, .denied, "non_personalized_ads", "true") }
                case "consentManagement":   // RudderStack
                    rudderStackConsent(x)
                case "consent_state":   // mParticle
                    mParticleConsent(x)
                case "legalConsentOptions":   // HubSpot forms
                    hubSpotConsent(x["consent"])
                case "email_subscribe", "push_subscribe":   // Braze
                    if case .string(let t) = x {
                        claim(.marketing, t == "opted_in" ? .granted : t == "unsubscribed" ? .denied : nil, k, t)
                    }
                default:
                    walk(x, key: k, depth: depth + 1)
                }
            }
        case .array(let a):
            for x in a { walk(x, key: key, depth: depth + 1) }
        case .string(let text):
            let t = text.trimmingWhitespace()
            if (t.hasPrefix("{") || t.hasPrefix("[")) && t.utf8.count <= 1 << 20, let inner = try? ConsentJSON.parse(t) {
                walk(inner, key: key, depth: depth + 1)
            } else if let key {
                take(scalarKey: key, value: text)
            }
        case .null, .bool, .int, .double:
            break
        }
    }

    private mutating func take(scalarKey key: String, value: String) {
        switch key {
        case "ad_user_data", "adUserData":
            adUserData = InBandSignals.stricter(adUserData, InBandSignals.state(value))
        case "ad_personalization", "adPersonalization":
            adPersonalization = InBandSignals.stricter(adPersonalization, InBandSignals.state(value))
        case "gcs":
            if case .gcs(let g)? = ConsentSignalDecoder.decode(value, as: .gcs).signal { gcs = g }
        case "gcd":
            if case .gcd(let g)? = ConsentSignalDecoder.decode(value, as: .gcd).signal { gcd = g }
        case "npa":   // Google hits: non-personalised ads requested
            if value == "1" { claim(.personalization, .denied, "npa", value) }
        default:
            break
        }
    }

    private mutating func claim(_ purpose: ConsentPurpose, _ decision: PurposeDecision?, _ signal: String, _ wire: String) {
        guard let decision else { return }
        vendorClaims.append(Claim(purpose: purpose, decision: decision, signal: signal, wireValue: wire))
    }

    /// `{"allowedConsentIds": ["C0002", ...], "deniedConsentIds": [...]}` (ids as strings, or objects
    /// with a `consent` id); ids that name no purpose (necessary, functional) are skipped.
    private mutating func rudderStackConsent(_ v: ConsentJSON) {
        for (key, decision) in [("allowedConsentIds", PurposeDecision.granted), ("deniedConsentIds", .denied)] {
            for item in v[key]?.arrayValue ?? [] {
                guard let id = item.stringValue ?? item["consent"]?.stringValue,
                      let purpose = InBandSignals.purpose(ofCategory: id) else { continue }
                claim(purpose, decision, "consentManagement." + key, id)
            }
        }
    }

    /// `{"gdpr": {"<purpose>": {"consented": bool}}, "ccpa": {"data_sale_opt_out": {"consented": bool}}}`.
    private mutating func mParticleConsent(_ v: ConsentJSON) {
        for (name, state) in (v["gdpr"]?.objectValue ?? [:]).sorted(by: { $0.key < $1.key }) {
            guard let purpose = InBandSignals.purpose(ofCategory: name), case .bool(let b)? = state["consented"] else { continue }
            claim(purpose, b ? .granted : .denied, "consent_state.gdpr." + name, "consented: \(b)")
        }
        if case .bool(let optedOut)? = v["ccpa"]?["data_sale_opt_out"]?["consented"] {
            claim(.saleShare, optedOut ? .denied : .granted, "consent_state.ccpa.data_sale_opt_out", "consented: \(optedOut)")
        }
    }

    /// `{"consentToProcess": bool, "communications": [{"value": bool, "subscriptionTypeId": n}]}`: one
    /// subscription ticked is marketing granted, none ticked (or no consent to process) is denied.
    private mutating func hubSpotConsent(_ v: ConsentJSON?) {
        guard let v else { return }
        if case .bool(false)? = v["consentToProcess"] {
            claim(.marketing, .denied, "legalConsentOptions.consentToProcess", "false")
            return
        }
        let ticked = (v["communications"]?.arrayValue ?? []).compactMap { item -> Bool? in
            if case .bool(let b)? = item["value"] { return b }
            return nil
        }
        guard !ticked.isEmpty else { return }
        let any = ticked.contains(true)
        claim(.marketing, any ? .granted : .denied, "legalConsentOptions.communications", any ? "true" : "false")
    }

    private static func stricter(_ a: ConsentModeState?, _ b: ConsentModeState?) -> ConsentModeState? {
        guard let a else { return b }
        guard let b else { return a }
        if a == .denied || b == .denied { return .denied }
        if a == .granted || b == .granted { return .granted }
        return .notSet
    }
}
