import Primitives
import Testing
@testable import Consent

@Suite("ConsentEvaluator and ConsentPolicy")
struct ConsentEvaluatorTests {
    static func t(_ s: String) -> Timestamp { Timestamp(rfc3339: s)! }

    static let feed = ConsentFeedParser.parse(lines: [
        // Ann (EU, opt-in): grants everything at 10:00, revokes advertising at 12:00.
        #"{"ts":"2026-11-28T10:00:00Z","subject":{"email":"ann@example.com"},"regime":"opt_in","purposes":{"analytics":true,"advertising":true,"personalization":true,"marketing":true,"sale_share":true},"source":"cmp"}"#,
        #"{"ts":"2026-11-28T12:00:00Z","subject":{"email":"ann@example.com"},"regime":"opt_in","purposes":{"analytics":true,"advertising":false},"source":"cmp"}"#,
        // Bob (opt-in) said only analytics.
        #"{"ts":"2026-11-28T10:00:00Z","subject":{"user_id":"bob"},"regime":"opt_in","purposes":{"analytics":true}}"#,
        // Cal (California, opt-out): opted out of sale via USP.
        #"{"ts":"2026-11-28T10:00:00Z","subject":{"phone":"+1 555 123 4567"},"regime":"opt_out","signals":{"usp":"1YYN"}}"#,
        // Dee (opt-out): no choice recorded.
        #"{"ts":"2026-11-28T10:00:00Z","subject":{"device_id":"dee"},"regime":"opt_out"}"#,
    ]).records
    static let timeline = ConsentTimeline(records: feed)
    static let ann = [SubjectIdentifier(.email, "ANN@example.com ")]
    static let bob = [SubjectIdentifier(.externalId, "bob")]
    static let cal = [SubjectIdentifier(.phone, "d6736136ea896c1bfdc553e0e86e702c70d060d805696ca3e4e9e0961353860a")]
    static let dee = [SubjectIdentifier(.deviceId, "dee")]
    static let nobody = [SubjectIdentifier(.fbp, "fb.1.2.3")]

    func judge(_ category: String, _ subjects: [[SubjectIdentifier]], at: String, inBand: InBandSignals = .init(),
               personal: Bool = true, evaluator: ConsentEvaluator = ConsentEvaluator()) -> ConsentVerdict {
        evaluator.evaluate(ConsentForward(category: category, time: Self.t(at), subjects: subjects,
                                          hasPersonalData: personal, inBand: inBand), timeline: Self.timeline)
    }

