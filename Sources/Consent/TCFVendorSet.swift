/// A TCF vendor list as encoded on the wire: `{encoding, maxVendorId, ids}`.
///
/// `ids` are sorted, unique, 1-based. Range entries whose end is before their start contribute no
/// ids (as `@iabtcf/core` and `iab-tcf` do).
package struct TCFVendorSet: Equatable, Sendable {
    package enum Encoding: String, Sendable { case bitfield, range }

    package var encoding: Encoding
    package var maxVendorId: Int
    package var ids: [Int]
    /// TCF v1 range encoding only: the consent of vendors not listed.
    package var defaultConsent: Bool?

    package func contains(_ vendorId: Int) -> Bool {
        var lo = 0, hi = ids.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if ids[mid] < vendorId { lo = mid + 1 } else { hi = mid }
        }
        return lo < ids.count && ids[lo] == vendorId
    }

    var json: ConsentJSON {
        var o: [String: ConsentJSON] = [
            "encoding": .string(encoding.rawValue), "maxVendorId": .int(maxVendorId), "ids": .ids(ids),
        ]
        if let d = defaultConsent { o["defaultConsent"] = .bool(d) }
        return .object(o)
    }

    /// Reads `MaxVendorId(16) IsRangeEncoding(1)` then a bitfield or `NumEntries(12)` + entries.
    static func read(_ cursor: inout BitCursor) throws(ConsentDecodeError) -> TCFVendorSet {
        let maxVendorId = try cursor.int(16)
        if try cursor.bool() {
            let ids = try readRangeEntries(&cursor)
            return TCFVendorSet(encoding: .range, maxVendorId: maxVendorId, ids: ids)
        }
        return TCFVendorSet(encoding: .bitfield, maxVendorId: maxVendorId, ids: try cursor.bitfield(maxVendorId))
    }

    /// `NumEntries(12)` then `IsARange(1) Start(16) [End(16)]` entries; returns the covered ids.
    ///
    /// Bounded: ids are collected in a 65,536-bit map, so at most 65,535 ids per list.
    static func readRangeEntries(_ cursor: inout BitCursor) throws(ConsentDecodeError) -> [Int] {
        let count = try cursor.int(12)
        var map = [UInt64](repeating: 0, count: 1024)
        var any = false
        for _ in 0..<count {
            let isRange = try cursor.bool()
            let start = try cursor.int(16)
            let end = isRange ? try cursor.int(16) : start
            guard start <= end else { continue }
            for id in start...end {
                map[id >> 6] |= 1 << UInt64(id & 63)
            }
            any = true
        }
        guard any else { return [] }
        var ids: [Int] = []
        map[0] &= ~1   // id 0 is not a vendor (ids are 1-based)
        for (w, word) in map.enumerated() where word != 0 {
            for b in 0..<64 where word & (1 << UInt64(b)) != 0 { ids.append(w * 64 + b) }
        }
        return ids
    }
}
