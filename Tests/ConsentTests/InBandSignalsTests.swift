import Testing
@testable import Consent

@Suite("InBandSignals")
struct InBandSignalsTests {
    @Test("GA4 MP consent object, gcs/gcd query parameters and Sec-GPC header")
    func basics() throws {
        let body = try ConsentJSON.parse(#"{"client_id":"1.2","consent":{"ad_user_data":"GRANTED","ad_personalization":"DENIED"}}"#)
        let s = InBandSignals.extract(body: body, query: [("gcs", "G101"), ("gcd", "13r3r3r3r5")], headers: [("Sec-GPC", "1")])
        #expect(s.adUserData == .granted && s.adPersonalization == .denied)
        #expect(s.gcs?.adStorage == .denied && s.gcd?.adUserData.effective == .granted)
        #expect(s.gpc == true)
        // ad_user_data GRANTED + gcs ad_storage denied + gcd granted: denied wins for advertising.
        #expect(s.purposes[.advertising] == .denied)
        #expect(s.purposes[.saleShare] == .denied)
    }

    @Test("Meta LDU inside a form data= JSON string; explicit [] is not LDU")
    func metaLDU() throws {
        let body = ConsentJSON.object(["data": .string(#"["{\"event_name\":\"Purchase\",\"data_processing_options\":[\"LDU\"]}"]"#)])
        #expect(InBandSignals.extract(body: body).limitsDataUse)
        let off = try ConsentJSON.parse(#"{"data":[{"data_processing_options":[]}]}"#)
        #expect(!InBandSignals.extract(body: off).limitsDataUse)
        #expect(InBandSignals.extract(body: try ConsentJSON.parse(#"{"data":[{"limited_data_use":true}]}"#)).limitsDataUse)
    }

    @Test("vendor statements: Microsoft, opt_out, GA4 npa, RudderStack, mParticle, HubSpot, Braze, Reddit LDU")
    func vendorStatements() throws {
        func purposes(_ json: String, query: [(name: String, value: String)] = []) throws -> [ConsentPurpose: PurposeDecision] {
            InBandSignals.extract(body: try ConsentJSON.parse(json), query: query).purposes
        }
        #expect(try purposes(#"{"data":[{"adStorageConsent":"D","userData":{}}]}"#) == [.advertising: .denied])
        #expect(try purposes(#"{"data":[{"adStorageConsent":"G"}]}"#) == [.advertising: .granted])
        #expect(try purposes(#"{"data":[{"adStorageConsent":"maybe"}]}"#).isEmpty)
        #expect(try purposes(#"{"data":[{"opt_out":true}]}"#) == [.advertising: .denied])
        #expect(try purposes(#"{"data":[{"opt_out":false}]}"#).isEmpty)   // no opt-out is not consent
        #expect(try purposes(#"{"non_personalized_ads":true}"#) == [.personalization: .denied])
        #expect(try purposes("{}", query: [("npa", "1")]) == [.personalization: .denied])
        #expect(try purposes("{}", query: [("npa", "0")]).isEmpty)
        // RudderStack: OneTrust's default ids and category names; necessary/functional name no purpose.
        #expect(try purposes(#"{"context":{"consentManagement":{"provider":"oneTrust","allowedConsentIds":["C0001","C0002"],"deniedConsentIds":["C0004","C0003"]}}}"#)
                == [.analytics: .granted, .advertising: .denied])
        #expect(try purposes(#"{"context":{"consentManagement":{"allowedConsentIds":[{"consent":"Marketing"}]}}}"#) == [.marketing: .granted])
        // mParticle: GDPR purposes by name; CCPA data_sale_opt_out consented = the person opted out.
        #expect(try purposes(#"{"consent_state":{"gdpr":{"marketing":{"consented":true},"location_collection":{"consented":false}},"ccpa":{"data_sale_opt_out":{"consented":true}}}}"#)
                == [.marketing: .granted, .saleShare: .denied])
        // HubSpot forms: one subscription ticked is marketing granted; none, or no consent to process, denied.
        #expect(try purposes(#"{"legalConsentOptions":{"consent":{"consentToProcess":true,"communications":[{"value":false,"subscriptionTypeId":1},{"value":true,"subscriptionTypeId":2}]}}}"#)
                == [.marketing: .granted])
        #expect(try purposes(#"{"legalConsentOptions":{"consent":{"consentToProcess":true,"communications":[{"value":false,"subscriptionTypeId":1}]}}}"#)
                == [.marketing: .denied])
        #expect(try purposes(#"{"legalConsentOptions":{"consent":{"consentToProcess":false,"communications":[{"value":true}]}}}"#)
                == [.marketing: .denied])
        #expect(try purposes(#"{"legalConsentOptions":{"legitimateInterest":{"value":true}}}"#).isEmpty)
        // Braze subscription states: only the explicit ones say something.
        #expect(try purposes(#"{"attributes":[{"email_subscribe":"opted_in"},{"push_subscribe":"unsubscribed"}]}"#) == [.marketing: .denied])
        #expect(try purposes(#"{"attributes":[{"email_subscribe":"subscribed"}]}"#).isEmpty)
        // Reddit v3 limited data use: an object with modes.
        let reddit = InBandSignals.extract(body: try ConsentJSON.parse(#"{"data":{"events":[{"user":{"data_processing_options":{"modes":["LDU"],"country":"US","region":"US-CA"}}}]}}"#))
        #expect(reddit.limitsDataUse && reddit.purposes == [.saleShare: .denied])
        // Claims come out in a fixed order whatever the order of the members.
        let a = InBandSignals.extract(body: try ConsentJSON.parse(#"{"x":{"adStorageConsent":"G"},"y":{"opt_out":true},"z":{"email_subscribe":"opted_in"}}"#))
        #expect(a.claims.map(\.signal) == ["adStorageConsent", "email_subscribe", "opt_out"])
    }

    @Test("the body prefilter never hides a signal: skipped bodies give none, kept ones decide as before")
    func prefilter() throws {
        let bodies = [
            #"{"client_id":"1.2","consent":{"ad_user_data":"GRANTED"}}"#, #"{"events":[{"name":"purchase"}]}"#,
            #"{"data":["{\"data_processing_options\":[\"LDU\"]}"]}"#, #"{"\u0067cs":"G100"}"#, #"{"gcs":"G100"}"#,
            #"{"context":{"consent":{"categoryPreferences":{"ads":false}}}}"#, #"{"limited_data_use":true}"#,
            #"{"adPersonalization":"DENIED"}"#, #"{"x":"gc","y":"ad_user","z":"\\n"}"#, "{}",
            #"{"adStorageConsent":"D"}"#, #"{"opt_out":true}"#, #"{"non_personalized_ads":true}"#,
            #"{"consentManagement":{"deniedConsentIds":["C0004"]}}"#, #"{"consent_state":{"ccpa":{"data_sale_opt_out":{"consented":true}}}}"#,
            #"{"legalConsentOptions":{"consent":{"consentToProcess":false}}}"#, #"{"email_subscribe":"unsubscribed"}"#,
            #"{"push_subscribe":"opted_in"}"#, #"{"opt":"out","push":"subscribe"}"#,
        ]
        for text in bodies {
            let bytes = Array(text.utf8)
            let full = InBandSignals.extract(body: try ConsentJSON.parse(text))
            if !InBandSignals.bodyMayCarrySignals(bytes) {
                #expect(full == InBandSignals(), "\(text)")
            }
        }
        #expect(!InBandSignals.bodyMayCarrySignals(Array(#"{"events":[{"name":"purchase"}]}"#.utf8)))
        #expect(!InBandSignals.bodyMayCarrySignals(Array(#"{"x":"gc","y":"ad_user","z":"\\n"}"#.utf8)))
        #expect(InBandSignals.bodyMayCarrySignals(Array(#"{"\u0067cs":"G100"}"#.utf8)))
        #expect(InBandSignals.bodyMayCarrySignals(Array(#"{"gcd":"13"}"#.utf8)))
        #expect(InBandSignals.bodyMayCarrySignals(Array(#"{"push_subscribe":"opted_in"}"#.utf8)))
        #expect(!InBandSignals.bodyMayCarrySignals(Array(#"{"opt":"out","push":"subscribe"}"#.utf8)))
        #expect(!InBandSignals.bodyMayCarrySignals([]))
    }

    @Test("undecodable values are ignored")
    func junk() throws {
        let s = InBandSignals.extract(body: try ConsentJSON.parse(#"{"consent":{"ad_user_data":"MAYBE"},"gcs":"G9"}"#),
                                      headers: [("sec-gpc", "0")])
        #expect(s == InBandSignals())
        #expect(s.claims.isEmpty)
    }

    /// The shared SDK captures list, per request, the in-band consent values a correct extractor
    /// finds (`inband_consent` in `*.truth.jsonl`).
    @Test("matches the in-band consent listed in the shared capture truth", arguments: SharedCaptureMatchingTests.captures)
    func sharedTruth(capture: String) throws {
        guard let truth = SharedCaptureMatchingTests.load(capture + ".truth.jsonl") else { return }
        var checked = 0
        for line in truth.split(separator: "\n") where !line.isEmpty {
            let t = try ConsentJSON.parse(String(line))
            var query: [(name: String, value: String)] = []
            for (k, v) in t["query_decoded"]?.objectValue ?? [:] { if let s = v.stringValue { query.append((k, s)) } }
            let headers: [(name: String, value: String)] = (t["headers"]?.arrayValue ?? []).compactMap {
                guard let pair = $0.arrayValue, pair.count == 2, let n = pair[0].stringValue, let v = pair[1].stringValue else { return nil }
                return (n, v)
            }
            let s = InBandSignals.extract(body: t["body"], query: query, headers: headers)
            let expected = t["inband_consent"]?.arrayValue ?? []
            if expected.isEmpty {
                #expect(s.claims.isEmpty, "\(capture) seq \(t["seq"]?.intValue ?? -1): unexpected \(s.claims)")
                continue
            }
            var prefs: [String: Bool] = [:]
            for e in expected {
                let path = try #require(e["path"]?.stringValue)
                let value = try #require(e["value"])
                if path.hasSuffix(".ad_user_data") {
                    #expect(s.adUserData == InBandSignals.state(value.stringValue ?? ""), "\(capture): \(path)")
                } else if path.hasSuffix(".ad_personalization") {
                    #expect(s.adPersonalization == InBandSignals.state(value.stringValue ?? ""), "\(capture): \(path)")
                } else if path.contains("data_processing_options[") {
                    #expect(s.limitsDataUse == (value.stringValue == "LDU"), "\(capture): \(path)")
                } else if let r = path.range(of: "categoryPreferences.") {
                    let name = String(path[r.upperBound...])
                    prefs[name] = (prefs[name] ?? true) && (value.boolValue ?? true)
                }
                checked += 1
            }
            #expect(s.categoryPreferences == prefs, "\(capture) seq \(t["seq"]?.intValue ?? -1)")
        }
        if ["ga4_mp", "segment", "facebook_business", "plaintext_http", "http2"].contains(capture) {
            #expect(checked > 0, "\(capture): no in-band consent checked")
        }
    }
}
