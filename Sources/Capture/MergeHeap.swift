/// A binary min-heap of input indices ordered by (timestamp, input index): the k-way merge
/// behind `CaptureReader`. Keys are the timestamps of each input's next packet.
///
/// O(log k) per packet; no allocation after `init` (capacity = number of inputs).
struct MergeHeap {
    private var items: [(key: Int64, input: Int)] = []

    init(capacity: Int) { items.reserveCapacity(capacity) }

    var isEmpty: Bool { items.isEmpty }
    /// The input whose next packet comes first (smallest time, then smallest input index).
    var top: Int? { items.first?.input }

    mutating func insert(key: Int64, input: Int) {
        items.append((key, input))
        siftUp(items.count - 1)
    }

    /// Gives the top input a new key (its following packet's time) and restores the order.
    mutating func replaceTop(key: Int64) {
        items[0].key = key
        siftDown(0)
    }

    /// Removes the top input (it has ended).
    mutating func removeTop() {
        let last = items.removeLast()
        guard !items.isEmpty else { return }
        items[0] = last
        siftDown(0)
    }

    @inline(__always) private func less(_ a: Int, _ b: Int) -> Bool {
        items[a].key != items[b].key ? items[a].key < items[b].key : items[a].input < items[b].input
    }

    private mutating func siftUp(_ start: Int) {
        var i = start
        while i > 0 {
            let parent = (i - 1) / 2
            guard less(i, parent) else { return }
            items.swapAt(i, parent)
            i = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var i = start
        while true {
            let l = 2 * i + 1, r = l + 1
            var smallest = i
            if l < items.count, less(l, smallest) { smallest = l }
            if r < items.count, less(r, smallest) { smallest = r }
            if smallest == i { return }
            items.swapAt(i, smallest)
            i = smallest
        }
    }
}
