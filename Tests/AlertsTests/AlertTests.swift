import Alerts
import Consent
import Primitives
import Testing

@Suite("Alert, SubjectKey, RequestSummary, scrubber, HMAC")
struct AlertTests {
    static let t0 = Timestamp(rfc3339: "2026-11-28T13:00:00Z")!
    static let key = Array("alert-subject-key".utf8)

    @Test("HMAC-SHA-256 matches RFC 4231 test cases 1 and 2")
    func hmacVectors() {
        // RFC 4231 4.2: key = 20 bytes of 0x0b, data = "Hi There".
        #expect(HMACSHA256.hex(key: [UInt8](repeating: 0x0b, count: 20), message: Array("Hi There".utf8))
            == "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
        // RFC 4231 4.3: key = "Jefe".
        #expect(HMACSHA256.hex(key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8))
            == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    @Test("subject keys: raw and hashed e-mail give the same keyed hash; raw values are refused")
    func subjectKeys() {
        let raw = SubjectKey.keyed(SubjectIdentifier(.email, " Ann@Example.com"), key: Self.key)
        let hashed = SubjectKey.keyed(SubjectIdentifier(.emailSHA256,
                                                        "71d4f55f72fa128dfb468a1a3901507c804b74316488744d769d7f4b16696476"),
                                      key: Self.key)
        #expect(raw == hashed)
        #expect(raw.value.hasPrefix("email_sha256:"))
        #expect(raw.value.count == "email_sha256:".count + 16)
        #expect(raw.value == IdentifierRedactor(key: Self.key).redact(SubjectIdentifier(.email, "ann@example.com")))
        #expect(SubjectKey.keyed(SubjectIdentifier(.email, "ann@example.com"), key: Array("other".utf8)) != raw)
        #expect(SubjectKey(redacted: "email:0123456789ab") != nil)
        #expect(SubjectKey(redacted: "email:ann@example.com") == nil)
        #expect(SubjectKey(redacted: "phone:+15551234567") == nil)
        #expect(SubjectKey(redacted: "user_id:bob") == nil)
        #expect(SubjectKey(redacted: "nonsense:0123456789ab") == nil)
        #expect(SubjectKey(redacted: "email:0123456789AB") == nil)
    }

    @Test("request paths: query values and token-like segments masked")
    func masking() {
        #expect(RequestSummary.mask("/v19.0/1234567890123456/events?access_token=EAAB123secret&x=1")
            == "/v19.0/1234567890123456/events?access_token=***&x=***")
        #expect(RequestSummary.mask("/mp/collect?measurement_id=G-ABC123&api_secret=zzz&v=2#frag")
            == "/mp/collect?measurement_id=G-ABC123&api_secret=***&v=2")
        #expect(RequestSummary.mask("/users/ann@example.com/track") == "/users/***/track")
        #expect(RequestSummary.mask("/p/abcdefghijklmnopqrstuvwxyz0123/x") == "/p/***/x")
        #expect(RequestSummary.mask("/track?data=eyJlbWFpbCI6ImFubkBleGFtcGxlLmNvbSJ9&flag") == "/track?data=***&flag")
        #expect(RequestSummary.mask("/v1/batch") == "/v1/batch")
    }

    @Test("scrubber masks e-mails and phone numbers, keeps dates, times and hashes")
    func scrubber() {
        #expect(PersonalDataScrubber.scrub("sent ann@example.com to meta") == "sent *** to meta")
        #expect(PersonalDataScrubber.scrub("phone +1 (555) 123-4567 denied") == "phone *** denied")
        #expect(PersonalDataScrubber.scrub("phone 15551234567.") == "phone ***.")
        #expect(PersonalDataScrubber.scrub("the record of 2026-11-28T10:00:00Z from cmp (line 3)")
            == "the record of 2026-11-28T10:00:00Z from cmp (line 3)")
        #expect(PersonalDataScrubber.scrub("on 2026-11-28 advertising was denied") == "on 2026-11-28 advertising was denied")
        #expect(PersonalDataScrubber.scrub("hash 71d4f55f72fa128dfb468a1a3901507c") == "hash 71d4f55f72fa128dfb468a1a3901507c")
        #expect(PersonalDataScrubber.scrub("2 of 3 fields, 1234 bytes") == "2 of 3 fields, 1234 bytes")
    }

    @Test("an alert's JSON has the documented keys and no raw personal data")
    func json() throws {
        let alert = Alert(time: Self.t0, vendor: "meta_capi", verdict: "violation", rule: "violation/advertising_conversion",
                          reasons: ["advertising needed; ann@example.com denied it at 2026-11-28T12:00:00Z"],
                          subjects: [SubjectKey.keyed(SubjectIdentifier(.email, "ann@example.com"), key: Self.key)],
                          request: RequestSummary(host: "graph.facebook.com", method: "POST",
                                                  target: "/v19.0/123/events?access_token=SECRET"),
                          counts: ["email": 1, "phone": 1])
        let text = alert.json
        #expect(!text.contains("ann@example.com"))
        #expect(!text.contains("SECRET"))
        #expect(!text.contains("\n"))
        let o = try #require(ConsentJSON.parse(text).objectValue)
        #expect(Set(o.keys) == ["type", "ts", "vendor", "verdict", "rule", "reasons", "subjects", "request", "counts"])
        #expect(o["type"]?.stringValue == "consent_alert")
        #expect(o["ts"]?.stringValue == "2026-11-28T13:00:00.000000Z")
        #expect(o["request"]?["path"]?.stringValue == "/v19.0/123/events?access_token=***")
        #expect(o["reasons"]?.arrayValue?.first?.stringValue == "advertising needed; *** denied it at 2026-11-28T12:00:00Z")
        #expect(o["counts"]?["email"]?.intValue == 1)
        let sneaky = Alert(time: Self.t0, vendor: "v ann@example.com", verdict: "violation", rule: "call +44 20 7946 0958",
                           reasons: [], subjects: [], request: RequestSummary(host: "h", method: "GET", target: "/"))
        #expect(sneaky.vendor == "v ***" && sneaky.rule == "call ***")
    }

    @Test("an alert from a real consent verdict (evaluator over a feed): violation, keyed subjects")
    func fromVerdict() throws {
        let feed = ConsentFeedParser.parse(lines: [
            #"{"ts":"2026-11-28T10:00:00Z","subject":{"email":"ann@example.com"},"regime":"opt_in","purposes":{"analytics":true,"advertising":false},"source":"cmp"}"#,
        ])
        #expect(feed.problems.isEmpty)
        let timeline = ConsentTimeline(records: feed.records)
        let ann = [SubjectIdentifier(.email, "ann@example.com")]
        let verdict = ConsentEvaluator().evaluate(
            ConsentForward(category: "advertising_conversion", time: Self.t0, subjects: [ann], hasPersonalData: true),
            timeline: timeline)
        #expect(verdict.verdict == .violation)
        let request = RequestSummary(host: "graph.facebook.com", method: "POST", target: "/v19.0/1/events")
        let keyed = Alert(verdict: verdict, vendor: "meta_capi", time: Self.t0, request: request, identifiers: ann,
                          subjectKey: Self.key)
        #expect(keyed.verdict == "violation")
        #expect(keyed.rule == "violation/advertising_conversion")
        #expect(keyed.subjects == [SubjectKey.keyed(ann[0], key: Self.key)])
        #expect(keyed.counts["subjects"] == 1)
        #expect(!keyed.reasons.isEmpty)
        #expect(!keyed.json.contains("ann@example.com"))
        // Without raw identifiers: the verdict's redacted identifiers are used.
        let redacted = Alert(verdict: verdict, vendor: "meta_capi", time: Self.t0, request: request)
        #expect(redacted.subjects.count == 1)
        #expect(redacted.subjects.first?.value.hasPrefix("email:") == true)
    }
}
