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

    @Test("the body prefilter never hides a signal: skipped bodies give none, kept ones decide as before")
    func prefilter() throws {
        let bodies = [
            #"{"client_id":"1.2","consent":{"ad_user_data":"GRANTED"}}"#, #"{"events":[{"name":"purchase"}]}"#,
            #"{"data":["{\"data_processing_options\":[\"LDU\"]}"]}"#, #"{"\u0067cs":"G100"}"#, #"{"gcs":"G100"}"#,
            #"{"context":{"consent":{"categoryPreferences":{"ads":false}}}}"#, #"{"limited_data_use":true}"#,
            #"{"adPersonalization":"DENIED"}"#, #"{"x":"gc","y":"ad_user","z":"\\n"}"#, "{}",
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
