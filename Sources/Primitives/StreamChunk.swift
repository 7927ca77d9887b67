/// Which way bytes travel on a connection.
package enum Direction: Sendable, Hashable {
    /// From the connection's client (the side that sent the SYN, or the best guess) to its server.
    case clientToServer
    /// From the server back to the client.
    case serverToClient

    @inlinable package var reversed: Direction { self == .clientToServer ? .serverToClient : .clientToServer }
}

/// Where a byte came from in the capture: its packet's time and its index (0-based) in the run.
///
/// Used to order output by "the request's first packet" deterministically.
package struct PacketRef: Hashable, Comparable, Sendable {
    package var time: Timestamp
    package var index: UInt64
    @inlinable package init(time: Timestamp, index: UInt64) { self.time = time; self.index = index }
    @inlinable package static func < (a: PacketRef, b: PacketRef) -> Bool {
        a.time == b.time ? a.index < b.index : a.time < b.time
    }
    @inlinable package static func == (a: PacketRef, b: PacketRef) -> Bool { a.time == b.time && a.index == b.index }
}

/// Ordered bytes of one direction of a TCP connection, as the reassembler hands them on.
///
/// `bytes` is borrowed for the duration of the call that receives the chunk only; a consumer that
/// needs them later copies them. A chunk with `gapBefore > 0` follows a hole of that many bytes
/// that never arrived (or `Int.max` when the size is unknown): consumers must resynchronise.
package struct StreamChunk {
    package var direction: Direction
    package var bytes: UnsafeRawBufferPointer
    /// Bytes missing just before this chunk; 0 when contiguous with the previous one.
    package var gapBefore: Int
    /// The packet that carried the first byte of this chunk.
    package var firstPacket: PacketRef
    /// Capture time of the packet whose arrival released this chunk.
    package var time: Timestamp

    @inlinable
    package init(direction: Direction, bytes: UnsafeRawBufferPointer, gapBefore: Int = 0,
                 firstPacket: PacketRef, time: Timestamp) {
        self.direction = direction
        self.bytes = bytes
        self.gapBefore = gapBefore
        self.firstPacket = firstPacket
        self.time = time
    }
}
