import Alerts
import Foundation
import Primitives
import Testing

@Suite("AlertDispatcher")
struct AlertDispatcherTests {
    final class MemorySink: AlertSink, @unchecked Sendable {
        let name: String
        let fail: Bool
        let got = Recorder<Alert>()
        let flushed = Recorder<Bool>()
        init(name: String, fail: Bool = false) {
            self.name = name
            self.fail = fail
        }
        func send(_ alert: Alert) throws(AlertsError) {
            if fail { throw AlertsError(.io, "disk full") }
            got.add(alert)
        }
        func flush() { flushed.add(true) }
    }

    static func alert(_ s: Int64, vendor: String = "ga4") -> Alert {
        Alert(time: Timestamp(seconds: 1_764_000_000 + s, nanoseconds: 0), vendor: vendor, verdict: "violation",
              rule: "violation/analytics", reasons: [], subjects: [SubjectKey(redacted: "device_id:0011223344556677")!],
              request: RequestSummary(host: "h", method: "POST", target: "/"))
    }

    @Test("threaded: every sink gets the de-duplicated alerts in order; close sends repeat summaries")
    func fanOut() {
        let a = MemorySink(name: "a")
        let broken = MemorySink(name: "broken", fail: true)
        let logs = Recorder<String>()
        let d = AlertDispatcher(sinks: [a, broken], dedupWindowSeconds: 60, log: { logs.add($0) })
        d.post(Self.alert(0))
        d.post(Self.alert(1))
        d.post(Self.alert(2, vendor: "meta_capi"))
        d.post(Self.alert(3))
        d.post(Self.alert(90))
        d.close()
        d.post(Self.alert(100))
        let got = a.got.all
        #expect(got.map(\.vendor) == ["ga4", "meta_capi", "ga4"])
        #expect(got.last?.suppressedRepeats == 2)
        #expect(a.flushed.all.count == 1)
        #expect(d.counters["alert_sink_errors"] == 3)
        #expect(d.counters["alert_posted_after_close"] == 1)
        #expect(logs.all == ["consenttap: alert sink broken failed: disk full"])
    }

    @Test("unthreaded: delivered inside post; summaries at close")
    func inline() {
        let a = MemorySink(name: "a")
        let d = AlertDispatcher(sinks: [a], dedupWindowSeconds: 60, threaded: false)
        d.post(Self.alert(0))
        #expect(a.got.all.count == 1)
        d.post(Self.alert(5))
        #expect(a.got.all.count == 1)
        d.close()
        #expect(a.got.all.count == 2)
        #expect(a.got.all.last?.isRepeatSummary == true)
        #expect(a.got.all.last?.suppressedRepeats == 1)
    }

    @Test("a full queue drops and counts instead of blocking the pipeline")
    func boundedQueue() {
        final class SlowSink: AlertSink, @unchecked Sendable {
            let name = "slow"
            let gate = DispatchSemaphore(value: 0)
            func send(_ alert: Alert) throws(AlertsError) { gate.wait() }
            func flush() {}
        }
        let slow = SlowSink()
        let d = AlertDispatcher(sinks: [slow], dedupWindowSeconds: 0, queueCapacity: 2)
        for i in 0..<10 { d.post(Self.alert(Int64(i) * 1000)) }
        let dropped = d.counters["alert_queue_dropped"]
        #expect(dropped >= 7 && dropped <= 8)   // one may already be in the sink
        for _ in 0..<10 { slow.gate.signal() }
        d.close()
    }
}
