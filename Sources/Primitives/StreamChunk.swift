/// Which way bytes travel on a connection.
public enum Direction: Sendable, Hashable {
    /// From the connection's client (the side that sent the SYN, or the best guess) to its server.
    case clientToServer
    /// From the server back to the client.
    case serverToClient

    @inlinable public var reversed: Direction { self == .clientToServer ? .serverToClient : .clientToServer }
}

/// Where a byte came from in the capture: its packet's time and its index (0-based) in the run.
///
/// Used to order output by "the request's first packet" deterministically.
public struct PacketRef: Hashable, Comparable, Sendable {
    public var time: Timestamp
    public var index: UInt64
    @inlinable public init(time: Timestamp, index: UInt64) { self.time = time; self.index = index }
    @inlinable public static func < (a: PacketRef, b: PacketRef) -> Bool {
        a.time == b.time ? a.index < b.index : a.time < b.time
    }
    @inlinable public static func == (a: PacketRef, b: PacketRef) -> Bool { a.time == b.time && a.index == b.index }
}

/// Ordered bytes of one direction of a TCP connection, as the reassembler hands them on.
///
/// `bytes` is borrowed for the duration of the call that receives the chunk only; a consumer that
/// needs them later copies them. A chunk with `gapBefore > 0` follows a hole of that many bytes
/// that never arrived (or `Int.max` when the size is unknown): consumers must resynchronise.
public struct StreamChunk {
    public var direction: Direction
    public var bytes: UnsafeRawBufferPointer
    /// Bytes missing just before this chunk; 0 when contiguous with the previous one.
    public var gapBefore: Int
    /// The packet that carried the first byte of this chunk.
    public var firstPacket: PacketRef
    /// Capture time of the packet whose arrival released this chunk.
    public var time: Timestamp

    @inlinable
    public init(direction: Direction, bytes: UnsafeRawBufferPointer, gapBefore: Int = 0,
                 firstPacket: PacketRef, time: Timestamp) {
        self.direction = direction
        self.bytes = bytes
        self.gapBefore = gapBefore
        self.firstPacket = firstPacket
        self.time = time
    }
}
