/// Tests on eight bytes at once (SWAR: bytes in a `UInt64`), for scans that look for the first of a
/// few special bytes. Each returns a word whose byte high bits are set where a byte matches; it is
/// zero exactly when no byte matches (a match may also flag bytes above it: find the first one byte
/// by byte). The classic "has zero byte" / "has byte less than n" tricks.
public enum WordBytes {
    public static let ones: UInt64 = 0x0101_0101_0101_0101
    public static let highs: UInt64 = 0x8080_8080_8080_8080

    /// Flags bytes of `w` equal to `byte`.
    @inlinable
    public static func equal(_ w: UInt64, _ byte: UInt8) -> UInt64 {
        let x = w ^ (ones &* UInt64(byte))
        return (x &- ones) & ~x & highs
    }

    /// Flags bytes of `w` below `n` (exact for `n` <= 0x80).
    @inlinable
    public static func below(_ w: UInt64, _ n: UInt8) -> UInt64 { (w &- ones &* UInt64(n)) & ~w & highs }
}
