/// A bounds-checked forward reader over borrowed bytes, for handshake structures.
///
/// Contract: the bytes are borrowed for the cursor's lifetime; every read checks bounds and throws
/// `TLSError.truncated` with the offset instead of trapping. Offsets are relative to `start`.
struct ByteCursor {
    let bytes: UnsafeRawBufferPointer
    private(set) var offset: Int
    let end: Int

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
        self.offset = 0
        self.end = bytes.count
    }

    private init(bytes: UnsafeRawBufferPointer, offset: Int, end: Int) {
        self.bytes = bytes
        self.offset = offset
        self.end = end
    }

    var remaining: Int { end - offset }
    var isAtEnd: Bool { offset >= end }

    private func need(_ n: Int) throws(TLSError) {
        guard n <= remaining else { throw .truncated(offset: offset, needed: n, available: remaining) }
    }

    mutating func u8() throws(TLSError) -> UInt8 {
        try need(1)
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func u16() throws(TLSError) -> UInt16 {
        try need(2)
        defer { offset += 2 }
        return UInt16(bytes[offset]) << 8 | UInt16(bytes[offset + 1])
    }

    mutating func u24() throws(TLSError) -> Int {
        try need(3)
        defer { offset += 3 }
        return Int(bytes[offset]) << 16 | Int(bytes[offset + 1]) << 8 | Int(bytes[offset + 2])
    }

    mutating func bytes(_ n: Int) throws(TLSError) -> [UInt8] {
        try need(n)
        defer { offset += n }
        return Array(UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + n)]))
    }

    mutating func skip(_ n: Int) throws(TLSError) {
        try need(n)
        offset += n
    }

    /// A sub-cursor over the next `n` bytes (offsets stay relative to the same start); advances past them.
    mutating func sub(_ n: Int) throws(TLSError) -> ByteCursor {
        try need(n)
        defer { offset += n }
        return ByteCursor(bytes: bytes, offset: offset, end: offset + n)
    }

    /// A sub-cursor over a vector with a 1- or 2-byte length prefix.
    mutating func vector(lengthBytes: Int) throws(TLSError) -> ByteCursor {
        let n = lengthBytes == 1 ? Int(try u8()) : Int(try u16())
        return try sub(n)
    }

    /// A hello's extension list, read as an observer does: a list length running past the message
    /// is read up to the message's end, and `truncated` says so.
    mutating func extensionList() throws(TLSError) -> (list: ByteCursor, truncated: Bool) {
        let length = Int(try u16())
        let list = try sub(min(length, remaining))
        return (list, length > list.remaining)
    }

    /// The next extension of a list (type and data), or nil when its framing breaks (the list ends there).
    mutating func nextExtension() -> (type: UInt16, data: ByteCursor)? {
        do throws(TLSError) {
            let type = try u16()
            return (type, try vector(lengthBytes: 2))
        } catch {
            return nil
        }
    }
}
