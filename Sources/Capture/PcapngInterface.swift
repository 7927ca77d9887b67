import Primitives

/// What an Interface Description Block says about the packets of one interface (pcapng,
/// draft-ietf-opsawg-pcapng §4.2): link type, snapshot length and how to turn its 64-bit
/// timestamps into nanoseconds (`if_tsresol`, option 9; `if_tsoffset`, option 14).
struct PcapngInterface: Equatable {
    var linkType: LinkType
    var snapLength: UInt32
    var resolution: PcapngTimestampResolution
    /// `if_tsoffset`: seconds added to every timestamp of this interface.
    var offsetSeconds: Int64

    /// Nanoseconds since the epoch for a raw timestamp in this interface's units (wrapping on
    /// absurd values rather than trapping).
    func timestamp(high: UInt32, low: UInt32) -> Timestamp {
        let units = UInt64(high) << 32 | UInt64(low)
        return Timestamp(nanoseconds: resolution.nanoseconds(units) &+ offsetSeconds &* 1_000_000_000)
    }
}

/// The `if_tsresol` value: units of 10^-n seconds (high bit clear) or 2^-n seconds (high bit set).
/// Default (no option) is 10^-6.
struct PcapngTimestampResolution: Equatable {
    private enum Scale: Equatable {
        case multiply(Int64)      // 10^-n with n <= 9
        case divide(UInt64)       // 10^-n with 9 < n <= 28
        case zero                 // 10^-n with n > 28: every timestamp is below a nanosecond
        case binary(shift: Int)   // 2^-n
    }
    private let scale: Scale

    /// The raw `if_tsresol` byte.
    init(optionByte: UInt8) {
        let n = Int(optionByte & 0x7F)
        if optionByte & 0x80 != 0 {
            scale = .binary(shift: n)
        } else if n <= 9 {
            var m: Int64 = 1
            for _ in 0..<(9 - n) { m *= 10 }
            scale = .multiply(m)
        } else if n - 9 <= 19 {
            var d: UInt64 = 1
            for _ in 0..<(n - 9) { d *= 10 }
            scale = .divide(d)
        } else {
            scale = .zero
        }
    }

    static let microseconds = PcapngTimestampResolution(optionByte: 6)

    /// Converts a count of units to nanoseconds.
    func nanoseconds(_ units: UInt64) -> Int64 {
        switch scale {
        case .multiply(let m): return Int64(truncatingIfNeeded: units) &* m
        case .divide(let d): return Int64(truncatingIfNeeded: units / d)
        case .zero: return 0
        case .binary(let shift):
            // units * 1e9 / 2^shift, with a 128-bit product so nothing overflows before the shift.
            let (high, low) = units.multipliedFullWidth(by: 1_000_000_000)
            if shift == 0 { return Int64(truncatingIfNeeded: low) }
            if shift >= 128 { return 0 }
            if shift >= 64 { return Int64(truncatingIfNeeded: high >> UInt64(shift - 64)) }
            return Int64(truncatingIfNeeded: (low >> UInt64(shift)) | (high << UInt64(64 - shift)))
        }
    }
}
