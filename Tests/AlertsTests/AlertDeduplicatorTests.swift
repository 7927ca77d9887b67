import Alerts
import Primitives
import Testing

@Suite("AlertDeduplicator")
struct AlertDeduplicatorTests {
    static func alert(_ seconds: Int64, vendor: String = "ga4", rule: String = "violation/analytics",
                      subject: String = "email:00112233445566778899aabbccddeeff") -> Alert {
        Alert(time: Timestamp(seconds: 1_764_000_000 + seconds, nanoseconds: 0), vendor: vendor, verdict: "violation",
              rule: rule, reasons: ["analytics denied"], subjects: [SubjectKey(redacted: subject)!],
              request: RequestSummary(host: "h", method: "POST", target: "/mp/collect"))
    }

    @Test("repeats within the window are held back; the next passing alert carries their count")
    func window() {
        var d = AlertDeduplicator(windowSeconds: 60)
        #expect(d.admit(Self.alert(0))?.suppressedRepeats == 0)
        #expect(d.admit(Self.alert(10)) == nil)
        #expect(d.admit(Self.alert(59)) == nil)
        let next = d.admit(Self.alert(60))
        #expect(next?.suppressedRepeats == 2)
        #expect(next?.json.contains(#""suppressedRepeats":2"#) == true)
        #expect(d.admit(Self.alert(100)) == nil)   // new window opened at 60
        #expect(d.counters["alert_dedup_suppressed"] == 3)
        #expect(d.counters["alert_dedup_passed"] == 2)
    }

    @Test("vendor, rule and subject each make a separate key")
    func keys() {
        var d = AlertDeduplicator(windowSeconds: 60)
        #expect(d.admit(Self.alert(0)) != nil)
        #expect(d.admit(Self.alert(1, vendor: "meta_capi")) != nil)
        #expect(d.admit(Self.alert(2, rule: "no_consent_record/analytics")) != nil)
        #expect(d.admit(Self.alert(3, subject: "device_id:0011223344556677")) != nil)
        #expect(d.admit(Self.alert(4)) == nil)
        #expect(d.trackedKeys == 4)
    }

    @Test("slightly out-of-order events inside the window are repeats too")
    func outOfOrder() {
        var d = AlertDeduplicator(windowSeconds: 60)
        #expect(d.admit(Self.alert(100)) != nil)
        #expect(d.admit(Self.alert(50)) == nil)
        #expect(d.admit(Self.alert(20)) != nil)
    }

    @Test("flush reports held-back repeats as summaries and forgets all keys")
    func flush() {
        var d = AlertDeduplicator(windowSeconds: 60)
        _ = d.admit(Self.alert(0))
        _ = d.admit(Self.alert(5))
        _ = d.admit(Self.alert(6))
        _ = d.admit(Self.alert(7, vendor: "segment"))
        let out = d.flush()
        #expect(out.count == 1)
        #expect(out.first?.isRepeatSummary == true)
        #expect(out.first?.suppressedRepeats == 2)
        #expect(out.first?.time == Self.alert(6).time)
        #expect(out.first?.json.contains(#""type":"consent_alert_repeats""#) == true)
        #expect(d.trackedKeys == 0)
        #expect(d.flush().isEmpty)
        #expect(d.admit(Self.alert(8)) != nil)
    }

    @Test("memory is bounded: expired keys are dropped, else alerts pass untracked and are counted")
    func bounded() {
        var d = AlertDeduplicator(windowSeconds: 60, maxKeys: 2)
        #expect(d.admit(Self.alert(0, vendor: "a")) != nil)
        #expect(d.admit(Self.alert(1, vendor: "b")) != nil)
        #expect(d.admit(Self.alert(2, vendor: "c")) != nil)   // full: passes untracked
        #expect(d.counters["alert_dedup_untracked"] == 1)
        #expect(d.admit(Self.alert(3, vendor: "c")) != nil)   // still untracked
        #expect(d.admit(Self.alert(200, vendor: "c")) != nil) // a and b expired: c is tracked now
        #expect(d.admit(Self.alert(201, vendor: "c")) == nil)
        #expect(d.trackedKeys <= 2)
    }
}
