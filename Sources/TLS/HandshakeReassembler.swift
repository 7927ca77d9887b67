/// Reassembles handshake messages (RFC 8446 §4: type, 3-byte length, body) of one direction across
/// records, plaintext or decrypted.
///
/// Contract: fragments are copied in; complete messages come out in order as owned bodies. A message
/// longer than `maxMessage` (default 128 KiB) is not buffered: its bytes are skipped as they arrive and
/// it is reported as `.oversized(type)`, so certificate chains never grow memory without bound.
struct HandshakeReassembler {
    static let maxMessage = 1 << 17

    private var buffer: [UInt8] = []
    private var skipRemaining = 0

    enum Message {
        case message(type: UInt8, body: [UInt8])
        case oversized(type: UInt8, length: Int)
    }

    var isEmpty: Bool { buffer.isEmpty && skipRemaining == 0 }

    mutating func append(_ fragment: UnsafeRawBufferPointer) {
        var bytes = fragment
        if skipRemaining > 0 {
            let n = min(skipRemaining, bytes.count)
            skipRemaining -= n
            bytes = UnsafeRawBufferPointer(rebasing: bytes[n...])
        }
        buffer.append(contentsOf: bytes)
    }

    /// The next complete message, or nil when more bytes are needed.
    mutating func next() -> Message? {
        guard skipRemaining == 0, buffer.count >= 4 else { return nil }
        let type = buffer[0]
        let length = Int(buffer[1]) << 16 | Int(buffer[2]) << 8 | Int(buffer[3])
        if length > HandshakeReassembler.maxMessage {
            let have = buffer.count - 4
            if have >= length {
                buffer.removeFirst(4 + length)
            } else {
                skipRemaining = length - have
                buffer.removeAll(keepingCapacity: true)
            }
            return .oversized(type: type, length: length)
        }
        guard buffer.count >= 4 + length else { return nil }
        let body = Array(buffer[4..<(4 + length)])
        buffer.removeFirst(4 + length)
        return .message(type: type, body: body)
    }

    /// Frees the buffer when no message is in progress and it grew beyond `keepingAtMost` bytes.
    mutating func releaseIdleMemory(keepingAtMost limit: Int) {
        if buffer.isEmpty, buffer.capacity > limit { buffer = [] }
    }

    mutating func reset() {
        buffer.removeAll()
        skipRemaining = 0
    }
}
