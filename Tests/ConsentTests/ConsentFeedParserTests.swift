import Primitives
import Testing
@testable import Consent

@Suite("ConsentFeedParser")
struct ConsentFeedParserTests {
    @Test("a full record: subject, regime, explicit purposes, source")
    func fullRecord() throws {
        let line = #"{"ts":"2026-11-28T10:00:00Z","subject":{"email":"jane.doe@example.com","user_id":42},"regime":"opt_in","purposes":{"analytics":true,"advertising":false},"source":"cmp"}"#
        let (records, problems) = ConsentFeedParser.parse(lines: [line])
        #expect(problems.isEmpty)
        let r = try #require(records.first)
        #expect(r.ts == Timestamp(rfc3339: "2026-11-28T10:00:00Z"))
        #expect(Set(r.identifiers) == [SubjectIdentifier(.email, "jane.doe@example.com"), SubjectIdentifier(.userId, "42")])
        #expect(r.regime == .optIn && r.source == "cmp" && r.line == 1)
        #expect(r.decision(.analytics) == .granted && r.decision(.advertising) == .denied)
        #expect(r.decision(.marketing) == .unknown)
        #expect(r.purposes[.analytics]?.origin == "feed")
    }

    @Test("purposes left out come from decoded signals; explicit purposes win")
    func purposesFromSignals() throws {
        // usp 1YYN: opted out of sale; gpp usnat (vector DBABL~CVVVqqqqqlVY.Y): opted out of
        // targeted ads; TCF string with no purpose consents.
        let line = #"{"ts":"2026-11-28T10:00:00Z","subject":{"email":"a@b.c"},"purposes":{"personalization":true},"signals":{"usp":"1YYN","gpp":"DBABL~CVVVqqqqqlVY.Y","tcf":"CPSG_8APSG_8AAAAAAENAACAAAAAAAAAAAAAAAAAAAAA.QAAA.IAAA","gpc":true}}"#
        let (records, problems) = ConsentFeedParser.parse(lines: [line])
        // personalization: explicit true, but the TC string (no purpose 3/4) denies it first.
        #expect(problems.map(\.message) == ["purpose 'personalization' is granted in the record but its tcf signal says denied; the explicit value is used"])
        let r = try #require(records.first)
        #expect(r.decision(.saleShare) == .denied)
        #expect(r.decision(.advertising) == .denied)
        #expect(r.decision(.personalization) == .granted)          // explicit beats signals
        #expect(r.purposes[.personalization]?.origin == "feed")
        #expect(r.decision(.analytics) == .denied)                  // TCF: no purpose 1/8
        #expect(r.decision(.marketing) == .unknown)
        #expect(r.regime == nil)
    }

    @Test("TCF purposes granted map to advertising/analytics/personalization")
    func tcfGrants() throws {
        // Vector CG6MJg...: purposeConsents [2,4,5,7,8,9,10] -> no P1, so advertising denied.
        // Vector CPTtLAAPTtLAAAKAAAENAAFgALwAAEAAAAAAAOgAgABgAAAA... has pubPurposes only; use a
        // USP-only check for the grant direction.
        let line = #"{"ts":"2026-11-28T10:00:00Z","subject":{"fbp":"fb.1.1.1"},"signals":{"usp":"1YNN"}}"#
        let r = try #require(ConsentFeedParser.parse(lines: [line]).records.first)
        #expect(r.decision(.saleShare) == .granted)
        #expect(r.purposes[.saleShare]?.origin == "usp")
    }

    @Test("unknown keys are ignored with a warning; the record is kept")
    func unknownKeys() {
        let line = #"{"ts":"2026-11-28T10:00:00Z","subject":{"email":"a@b.c","shoe_size":"42"},"purposes":{"analytics":true,"telepathy":true},"signals":{"tcf2":"x"},"extra":1}"#
        let (records, problems) = ConsentFeedParser.parse(lines: [line])
        #expect(records.count == 1)
        #expect(problems.allSatisfy { $0.severity == .warning && $0.line == 1 })
        let text = problems.map(\.message).joined(separator: "|")
        #expect(text.contains("'extra'") && text.contains("'shoe_size'") && text.contains("'telepathy'") && text.contains("'tcf2'"))
    }

