// MARK: The key -> slot index: open addressing with linear probing and backward-shift deletion.
//
// Each bucket packs the key's 32-bit hash (high half) and the slot number (low half); `emptyBucket`
// marks a free bucket. The load factor stays at or below 1/2 (the table doubles), so probes are short.
// The hash is seeded per table (random seed), so crafted 4-tuples cannot aim at one bucket chain
// across runs; lookups do not depend on the seed's value, so output stays deterministic.

let emptyBucket: UInt64 = .max

extension FlowTable {
    @inline(__always)
    func hash(_ key: FlowKey) -> UInt32 {
        var h = hashSeed
        switch (key.a.address, key.b.address) {
        case (.v4(let p), .v4(let q)):
            h = mix(h ^ (UInt64(p) << 32 | UInt64(q)))
        case (.v4(let p), .v6(let qh, let ql)):
            h = mix(mix(mix(h ^ UInt64(p)) ^ qh) ^ ql)
        case (.v6(let ph, let pl), .v4(let q)):
            h = mix(mix(mix(h ^ ph) ^ pl) ^ UInt64(q))
        case (.v6(let ph, let pl), .v6(let qh, let ql)):
            h = mix(mix(mix(mix(h ^ ph) ^ pl) ^ qh) ^ ql)
        }
        h = mix(h ^ (UInt64(key.a.port) << 16 | UInt64(key.b.port)))
        return UInt32(truncatingIfNeeded: h >> 32)
    }

    /// The slot of `key`, if present; remembers the answer, so that the next segment of the same
    /// connection (about a third of segments follow one of their own) skips the hash probe and its
    /// cache misses.
    @inline(__always)
    mutating func find(_ key: FlowKey) -> Int? {
        if lastFound >= 0, slots[lastFound].key == key { return lastFound }
        guard let slot = lookup(key) else { return nil }
        lastFound = slot
        return slot
    }

    /// The slot of `key`, if present.
    @inline(__always)
    func lookup(_ key: FlowKey) -> Int? {
        let h = hash(key)
        var i = Int(h) & bucketMask
        while true {
            let e = buckets[i]
            if e == emptyBucket { return nil }
            if UInt32(truncatingIfNeeded: e >> 32) == h {
                let slot = Int(UInt32(truncatingIfNeeded: e))
                if slots[slot].key == key { return slot }
            }
            i = (i + 1) & bucketMask
        }
    }

    mutating func indexInsert(_ key: FlowKey, slot: Int) {
        if (indexCount + 1) * 2 > buckets.count { rehash(capacity: buckets.count * 2) }
        let h = hash(key)
        var i = Int(h) & bucketMask
        while buckets[i] != emptyBucket { i = (i + 1) & bucketMask }
        buckets[i] = UInt64(h) << 32 | UInt64(UInt32(slot))
        indexCount += 1
    }

    mutating func indexRemove(_ key: FlowKey, slot: Int) {
        let h = hash(key)
        let packed = UInt64(h) << 32 | UInt64(UInt32(slot))
        var i = Int(h) & bucketMask
        while buckets[i] != packed {
            guard buckets[i] != emptyBucket else { return }
            i = (i + 1) & bucketMask
        }
        // Backward-shift: pull later entries of the probe run into the hole.
        var j = i
        while true {
            j = (j + 1) & bucketMask
            let e = buckets[j]
            if e == emptyBucket { break }
            let home = Int(UInt32(truncatingIfNeeded: e >> 32)) & bucketMask
            // Move e to i unless its home lies cyclically in (i, j].
            let inRange = i <= j ? (home > i && home <= j) : (home > i || home <= j)
            if !inRange {
                buckets[i] = e
                i = j
            }
        }
        buckets[i] = emptyBucket
        indexCount -= 1
    }

    private mutating func rehash(capacity: Int) {
        let old = buckets
        buckets = ContiguousArray(repeating: emptyBucket, count: capacity)
        bucketMask = capacity - 1
        for e in old where e != emptyBucket {
            var i = Int(UInt32(truncatingIfNeeded: e >> 32)) & bucketMask
            while buckets[i] != emptyBucket { i = (i + 1) & bucketMask }
            buckets[i] = e
        }
    }
}

/// Murmur3's 64-bit finaliser.
@inline(__always)
private func mix(_ x: UInt64) -> UInt64 {
    var x = x
    x ^= x >> 33
    x &*= 0xFF51_AFD7_ED55_8CCD
    x ^= x >> 33
    x &*= 0xC4CE_B9FE_1A85_EC53
    x ^= x >> 33
    return x
}
