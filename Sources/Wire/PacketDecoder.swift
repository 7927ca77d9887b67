import Primitives

/// Decodes captured packets down to TCP or UDP of the innermost IP packet.
///
/// Layers: Ethernet (802.3 length frames counted and skipped), 802.1Q / QinQ tags, MPLS, PPPoE
/// session, Linux cooked v1/v2, raw IP, BSD NULL/LOOP, NFLOG; IPv4 (options checked, skipped) and IPv6
/// (extension headers walked), fragments reassembled with bounds; VXLAN, GENEVE, GRE (incl. ERSPAN
/// II/III) and IP-in-IP decapsulated up to `maxTunnelDepth`.
///
/// Contract:
/// - `decode` borrows `bytes` for the call; every `TransportPacket` handed to `deliver` borrows
///   either those bytes or a reassembly buffer, valid only during the `deliver` call.
/// - Lengths come from headers: Ethernet padding after the IP total length is never payload.
/// - A packet cut by snaplen (IP length > captured) is truncated, not malformed: the decoder counts
///   `ipv4_total_length_exceeds_capture` / `ipv6_payload_length_exceeds_capture` and still delivers
///   a TCP segment whose header is complete, with the captured part of its payload only, counting
///   `tcp_payload_truncated_by_snaplen` (UDP likewise). A truncated fragment is not reassembled.
/// - Malformed input is counted per reason (see `WireCounter`), never fatal; checksums are not
///   verified (offload makes them unreliable in captures).
/// - No allocation on the per-packet path except fragment reassembly.
package struct PacketDecoder {
    let limits: DecoderLimits
    var stats = WireCounters()
    var fragments = FragmentReassembler()

    package init(limits: DecoderLimits = DecoderLimits()) {
        self.limits = limits
    }

    /// Non-zero counters by stable name, built on demand.
    package var counters: CounterSet { stats.counterSet }

    /// Decodes one packet; calls `deliver` zero or more times with TCP/UDP of the innermost IP packet
    /// (a completed fragment train delivers once when its last fragment arrives). Payload bytes are
    /// valid only during the call.
    package mutating func decode(_ bytes: UnsafeRawBufferPointer, linkType: LinkType, packet: PacketRef,
                                 _ deliver: (TransportPacket) -> Void) {
        stats.add(.packets)
        if fragments.isDue(now: packet.time, timeout: limits.fragmentTimeout) {
            fragments.expire(now: packet.time, timeout: limits.fragmentTimeout, counters: &stats)
        }
        var context = Context(packet: packet, depth: 0)
        // Integer cases (LINKTYPE_* numbers) keep this switch free of generic `==` calls.
        switch linkType.rawValue {
        case LinkType.ethernet.rawValue: decodeEthernet(bytes, &context, deliver)
        case LinkType.raw.rawValue: decodeIPByVersion(bytes, &context, deliver)
        case LinkType.ipv4.rawValue: decodeIPv4(bytes, &context, deliver)
        case LinkType.ipv6.rawValue: decodeIPv6(bytes, &context, deliver)
        case LinkType.null.rawValue: decodeLoopback(bytes, networkOrder: false, &context, deliver)
        case LinkType.loop.rawValue: decodeLoopback(bytes, networkOrder: true, &context, deliver)
        case LinkType.linuxSLL.rawValue: decodeSLL(bytes, &context, deliver)
        case LinkType.linuxSLL2.rawValue: decodeSLL2(bytes, &context, deliver)
        case LinkType.nflog.rawValue: decodeNFLOG(bytes, &context, deliver)
        default: stats.add(.unsupportedLinkType)
        }
    }

    /// Discards fragment trains older than `fragmentTimeout` at `now` without decoding a packet:
    /// for a live capture's idle periods (the edge injects the time; the core reads no clock).
    package mutating func expireFragments(now: Timestamp) {
        fragments.expire(now: now, timeout: limits.fragmentTimeout, counters: &stats)
    }

    /// What travels down the layers of one packet.
    struct Context {
        let packet: PacketRef
        /// Decapsulations so far (0 for the outer packet).
        var depth: Int
    }

    @inline(__always) mutating func record(_ error: WireError) { stats.add(error.reason) }

    /// Enters one more tunnel level; false (and counted) when `maxTunnelDepth` would be exceeded.
    mutating func enterTunnel(_ context: inout Context, _ counter: WireCounter) -> Bool {
        guard context.depth < limits.maxTunnelDepth else {
            stats.add(.tunnelDepthExceeded)
            return false
        }
        context.depth += 1
        stats.add(counter)
        return true
    }
}
