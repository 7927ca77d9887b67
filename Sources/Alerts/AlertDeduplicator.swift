import Primitives

/// Holds back repeats of the same alert (same vendor, rule and subjects: `Alert.dedupKey`) within
/// a window of event time, and reports how many were held back.
///
/// The first alert for a key passes and opens a window `[t, t + window)`; equal alerts whose time
/// is within `window` of the window's start (either side, so slightly out-of-order events count)
/// are suppressed (counter `alert_dedup_suppressed`). The next alert outside the window passes
/// with `suppressedRepeats` = the number held back, and opens a new window. `flush()` (end of
/// input, shutdown) returns one summary per key with held-back repeats (`isRepeatSummary`, the
/// last suppressed alert with the count) and forgets every key. Memory: at most `maxKeys` keys;
/// when full, keys whose window has ended and that hold nothing back are dropped; if still full,
/// the alert passes untracked (`alert_dedup_untracked`). No clock is read.
package struct AlertDeduplicator: Sendable {
    package let window: Int64
    package let maxKeys: Int
    package private(set) var counters = CounterSet()

    private struct Entry: Sendable {
        var start: Timestamp
        var suppressed: Int
        var lastSuppressed: Alert?
    }

    private var entries: [String: Entry] = [:]

    /// `windowSeconds` of event time; `maxKeys` bounds memory.
    package init(windowSeconds: Double, maxKeys: Int = 100_000) {
        window = Int64(max(0, windowSeconds) * 1e9)
        self.maxKeys = max(1, maxKeys)
    }

    /// The alert to send now (with the count of repeats held back before it), or nil if held back.
    package mutating func admit(_ alert: Alert) -> Alert? {
        let key = alert.dedupKey
        if var e = entries[key] {
            let distance = alert.time.nanoseconds &- e.start.nanoseconds
            if distance.magnitude < UInt64(window) {
                e.suppressed += 1
                e.lastSuppressed = alert
                entries[key] = e
                counters.add("alert_dedup_suppressed")
                return nil
            }
            var out = alert
            out.suppressedRepeats = e.suppressed
            entries[key] = Entry(start: alert.time, suppressed: 0, lastSuppressed: nil)
            counters.add("alert_dedup_passed")
            return out
        }
        if entries.count >= maxKeys {
            let now = alert.time.nanoseconds
            entries = entries.filter { $0.value.suppressed > 0 || now &- $0.value.start.nanoseconds < window }
            if entries.count >= maxKeys {
                counters.add("alert_dedup_untracked")
                return alert
            }
        }
        entries[key] = Entry(start: alert.time, suppressed: 0, lastSuppressed: nil)
        counters.add("alert_dedup_passed")
        return alert
    }

    /// Summaries for every key with repeats held back, oldest window first; forgets all keys.
    package mutating func flush() -> [Alert] {
        var out: [Alert] = []
        for (_, e) in entries.sorted(by: { ($0.value.start, $0.key) < ($1.value.start, $1.key) }) {
            guard e.suppressed > 0, var last = e.lastSuppressed else { continue }
            last.suppressedRepeats = e.suppressed
            last.isRepeatSummary = true
            out.append(last)
        }
        entries.removeAll()
        return out
    }

    /// Keys currently tracked.
    package var trackedKeys: Int { entries.count }
}