    @Test("a signal that does not decode is ignored with a warning")
    func badSignal() throws {
        let line = #"{"ts":"2026-11-28T10:00:00Z","subject":{"email":"a@b.c"},"signals":{"usp":"2YNN"}}"#
        let (records, problems) = ConsentFeedParser.parse(lines: [line])
        #expect(records.count == 1 && problems.count == 1)
        #expect(problems.first?.message.contains("unsupported US Privacy version") == true)
        #expect(records.first?.decision(.saleShare) == .unknown)
    }

    @Test("malformed lines are reported with their line number and skipped")
    func malformedLines() {
        let lines = [
            #"{"ts":"2026-11-28T10:00:00Z","subject":{"email":"a@b.c"}}"#,           // 1 ok
            "",                                                                         // 2 blank
            "{not json",                                                                // 3
            "[1,2]",                                                                    // 4
            #"{"subject":{"email":"a@b.c"}}"#,                                          // 5 no ts
            #"{"ts":"yesterday","subject":{"email":"a@b.c"}}"#,                         // 6 bad ts
            #"{"ts":"2026-11-28T10:00:00Z","subject":{}}"#,                             // 7 no identifier
            #"{"ts":"2026-11-28T10:00:00Z","subject":{"email":"a@b.c"},"regime":"gdpr"}"#, // 8
            #"{"ts":"2026-11-28T10:00:00Z","subject":{"email":"a@b.c"},"purposes":{"analytics":"yes"}}"#, // 9
            #"{"ts":1795860000,"subject":{"device_id":"d1"}}"#,                          // 10 ok, epoch
        ]
        let (records, problems) = ConsentFeedParser.parse(lines: lines)
        #expect(records.map(\.line) == [1, 10])
        #expect(problems.map(\.line) == [3, 4, 5, 6, 7, 8, 9])
        #expect(problems.allSatisfy { $0.severity == .error })
        #expect(records.last?.ts == Timestamp(seconds: 1_795_860_000, nanoseconds: 0))
    }

    @Test("text with CRLF line ends parses like LF")
    func crlf() {
        let text = "{\"ts\":\"2026-11-28T10:00:00Z\",\"subject\":{\"email\":\"a@b.c\"}}\r\n{bad\r\n"
        let (records, problems) = ConsentFeedParser.parse(text: text)
        #expect(records.count == 1)
        #expect(problems.map(\.line) == [2])
    }

    @Test("garbage lines never trap")
    func garbage() {
        var rng = SplitMix(seed: 7)
        let pieces = ["{", "}", "\"ts\"", ":", ",", "\"subject\"", "{\"email\":\"x\"}", "[", "]", "null", "1", "\"", "\\"]
        let lines = (0..<2000).map { _ in (0..<Int(rng.next() % 12)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined() }
        let (_, problems) = ConsentFeedParser.parse(lines: lines)
        #expect(!problems.isEmpty)
    }
}

@Suite("ConsentRecord feed line")
struct ConsentRecordFeedLineTests {
    @Test("feedLine round-trips through the parser (for persistence)")
    func roundTrip() throws {
        let lines = [
            #"{"ts":"2026-11-28T10:00:00.250Z","subject":{"email":" A@B.c ","phone":"+1 555","user_id":"7"},"regime":"opt_out","purposes":{"marketing":false},"signals":{"usp":"1YYN","gpp":"DBABL~CVVVqqqqqlVY.Y","tcf":"COoC-kUOoC-kUAHABAENAwCoAIAAAELAAAwIF5wAoAAgAGAvMACX_ABBAAQAFA","gpc":true},"source":"cmp"}"#,
            #"{"ts":"2026-11-28T10:00:00Z","subject":{"device_id":"d"}}"#,
        ]
        let records = ConsentFeedParser.parse(lines: lines).records
        try #require(records.count == 2)
        for r in records {
            let again = try #require(ConsentFeedParser.parse(lines: [r.feedLine]).records.first)
            var expected = r
            expected.line = 1
            #expect(again == expected, "\(r.feedLine)")
        }
    }
}
