import Primitives

/// Bounded IPv4 and IPv6 fragment reassembly (RFC 791 §3.2, RFC 8200 §4.5), keyed by source,
/// destination, identification and (IPv4) protocol.
///
/// Contract:
/// - `insert` copies the fragment's bytes (borrowed during the call) into an owned buffer per
///   datagram (this path allocates; the rest of the decoder does not). It returns the reassembled payload once every byte from 0 to the end
///   set by the last fragment (MF = 0) is present and the first fragment gave the next protocol.
/// - Overlaps: the first data to arrive wins; later bytes for a covered range are discarded
///   (`fragment_overlap`, plus `fragment_overlap_conflict` when they differ, or
///   `fragment_duplicate` when an identical range arrives again).
/// - Bounds (see `DecoderLimits`): datagrams at once, bytes per datagram, total buffered bytes,
///   pieces per datagram, and a timeout measured in packet time. Each drop increments a counter.
/// - Bad input (non-last fragment not a multiple of 8, conflicting end) drops with a counter.
struct FragmentReassembler {
    struct Key: Hashable {
        var source: IPAddress
        var destination: IPAddress
        var identification: UInt32
        /// IPv4 protocol number; 0 for IPv6 (the next header is not part of the key there).
        var protocolNumber: UInt8
        var isIPv6: Bool
    }

    private struct Pending {
        var firstSeen: Timestamp
        var data: [UInt8] = []
        /// Covered byte ranges, sorted, disjoint and not adjacent.
        var covered: [Range<Int>] = []
        var totalLength: Int?
        var nextProtocol: UInt8?
    }

    enum Outcome {
        case incomplete
        case complete(nextProtocol: UInt8, payload: [UInt8])
    }

    private var pending: [Key: Pending] = [:]
    private var bufferedBytes = 0
    private var oldestFirstSeen = Timestamp(nanoseconds: .max)

    var pendingCount: Int { pending.count }
    var totalBufferedBytes: Int { bufferedBytes }

    /// For tests: the byte accounting matches the buffers, ranges are sorted, disjoint, not adjacent
    /// and inside their buffers, and no datagram is older than the oldest time recorded.
    var invariantsHold: Bool {
        var sum = 0
        for entry in pending.values {
            sum += entry.data.count
            guard entry.firstSeen >= oldestFirstSeen || oldestFirstSeen.nanoseconds == .max else { return false }
            for (a, b) in zip(entry.covered, entry.covered.dropFirst()) where a.upperBound >= b.lowerBound { return false }
            if let last = entry.covered.last, last.upperBound > entry.data.count { return false }
            if let total = entry.totalLength, entry.data.count > total { return false }
        }
        return sum == bufferedBytes
    }

    /// Adds one fragment. `offset` is in bytes; `nextProtocol` is given by the fragment at offset 0
    /// (for IPv6 the fragment header's next header; for IPv4 the header's protocol).
    mutating func insert(key: Key, offset: Int, fragment: UnsafeRawBufferPointer, moreFragments: Bool,
                         nextProtocol: UInt8?, time: Timestamp, limits: DecoderLimits,
                         counters: inout WireCounters) -> Outcome {
        counters.add(.fragmentsReceived)
        let end = offset + fragment.count
        if moreFragments, fragment.count == 0 || fragment.count % 8 != 0 {
            counters.add(.fragmentBadLength)
            return .incomplete
        }
        if end > limits.maxBytesPerDatagram {
            counters.add(.fragmentDatagramTooLarge)
            discard(key)
            return .incomplete
        }
        if pending[key] == nil {
            if pending.count >= limits.maxFragmentedDatagrams {
                expire(now: time, timeout: limits.fragmentTimeout, counters: &counters)
            }
            guard pending.count < limits.maxFragmentedDatagrams else {
                counters.add(.fragmentCapDropped)
                return .incomplete
            }
        }
        var entry = pending.removeValue(forKey: key) ?? Pending(firstSeen: time)
        // The end of the datagram must agree with every fragment.
        if let total = entry.totalLength, end > total || (!moreFragments && end != total) {
            counters.add(.fragmentInconsistentLength)
            dropEntry(entry)
            return .incomplete
        }
        if !moreFragments, let last = entry.covered.last, last.upperBound > end {
            counters.add(.fragmentInconsistentLength)
            dropEntry(entry)
            return .incomplete
        }
        let growth = max(0, end - entry.data.count)
        if bufferedBytes + growth > limits.maxFragmentBytesTotal {
            counters.add(.fragmentCapDropped)
            if !entry.covered.isEmpty { restore(key, entry) }   // a datagram this fragment would start is not kept
            return .incomplete
        }
        if !moreFragments { entry.totalLength = end }
        if offset == 0, let next = nextProtocol { entry.nextProtocol = next }
        if growth > 0 {
            entry.data.append(contentsOf: repeatElement(0, count: growth))
            bufferedBytes += growth
        }
        copyUncovered(into: &entry, offset: offset, fragment: fragment, counters: &counters)
        if entry.covered.count > limits.maxFragmentsPerDatagram {
            counters.add(.fragmentTooManyPieces)
            dropEntry(entry)
            return .incomplete
        }
        if let total = entry.totalLength, let next = entry.nextProtocol, entry.covered.count == 1,
           entry.covered[0] == 0..<total {
            counters.add(.fragmentsReassembled)
            bufferedBytes -= entry.data.count
            entry.data.removeSubrange(total...)
            return .complete(nextProtocol: next, payload: entry.data)
        }
        restore(key, entry)
        return .incomplete
    }

