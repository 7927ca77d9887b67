/// A TCP sequence number with modular arithmetic (RFC 9293 §3.4: comparisons are modulo 2^32).
///
/// `distance(from:)` is the signed difference interpreted in [-2^31, 2^31): the ordering it gives
/// (and `<`) is only meaningful for numbers less than 2^31 apart, which holds for any two sequence
/// numbers of one live connection window. Wrap-around across 2^32 is handled by this type alone.
public struct SequenceNumber: Hashable, Sendable {
    public var rawValue: UInt32

    public init(_ rawValue: UInt32) { self.rawValue = rawValue }

    /// Signed distance from `other` to `self`: positive when `self` comes after `other`.
    @inline(__always)
    public func distance(from other: SequenceNumber) -> Int {
        Int(Int32(bitPattern: rawValue &- other.rawValue))
    }

    /// The number `n` bytes later (or earlier for negative `n`), wrapping modulo 2^32.
    @inline(__always)
    public func advanced(by n: Int) -> SequenceNumber {
        SequenceNumber(rawValue &+ UInt32(truncatingIfNeeded: n))
    }
}

extension SequenceNumber: Comparable {
    /// Modular order: `a < b` when `b` is less than 2^31 ahead of `a`.
    @inline(__always)
    public static func < (a: SequenceNumber, b: SequenceNumber) -> Bool { a.distance(from: b) < 0 }
}

extension SequenceNumber: CustomStringConvertible {
    public var description: String { String(rawValue) }
}
