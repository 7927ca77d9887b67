/// A growable byte buffer written through a pointer, for text built without `String`s on hot paths
/// (JSON lines, timestamps, addresses): a value costs one capacity check, not an array append per
/// byte with its uniqueness check. `reserve` makes room; the caller writes there and adds to `count`.
/// A reference type: an owner that needs value semantics copies it (`copy()`) before writing.
public final class ByteBuffer {
    public private(set) var base: UnsafeMutablePointer<UInt8>
    public var count = 0
    @usableFromInline var capacity: Int

    public init(capacity: Int = 64) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// The bytes written so far (a copy).
    public var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

    /// The bytes as text (ASCII or UTF-8 written by the caller).
    public var text: String { String(decoding: UnsafeBufferPointer(start: base, count: count), as: UTF8.self) }

    public func copy() -> ByteBuffer {
        let c = ByteBuffer(capacity: capacity)
        c.base.update(from: base, count: count)
        c.count = count
        return c
    }

    /// Room for `n` more bytes; returns where they go (valid until the next `reserve`).
    @inlinable
    public func reserve(_ n: Int) -> UnsafeMutablePointer<UInt8> {
        if count + n > capacity { grow(count + n) }
        return base + count
    }

    @inlinable
    public func append(_ byte: UInt8) {
        if count == capacity { grow(count + 1) }
        base[count] = byte
        count += 1
    }

    @inlinable
    public func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, bytes.count > 0 else { return }
        reserve(bytes.count).update(from: source, count: bytes.count)
        count += bytes.count
    }

    /// Appends text given as a literal.
    @inlinable
    public func append(_ text: StaticString) {
        if text.hasPointerRepresentation {
            append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
        } else {
            text.withUTF8Buffer { append($0) }   // a literal stored as one Unicode scalar
        }
    }

    /// Appends the UTF-8 bytes of `text`.
    public func append(utf8 text: String) {
        var text = text
        text.withUTF8 { append($0) }
    }

    public func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R { body(UnsafeBufferPointer(start: base, count: count)) }

    @usableFromInline
    func grow(_ needed: Int) {
        var c = capacity * 2
        while c < needed { c *= 2 }
        let new = UnsafeMutablePointer<UInt8>.allocate(capacity: c)
        new.update(from: base, count: count)
        base.deallocate()
        base = new
        capacity = c
    }

    // MARK: Decimal numbers (ASCII; division by the constant 10 is a multiplication)

    /// Appends `value` in decimal (no sign, no padding).
    @inlinable
    public func appendDecimal(_ value: UInt64) {
        var digits = 1
        var m = value
        while m >= 10 { m /= 10; digits += 1 }
        let p = reserve(digits)
        var rest = value
        var i = digits
        repeat {
            i -= 1
            p[i] = UInt8(truncatingIfNeeded: rest % 10) &+ 0x30
            rest /= 10
        } while rest != 0
        count += digits
    }

    /// Appends `value` in decimal, with a leading `-` when negative (as `String(value)` does).
    @inlinable
    public func appendDecimal(_ value: Int) {
        if value < 0 { append(UInt8(ascii: "-")) }
        appendDecimal(UInt64(value.magnitude))
    }

    /// Appends `String(value)` left-padded with zeros to `width` bytes (the sign, if any, is
    /// counted in the width and follows the zeros, as string padding does).
    @inlinable
    public func appendZeroPadded(_ value: Int, width: Int) {
        var digits = 1
        var m = value.magnitude
        while m >= 10 { m /= 10; digits += 1 }
        let length = digits + (value < 0 ? 1 : 0)
        if length < width { for _ in length..<width { append(UInt8(ascii: "0")) } }
        appendDecimal(value)
    }
}
