/// Appending decimal numbers to byte buffers, for writers that build text without `String`s
/// (JSON lines, timestamps, addresses). ASCII only; no allocation beyond the buffer's growth.
extension Array where Element == UInt8 {
    /// Appends `value` in decimal (no sign, no padding).
    /// Digits are produced last first into a small stack buffer (division by the constant 10 is a
    /// multiplication; a variable divisor per digit was a measured cost of writing JSON rows).
    @inlinable
    package mutating func appendDecimal(_ value: UInt64) {
        if value < 10 {
            append(UInt8(truncatingIfNeeded: value) &+ 0x30)
            return
        }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var i = 20
            var rest = value
            repeat {
                i -= 1
                digits[i] = UInt8(truncatingIfNeeded: rest % 10) &+ 0x30
                rest /= 10
            } while rest != 0
            append(contentsOf: UnsafeBufferPointer(rebasing: digits[i...]))
        }
    }

    /// Appends `value` in decimal, with a leading `-` when negative (as `String(value)` does).
    @inlinable
    package mutating func appendDecimal(_ value: Int) {
        if value < 0 { append(UInt8(ascii: "-")) }
        appendDecimal(UInt64(value.magnitude))
    }

    /// Appends `String(value)` left-padded with zeros to `width` bytes (the sign, if any, is
    /// counted in the width and follows the zeros, as string padding does).
    @inlinable
    package mutating func appendZeroPadded(_ value: Int, width: Int) {
        var digits = 1
        var m = value.magnitude
        while m >= 10 { m /= 10; digits += 1 }
        let length = digits + (value < 0 ? 1 : 0)
        if length < width { for _ in length..<width { append(UInt8(ascii: "0")) } }
        appendDecimal(value)
    }
}