    @Test("feed parsed without problems")
    func feedOK() { #expect(Self.feed.count == 5) }

    @Test("opt_in: granted purpose -> allowed; after revocation -> violation with the purpose named")
    func optInChangeOfMind() {
        let before = judge("advertising_conversion", [Self.ann], at: "2026-11-28T11:00:00Z")
        #expect(before.verdict == .allowed)
        #expect(before.consent?.line == 1)
        let after = judge("advertising_conversion", [Self.ann], at: "2026-11-28T12:30:00Z")
        #expect(after.verdict == .violation)
        #expect(after.consent?.line == 2)
        #expect(after.reasons.contains { $0.contains("advertising needed") && $0.contains("denied") })
    }

    @Test("opt_in: a purpose the record is silent on is a violation; the granted one is allowed")
    func optInUnknown() {
        #expect(judge("analytics", [Self.bob], at: "2026-11-28T11:00:00Z").verdict == .allowed)
        let v = judge("crm_marketing_email", [Self.bob], at: "2026-11-28T11:00:00Z")
        #expect(v.verdict == .violation)
        #expect(v.reasons.contains { $0.contains("marketing needed") && $0.contains("opt_in requires consent") })
    }

    @Test("opt_out: opted out of sale (USP) -> violation for advertising, allowed for analytics")
    func optOutSale() {
        let v = judge("advertising_conversion", [Self.cal], at: "2026-11-28T11:00:00Z")
        #expect(v.verdict == .violation)
        #expect(v.reasons.contains { $0.contains("sale_share needed") && $0.contains("usp") })
        #expect(judge("analytics", [Self.cal], at: "2026-11-28T11:00:00Z").verdict == .allowed)
    }

    @Test("opt_out: Meta LDU in the payload honours the sale opt-out")
    func optOutLDU() {
        let v = judge("advertising_conversion", [Self.cal], at: "2026-11-28T11:00:00Z",
                      inBand: InBandSignals(dataProcessingOptions: ["LDU"]))
        #expect(v.verdict == .allowed)
        #expect(v.reasons.contains { $0.contains("limited data use") })
    }

    @Test("opt_out: silent record -> allowed; GPC on the request -> violation")
    func optOutGPC() {
        #expect(judge("advertising", [Self.dee], at: "2026-11-28T11:00:00Z").verdict == .allowed)
        let v = judge("advertising", [Self.dee], at: "2026-11-28T11:00:00Z", inBand: InBandSignals(gpc: true))
        #expect(v.verdict == .violation)
        #expect(v.reasons.contains { $0.contains("Sec-GPC") })
    }

    @Test("no record: no_consent_record, said to be a violation under opt_in; opt_out default says allowed")
    func noRecord() {
        let v = judge("advertising_conversion", [Self.nobody], at: "2026-11-28T11:00:00Z")
        #expect(v.verdict == .noConsentRecord)
        #expect(v.reasons.contains { $0.contains("violation under opt_in") })
        let lenient = judge("advertising_conversion", [Self.nobody], at: "2026-11-28T11:00:00Z",
                            evaluator: ConsentEvaluator(defaultRegime: .optOut))
        #expect(lenient.verdict == .noConsentRecord)
        #expect(lenient.subjects.first?.regime == .optOut)
        #expect(lenient.reasons.contains { $0.contains("allowed by default under opt_out") })
    }

    @Test("before the first record: no_consent_record mentioning the later record")
    func beforeFirstRecord() {
        let v = judge("analytics", [Self.ann], at: "2026-11-28T09:00:00Z")
        #expect(v.verdict == .noConsentRecord)
        #expect(v.reasons.contains { $0.contains("dated later") })
    }

    @Test("no personal data, and personal data without identifiers")
    func noPDAndUnattributed() {
        #expect(judge("advertising", [Self.ann], at: "2026-11-28T11:00:00Z", personal: false).verdict == .noPersonalData)
        #expect(judge("advertising", [], at: "2026-11-28T11:00:00Z").verdict == .unattributed)
        #expect(judge("advertising", [[]], at: "2026-11-28T11:00:00Z").verdict == .unattributed)
    }

    @Test("worst subject wins: violation > no_consent_record > allowed")
    func worstSubject() {
        let v = judge("analytics", [Self.ann, Self.nobody, Self.bob], at: "2026-11-28T13:00:00Z")
        #expect(v.verdict == .noConsentRecord)
        #expect(v.subjects.map(\.verdict) == [.allowed, .noConsentRecord, .allowed])
        let w = judge("advertising", [Self.ann, Self.nobody], at: "2026-11-28T13:00:00Z")
        #expect(w.verdict == .violation)
        #expect(w.reasons.contains { $0.hasPrefix("subject 1:") })
    }

    @Test("contradiction: payload claims ad_user_data GRANTED while the person denied advertising")
    func contradiction() {
        let v = judge("advertising_conversion", [Self.ann], at: "2026-11-28T12:30:00Z",
                      inBand: InBandSignals(adUserData: .granted, adPersonalization: .granted))
        #expect(v.verdict == .violation)
        #expect(v.reasons.contains { $0.contains("contradiction") && $0.contains("ad_user_data: GRANTED") && $0.contains("denied advertising") })
        // Consistent in-band denial is a note, not a contradiction.
        let d = judge("advertising_conversion", [Self.ann], at: "2026-11-28T12:30:00Z",
                      inBand: InBandSignals(gcs: try! GCSValue(decoding: "G101")))
        #expect(!d.reasons.contains { $0.contains("contradiction") })
        #expect(d.reasons.contains { $0.contains("gcs ad_storage: DENIED") })
    }

    @Test("verdict JSON carries verdict, subjects with redacted identifiers, consent and reasons")
    func json() throws {
        let v = judge("advertising_conversion", [Self.ann], at: "2026-11-28T12:30:00Z")
        let j = try ConsentJSON.parse(v.json)
        #expect(j["verdict"] == .string("violation"))
        #expect(j["consent"]?["line"] == .int(2))
        #expect(j["subjects"]?.arrayValue?.first?["verdict"] == .string("violation"))
        #expect(!v.json.contains("ann@"))
        #expect(!(j["reasons"]?.arrayValue?.isEmpty ?? true))
    }

    @Test("categories not in the policy fall back to their prefix, then to default")
    func categoryLookup() {
        let p = ConsentPolicy.embeddedDefault
        #expect(p.requiredPurposes(category: "advertising_retargeting", regime: .optIn).key == "advertising")
        #expect(p.requiredPurposes(category: "weird", regime: .optIn) == ([.analytics], "default"))
        #expect(p.requiredPurposes(category: "crm_support", regime: .optIn).purposes.isEmpty)
        #expect(judge("crm_support", [Self.nobody], at: "2026-11-28T11:00:00Z").verdict == .allowed)
    }

    @Test("a user policy overrides categories and the default regime")
    func policyOverride() throws {
        let p = try ConsentPolicy.parse(json: #"{"version":1,"default_regime":"opt_out","regimes":{"opt_in":{"categories":{"analytics":["analytics","marketing"]}}}}"#)
        #expect(p.defaultRegime == .optOut)
        #expect(p.requiredPurposes(category: "analytics", regime: .optIn).purposes == [.analytics, .marketing])
        #expect(p.requiredPurposes(category: "advertising", regime: .optIn).purposes == [.advertising])  // kept
        let v = judge("analytics", [Self.bob], at: "2026-11-28T11:00:00Z", evaluator: ConsentEvaluator(policy: p))
        #expect(v.verdict == .violation)
    }

    @Test("malformed policies are refused with a clear message", arguments: [
        "[]", "{\"version\":2}", "{\"regimes\":{\"gdpr\":{}}}", "{\"regimes\":{\"opt_in\":{\"unknown\":\"maybe\"}}}",
        "{\"regimes\":{\"opt_in\":{\"categories\":{\"ads\":[\"telepathy\"]}}}}", "{\"default_regime\":\"x\"}", "{\"x\":1}", "{",
    ])
    func badPolicy(text: String) {
        #expect(throws: ConsentDecodeError.self) { try ConsentPolicy.parse(json: text) }
    }
}

@Suite("TCF vendor rule")
struct TCFVendorRuleTests {
    // COoC-kU...: purposeConsents [1], purposeLI [2,7,9,10], vendorConsents (range) [1,2,3,755],
    // vendorLI (bitfield) [1...9], one publisher restriction: purpose 1, type 0, vendor 10.
    static let timeline = ConsentTimeline(records: ConsentFeedParser.parse(lines: [
        #"{"ts":"2026-11-28T10:00:00Z","subject":{"email":"eu@example.com"},"regime":"opt_in","signals":{"tcf":"COoC-kUOoC-kUAHABAENAwCoAIAAAELAAAwIF5wAoAAgAGAvMACX_ABBAAQAFA"}}"#,
    ]).records)

    func judge(vendor: Int?, category: String = "advertising") -> ConsentVerdict {
        ConsentEvaluator().evaluate(ConsentForward(category: category, time: Timestamp(rfc3339: "2026-11-28T11:00:00Z")!,
                                                   subjects: [[SubjectIdentifier(.email, "eu@example.com")]],
                                                   hasPersonalData: true, tcfVendorId: vendor), timeline: Self.timeline)
    }

    @Test("purposes derived from the TC string: advertising (P1 consent, P2/P7 LI) granted, analytics (P8) denied")
    func purposes() {
        let r = Self.timeline.records[0]
        #expect(r.decision(.advertising) == .granted && r.purposes[.advertising]?.origin == "tcf")
        #expect(r.decision(.analytics) == .denied)
        #expect(judge(vendor: nil).verdict == .allowed)
        #expect(judge(vendor: nil, category: "analytics").verdict == .violation)
    }

    @Test("vendor with consent (755) or LI (4) is allowed; vendor without either is a violation")
    func vendors() {
        #expect(judge(vendor: 755).verdict == .allowed)
        #expect(judge(vendor: 4).verdict == .allowed)
        let v = judge(vendor: 20)
        #expect(v.verdict == .violation)
        #expect(v.reasons.contains { $0.contains("vendor 20 neither consent nor legitimate interest") })
    }

    @Test("a publisher restriction of type 0 covering the vendor is a violation")
    func restriction() {
        let v = judge(vendor: 10)
        #expect(v.verdict == .violation)
        #expect(v.reasons.contains { $0.contains("forbids TCF purpose 1 for vendor 10") })
    }
}
