import Primitives

/// Holds forwards back for a grace period in live mode, so that consent records that arrive late
/// but are dated before the forward are still taken into account (`--grace SECONDS`).
///
/// Time is an input: `tick(now:)` takes the current time from packet timestamps (or the edge's
/// clock) and returns the items whose `time + grace <= now`, oldest first; judge them then.
/// Replay from a file uses grace 0 or `drain()` at the end. Bounded: beyond `capacity` the oldest
/// item is released early and counted in `counters["consent_grace_released_early"]`.
package struct ConsentGraceQueue<Item> {
    package let grace: Int64
    package let capacity: Int
    package private(set) var counters = CounterSet()
    private var items: [(time: Timestamp, seq: Int, item: Item)] = []
    private var seq = 0

    /// `graceSeconds` >= 0; `capacity` >= 1.
    package init(graceSeconds: Double, capacity: Int = 100_000) {
        grace = Int64(max(0, graceSeconds) * 1e9)
        self.capacity = max(1, capacity)
    }

    package var count: Int { items.count }

    /// Queues `item` (a forward seen at `time`); returns items released early because of the cap.
    package mutating func add(_ item: Item, at time: Timestamp) -> [Item] {
        // Keep sorted by (time, seq); forwards mostly arrive in time order, so search from the end.
        var i = items.count
        while i > 0 && items[i - 1].time > time { i -= 1 }
        items.insert((time, seq, item), at: i)
        seq += 1
        var early: [Item] = []
        while items.count > capacity {
            early.append(items.removeFirst().item)
            counters.add("consent_grace_released_early")
        }
        return early
    }

    /// Items whose grace period has passed at `now`, oldest first.
    package mutating func tick(now: Timestamp) -> [Item] {
        var n = 0
        while n < items.count && items[n].time.nanoseconds &+ grace <= now.nanoseconds { n += 1 }
        let out = items.prefix(n).map(\.item)
        items.removeFirst(n)
        return out
    }

    /// Everything still waiting, oldest first (end of input).
    package mutating func drain() -> [Item] {
        defer { items.removeAll() }
        return items.map(\.item)
    }
}