    /// True when `expire` may have something to do at `now` (an inlinable check for the hot path:
    /// false while nothing is pending, `oldestFirstSeen` then being `.max`). May be true spuriously
    /// (a completed datagram leaves a stale oldest time; `expire` then resets it); never false when
    /// something is due.
    @inline(__always) func isDue(now: Timestamp, timeout: Int64) -> Bool {
        now.nanoseconds &- oldestFirstSeen.nanoseconds > timeout
    }

    /// Discards datagrams whose first fragment is older than `timeout` (nanoseconds) at `now`.
    /// Cheap when nothing is due: one comparison against the oldest pending datagram.
    mutating func expire(now: Timestamp, timeout: Int64, counters: inout WireCounters) {
        guard !pending.isEmpty else {
            oldestFirstSeen = Timestamp(nanoseconds: .max)
            return
        }
        guard now.nanoseconds &- oldestFirstSeen.nanoseconds > timeout else { return }
        var oldest = Timestamp(nanoseconds: .max)
        for (key, entry) in pending {
            if now.nanoseconds &- entry.firstSeen.nanoseconds > timeout {
                counters.add(.fragmentTimeout)
                bufferedBytes -= entry.data.count
                pending[key] = nil
            } else if entry.firstSeen < oldest {
                oldest = entry.firstSeen
            }
        }
        oldestFirstSeen = oldest
    }

    private mutating func restore(_ key: Key, _ entry: Pending) {
        if entry.firstSeen < oldestFirstSeen { oldestFirstSeen = entry.firstSeen }
        pending[key] = entry
    }

    private mutating func discard(_ key: Key) {
        if let entry = pending.removeValue(forKey: key) { bufferedBytes -= entry.data.count }
    }

    private mutating func dropEntry(_ entry: Pending) {
        bufferedBytes -= entry.data.count
    }

    /// Copies the parts of `fragment` not yet covered (first data wins) and merges the ranges in
    /// place (no allocation beyond the ranges array's own growth).
    private func copyUncovered(into entry: inout Pending, offset: Int, fragment: UnsafeRawBufferPointer,
                               counters: inout WireCounters) {
        let new = offset..<(offset + fragment.count)
        guard !new.isEmpty else { return }
        var cursor = new.lowerBound
        var overlapped = false
        var conflict = false
        var contained = false
        var mergedNew = new
        var firstTouched = -1
        var lastTouched = -1
        var data: [UInt8] = []
        swap(&data, &entry.data)   // move the buffer out so the ranges can be read while it is written
        do {   // `covered` ends here, so the in-place edit below does not copy the array
            let covered = entry.covered
            data.withUnsafeMutableBytes { data in
                for index in covered.indices {
                    let range = covered[index]
                    if range.upperBound < new.lowerBound { continue }
                    if range.lowerBound > new.upperBound { break }   // sorted: nothing later touches
                    // Touches or overlaps the new fragment: fill the hole before it, compare the overlap.
                    if firstTouched < 0 { firstTouched = index }
                    lastTouched = index
                    if range.lowerBound > cursor {
                        copy(fragment, from: cursor - offset, count: range.lowerBound - cursor, to: data, at: cursor)
                    }
                    let overlap = max(range.lowerBound, new.lowerBound)..<min(range.upperBound, new.upperBound)
                    if !overlap.isEmpty {
                        overlapped = true
                        if range.lowerBound <= new.lowerBound, range.upperBound >= new.upperBound { contained = true }
                        if !conflict {
                            for i in overlap where data[i] != fragment[i - offset] { conflict = true; break }
                        }
                    }
                    cursor = max(cursor, range.upperBound)
                    mergedNew = min(mergedNew.lowerBound, range.lowerBound)..<max(mergedNew.upperBound, range.upperBound)
                }
                if cursor < new.upperBound {
                    copy(fragment, from: cursor - offset, count: new.upperBound - cursor, to: data, at: cursor)
                }
            }
        }
        swap(&data, &entry.data)
        if overlapped {
            counters.add(contained && !conflict ? .fragmentDuplicate : .fragmentOverlap)
            if conflict { counters.add(.fragmentOverlapConflict) }
        }
        if firstTouched < 0 {
            let at = entry.covered.firstIndex { $0.lowerBound > new.lowerBound } ?? entry.covered.endIndex
            entry.covered.insert(new, at: at)
        } else {
            entry.covered.replaceSubrange(firstTouched...lastTouched, with: CollectionOfOne(mergedNew))
        }
    }

    private func copy(_ source: UnsafeRawBufferPointer, from: Int, count: Int, to data: UnsafeMutableRawBufferPointer,
                      at: Int) {
        guard count > 0 else { return }
        data.baseAddress!.advanced(by: at).copyMemory(from: source.baseAddress!.advanced(by: from), byteCount: count)
    }
}
