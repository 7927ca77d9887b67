import Primitives
import Testing
@testable import Consent

@Suite("ConsentTimeline")
struct ConsentTimelineTests {
    static func t(_ s: String) -> Timestamp { Timestamp(rfc3339: s)! }

    static func record(_ ts: String, _ ids: [SubjectIdentifier], advertising: Bool, line: Int) -> ConsentRecord {
        ConsentRecord(ts: t(ts), identifiers: ids,
                      purposes: [.advertising: PurposeState(advertising ? .granted : .denied, origin: "feed")], line: line)
    }

    /// Jane grants at 10:00, revokes at 12:00 (recorded by e-mail, then by user id + e-mail).
    static let timeline = ConsentTimeline(records: [
        record("2026-11-28T12:00:00Z", [SubjectIdentifier(.userId, "u1"), SubjectIdentifier(.email, "Jane.Doe@example.com")],
               advertising: false, line: 2),
        record("2026-11-28T10:00:00Z", [SubjectIdentifier(.email, "jane.doe@example.com")], advertising: true, line: 1),
        record("2026-11-28T10:00:00Z", [SubjectIdentifier(.phone, "+1 555 123 4567")], advertising: true, line: 3),
    ])

    @Test("before the first record there is no record in force (but one exists later)")
    func beforeFirst() {
        let s = Self.timeline.state(for: [SubjectIdentifier(.email, "jane.doe@example.com")], at: Self.t("2026-11-28T09:59:59Z"))
        #expect(s.record == nil)
        #expect(s.hasAnyRecord)
        #expect(s.nextRecord?.line == 1)
    }

    @Test("at exactly the record's ts the record applies")
    func exactTs() {
        let s = Self.timeline.state(for: [SubjectIdentifier(.email, "jane.doe@example.com")], at: Self.t("2026-11-28T10:00:00Z"))
        #expect(s.record?.line == 1)
    }

    @Test("between records the earlier one is in force; the later supersedes from its ts on")
    func superseding() {
        let ids = [SubjectIdentifier(.email, "jane.doe@example.com")]
        #expect(Self.timeline.state(for: ids, at: Self.t("2026-11-28T11:59:59Z")).record?.line == 1)
        #expect(Self.timeline.state(for: ids, at: Self.t("2026-11-28T12:00:00Z")).record?.line == 2)
        #expect(Self.timeline.state(for: ids, at: Self.t("2026-12-01T00:00:00Z")).record?.decision(.advertising) == .denied)
        #expect(Self.timeline.history(for: ids).map(\.line) == [1, 2])
    }

    @Test("a Meta em hash (SHA-256 of the normalised e-mail) finds the person")
    func hashedEmail() {
        let em = SubjectIdentifier(.email, "86e0b9e56c17cc4d12387e1949b85053fbe73bc3ce5a1188713a9d300cc6133d")
        let s = Self.timeline.state(for: [em], at: Self.t("2026-11-28T11:00:00Z"))
        #expect(s.record?.line == 1)
        #expect(s.matchedKinds == [.email])
    }

    @Test("hashed phone in Meta form (no +) and Google form (E.164 with +) both match")
    func hashedPhone() {
        let meta = SubjectIdentifier(.phoneSHA256, "d6736136ea896c1bfdc553e0e86e702c70d060d805696ca3e4e9e0961353860a")
        let google = SubjectIdentifier(.phone, "8a59780bb8cd2ba022bfa5ba2ea3b6e07af17a7d8b30c1f9b3390e36f69019e4")
        for id in [meta, google] {
            #expect(Self.timeline.state(for: [id], at: Self.t("2026-11-28T11:00:00Z")).record?.line == 3)
        }
    }

    @Test("a user id recorded only later still links to the e-mail history")
    func linkedByAnyIdentifier() {
        let s = Self.timeline.state(for: [SubjectIdentifier(.externalId, "u1")], at: Self.t("2026-11-28T13:00:00Z"))
        #expect(s.record?.line == 2)
        let before = Self.timeline.state(for: [SubjectIdentifier(.userId, "u1")], at: Self.t("2026-11-28T11:00:00Z"))
        #expect(before.record == nil)
    }

    @Test("equal ts: the record added later wins")
    func tie() {
        let ids = [SubjectIdentifier(.deviceId, "d")]
        let tl = ConsentTimeline(records: [
            Self.record("2026-11-28T10:00:00Z", ids, advertising: true, line: 1),
            Self.record("2026-11-28T10:00:00Z", ids, advertising: false, line: 2),
        ])
        #expect(tl.state(for: ids, at: Self.t("2026-11-28T10:00:00Z")).record?.line == 2)
    }

    @Test("unknown subjects have no record; the record cap drops and counts")
    func unknownAndCap() {
        #expect(Self.timeline.state(for: [SubjectIdentifier(.fbp, "nobody")], at: Self.t("2026-11-28T11:00:00Z")).hasAnyRecord == false)
        var tl = ConsentTimeline(maxRecords: 1)
        tl.add(Self.record("2026-11-28T10:00:00Z", [SubjectIdentifier(.deviceId, "a")], advertising: true, line: 1))
        tl.add(Self.record("2026-11-28T10:00:00Z", [SubjectIdentifier(.deviceId, "b")], advertising: true, line: 2))
        #expect(tl.records.count == 1)
        #expect(tl.counters["consent_timeline_record_cap_dropped"] == 1)
    }
}
