import Primitives

/// A symmetric flow hash over raw captured bytes: both directions of a connection give the same value,
/// so a dispatcher can send them to the same worker (gopacket `Flow.FastHash` is commutative the same way).
///
/// Reads only fixed headers, validating each length before reading: Ethernet (up to two VLAN/QinQ tags),
/// Linux SLL and SLL2, raw IPv4/IPv6, BSD null/loop. TCP is hashed on (addresses, ports). UDP is hashed
/// on addresses only (tunnels such as VXLAN pick outer source ports per inner flow, so their two
/// directions need not share ports). IPv4/IPv6 fragments are hashed on addresses only, so that every
/// fragment of a datagram meets the others in one worker (a TCP connection that is both fragmented and
/// not would then be split between two workers: rare, since TCP avoids fragmentation with PMTUD).
/// Anything not understood hashes to 0 (worker 0). Never reads out of bounds; borrows `bytes` only
/// during the call.
package enum FlowHash {
    /// What the dispatcher needs from a packet.
    package struct Key: Equatable, Sendable {
        /// Symmetric hash (0 when the packet was not understood).
        package var hash: UInt64
        /// A UDP datagram from or to port 53: DNS answers are broadcast so every worker learns names.
        package var isDNS: Bool
    }

    package static func key(_ bytes: UnsafeRawBufferPointer, linkType: LinkType) -> Key {
        guard let (offset, ethertype) = networkOffset(bytes, linkType: linkType) else { return Key(hash: 0, isDNS: false) }
        switch ethertype {
        case 0x0800: return ipv4(bytes, at: offset)
        case 0x86DD: return ipv6(bytes, at: offset)
        default: return Key(hash: 0, isDNS: false)
        }
    }

    /// Worker index for a hash among `count` workers.
    package static func worker(for hash: UInt64, count: Int) -> Int {
        count <= 1 ? 0 : Int(hash % UInt64(count))
    }

    // MARK: - Link layer

    /// Offset of the network header and its EtherType (0x0800 IPv4, 0x86DD IPv6), or nil.
    static func networkOffset(_ b: UnsafeRawBufferPointer, linkType: LinkType) -> (Int, UInt16)? {
        switch linkType {
        case .ethernet:
            guard b.count >= 14 else { return nil }
            var offset = 12
            var type = b.loadBigEndianUInt16(at: offset)
            var tags = 0
            while (type == 0x8100 || type == 0x88A8 || type == 0x9100), tags < 2 {
                offset += 4
                guard b.count >= offset + 2 else { return nil }
                type = b.loadBigEndianUInt16(at: offset)
                tags += 1
            }
            return (offset + 2, type)
        case .linuxSLL:
            guard b.count >= 16 else { return nil }
            return (16, b.loadBigEndianUInt16(at: 14))
        case .linuxSLL2:
            guard b.count >= 20 else { return nil }
            return (20, b.loadBigEndianUInt16(at: 0))
        case .raw, .ipv4, .ipv6:
            guard let first = b.first else { return nil }
            switch first >> 4 {
            case 4: return (0, 0x0800)
            case 6: return (0, 0x86DD)
            default: return nil
            }
        case .null, .loop:
            guard b.count >= 5 else { return nil }
            switch b[4] >> 4 {
            case 4: return (4, 0x0800)
            case 6: return (4, 0x86DD)
            default: return nil
            }
        default:
            return nil
        }
    }

    // MARK: - Network and transport

    static func ipv4(_ b: UnsafeRawBufferPointer, at o: Int) -> Key {
        guard b.count >= o + 20, b[o] >> 4 == 4 else { return Key(hash: 0, isDNS: false) }
        let ihl = Int(b[o] & 0x0F) * 4
        let fragment = b.loadBigEndianUInt16(at: o + 6) & 0x3FFF  // MF flag or a non-zero offset
        let src = UInt64(b.loadBigEndianUInt32(at: o + 12))
        let dst = UInt64(b.loadBigEndianUInt32(at: o + 16))
        let proto = b[o + 9]
        return transport(b, at: o + ihl, proto: proto, fragment: fragment != 0 || ihl < 20,
                         a: (src, 0), z: (dst, 0))
    }

    static func ipv6(_ b: UnsafeRawBufferPointer, at o: Int) -> Key {
        guard b.count >= o + 40, b[o] >> 4 == 6 else { return Key(hash: 0, isDNS: false) }
        let a = (b.loadBigEndianUInt64(at: o + 8), b.loadBigEndianUInt64(at: o + 16))
        let z = (b.loadBigEndianUInt64(at: o + 24), b.loadBigEndianUInt64(at: o + 32))
        var next = b[o + 6]
        var offset = o + 40
        var fragment = false
        // Hop-by-hop, routing and destination options may precede the transport header.
        var hops = 0
        while hops < 8 {
            if next == 44 { fragment = true; break }
            guard next == 0 || next == 43 || next == 60, b.count >= offset + 2 else { break }
            next = b[offset]
            offset += (Int(b[offset + 1]) + 1) * 8
            hops += 1
        }
        return transport(b, at: offset, proto: next, fragment: fragment, a: a, z: z)
    }

    static func transport(_ b: UnsafeRawBufferPointer, at o: Int, proto: UInt8, fragment: Bool,
                          a: (UInt64, UInt64), z: (UInt64, UInt64)) -> Key {
        let addressOnly = mix(a.0 ^ mix(a.1)) &+ mix(z.0 ^ mix(z.1))
        guard !fragment, b.count >= o + 4, proto == 6 || proto == 17 else {
            return Key(hash: mix(addressOnly), isDNS: false)
        }
        let sp = UInt64(b.loadBigEndianUInt16(at: o)), dp = UInt64(b.loadBigEndianUInt16(at: o + 2))
        if proto == 17 { return Key(hash: mix(addressOnly), isDNS: sp == 53 || dp == 53) }
        let h = mix(a.0 ^ mix(a.1 ^ (sp << 48))) &+ mix(z.0 ^ mix(z.1 ^ (dp << 48)))
        return Key(hash: mix(h), isDNS: false)
    }

    /// SplitMix64 finaliser: a cheap, well-spread 64-bit mix.
    static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
