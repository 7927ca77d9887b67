import Primitives

/// Why a flow's client and server were assigned the way they were.
public enum RoleEvidence: Sendable, Hashable {
    /// The first segment seen was a SYN without ACK: its sender is the client.
    case syn
    /// The first segment seen was a SYN+ACK: its sender is the server.
    case synAck
    /// Mid-stream pickup: one port is a well-known (< 1024) or common service port; that side is the
    /// server (the lower port when both are).
    case portHeuristic
    /// Mid-stream pickup with no port evidence: the sender of the first segment is taken as the client.
    case firstPacket
}

/// Why a flow ended; every opened flow is closed exactly once.
public enum CloseReason: Sendable, Hashable {
    /// Both directions sent FIN and all data up to them was delivered or declared lost.
    case fin
    /// A RST was seen (from either side).
    case rst
    /// No segment for `StreamLimits.idleTimeout` of packet time.
    case idleTimeout
    /// Removed to make room (flow cap), or replaced by a new connection (SYN) on the same 4-tuple.
    case evicted
    /// `finish(now:)` at the end of the capture.
    case endOfCapture
}

/// Identity and roles of one TCP connection, as handed to `StreamHandler` callbacks.
public struct FlowInfo: Sendable, Hashable {
    /// 1, 2, ... in order of creation within one reassembler.
    public var id: UInt64
    public var client: Endpoint
    public var server: Endpoint
    public var roleEvidence: RoleEvidence
    /// The packet that created the flow.
    public var firstPacket: PacketRef

    public init(id: UInt64, client: Endpoint, server: Endpoint, roleEvidence: RoleEvidence, firstPacket: PacketRef) {
        self.id = id
        self.client = client
        self.server = server
        self.roleEvidence = roleEvidence
        self.firstPacket = firstPacket
    }
}
