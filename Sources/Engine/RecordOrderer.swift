import Primitives

/// Releases log records in order of their first packet, although connections finish them out of order.
///
/// Records wait in a min-heap keyed by (first packet, arrival sequence). The caller supplies a watermark:
/// the first packet of the oldest request still in progress anywhere; records older than it can no
/// longer be preceded by a later one and are released. `maxBuffered` bounds memory: past it the oldest
/// records are released anyway and `forcedReleases` counts them (ordering may then be approximate);
/// `maxBufferedWeight` does the same for the records' total weight (retained body bytes).
/// The heap holds small keys only; records stay in place in a slot array until released.
package struct RecordOrderer<Record> {
    private struct Entry { var key: PacketRef; var sequence: UInt64; var slot: Int; var weight: Int }
    private var heap: [Entry] = []
    private var slots: [Record?] = []
    private var freeSlots: [Int] = []
    private var sequence: UInt64 = 0
    package let maxBuffered: Int
    package let maxBufferedWeight: Int
    package private(set) var bufferedWeight = 0
    package private(set) var forcedReleases: UInt64 = 0

    package init(maxBuffered: Int = 100_000, maxBufferedWeight: Int = Int.max) {
        self.maxBuffered = maxBuffered
        self.maxBufferedWeight = maxBufferedWeight
    }

    package var count: Int { heap.count }

    package mutating func insert(_ record: consuming Record, key: PacketRef, weight: Int = 0) {
        let slot: Int
        if let free = freeSlots.popLast() {
            slot = free
            slots[slot] = record
        } else {
            slot = slots.count
            slots.append(record)
        }
        heap.append(Entry(key: key, sequence: sequence, slot: slot, weight: weight))
        bufferedWeight += weight
        sequence += 1
        siftUp(heap.count - 1)
    }

    /// Calls `release` for every record older than `watermark` (all records when nil), oldest first;
    /// then, if still over `maxBuffered`, for the oldest ones beyond the bound.
    package mutating func release(before watermark: PacketRef?, _ release: (Record) -> Void) {
        while let top = heap.first, watermark.map({ top.key < $0 }) ?? true {
            release(popMin())
        }
        while heap.count > maxBuffered || (bufferedWeight > maxBufferedWeight && !heap.isEmpty) {
            forcedReleases += 1
            release(popMin())
        }
    }

    private func less(_ a: Entry, _ b: Entry) -> Bool { a.key == b.key ? a.sequence < b.sequence : a.key < b.key }

    private mutating func popMin() -> Record {
        heap.swapAt(0, heap.count - 1)
        let min = heap.removeLast()
        if !heap.isEmpty { siftDown(0) }
        bufferedWeight -= min.weight
        let record = slots[min.slot].take()!
        freeSlots.append(min.slot)
        return record
    }

    private mutating func siftUp(_ start: Int) {
        var i = start
        while i > 0 {
            let parent = (i - 1) / 2
            guard less(heap[i], heap[parent]) else { return }
            heap.swapAt(i, parent)
            i = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var i = start
        while true {
            let l = 2 * i + 1, r = l + 1
            var m = i
            if l < heap.count, less(heap[l], heap[m]) { m = l }
            if r < heap.count, less(heap[r], heap[m]) { m = r }
            if m == i { return }
            heap.swapAt(i, m)
            i = m
        }
    }
}
