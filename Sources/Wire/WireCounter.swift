import Primitives

/// Everything the packet decoder counts, with its stable snake_case name.
///
/// Three kinds: plain counts of what was seen (`tcp_segments`, `non_ip_ethertype`), truncation by
/// snaplen (`*_truncated`, `*_by_snaplen`: the capture is short, the protocol is fine) and malformed
/// input (`ipv4_bad_header_length`...). Caps that drop data are `fragment_*` and `*_too_many_*`.
/// Names never change once shipped; reports and tests match on them.
package enum WireCounter: Int, CaseIterable, Sendable {
    // What was seen
    case packets, tcpSegments, udpDatagrams, nonIPEtherType, ethernetLengthFrame, ipProtocolNotDecoded
    case ipv4TotalLengthZero, ipv6Jumbogram, ipv6ESPNotDecoded, ipv6NoNextHeader, ipv6AtomicFragment
    case fragmentsReceived, fragmentsReassembled, pppoeNonIP, mplsUnknownPayload, sllNonIPProtocol
    case vxlanDecapsulated, geneveDecapsulated, greDecapsulated, erspanDecapsulated, ipInIPDecapsulated
    // Cut short by the capture's snaplen
    case ethernetTruncated, vlanTruncated, mplsTruncated, pppoeTruncated, sllTruncated, sll2Truncated
    case nullTruncated, nflogTruncated, ipv4Truncated, ipv6Truncated, ipv4TotalLengthExceedsCapture
    case ipv6PayloadLengthExceedsCapture, ipv6ExtHeaderTruncated, tcpTruncated, tcpPayloadTruncatedBySnaplen
    case udpTruncated, udpPayloadTruncatedBySnaplen, greTruncated, vxlanTruncated, geneveTruncated
    case erspanTruncated, fragmentTruncatedDropped
    // Malformed or unsupported
    case unsupportedLinkType, nullUnknownFamily, nflogBadTLV, nflogNoPayload, ipBadVersion
    case ipv4BadHeaderLength, ipv4BadTotalLength, ipv4BadOptions, ipv6TooManyExtHeaders, ipv6NestedFragment
    case tcpBadDataOffset, tcpBadOptions, udpBadLength, vlanTooManyTags, mplsTooManyLabels, pppoeBadHeader
    case greUnsupportedVersion, greRoutingUnsupported, geneveBadVersion, vxlanBadFlags, erspanBadVersion
    case tunnelDepthExceeded
    // Fragment reassembly
    case fragmentBadLength, fragmentDatagramTooLarge, fragmentCapDropped, fragmentTimeout, fragmentOverlap
    case fragmentOverlapConflict, fragmentDuplicate, fragmentInconsistentLength, fragmentTooManyPieces

    /// What a counter means for a run summary.
    package enum Kind: Sendable {
        /// A plain count of what was seen (segments, decapsulations, non-IP frames).
        case seen
        /// Cut short by the capture's snaplen: the capture is short, the protocol is fine.
        case truncated
        /// Malformed or odd input (bad lengths, versions, overlapping fragments).
        case anomaly
        /// Valid input this decoder does not handle (link types, GRE versions).
        case unsupported
        /// Dropped by a cap or a time-out of `DecoderLimits`.
        case capDropped
    }

    package var kind: Kind {
        switch self {
        case .packets, .tcpSegments, .udpDatagrams, .nonIPEtherType, .ethernetLengthFrame, .ipProtocolNotDecoded,
             .ipv4TotalLengthZero, .ipv6Jumbogram, .ipv6ESPNotDecoded, .ipv6NoNextHeader, .ipv6AtomicFragment,
             .fragmentsReceived, .fragmentsReassembled, .pppoeNonIP, .mplsUnknownPayload, .sllNonIPProtocol,
             .vxlanDecapsulated, .geneveDecapsulated, .greDecapsulated, .erspanDecapsulated, .ipInIPDecapsulated,
             .nflogNoPayload:   // legitimate with a copy range of 0 (metadata only)
            .seen
        case .ethernetTruncated, .vlanTruncated, .mplsTruncated, .pppoeTruncated, .sllTruncated, .sll2Truncated,
             .nullTruncated, .nflogTruncated, .ipv4Truncated, .ipv6Truncated, .ipv4TotalLengthExceedsCapture,
             .ipv6PayloadLengthExceedsCapture, .ipv6ExtHeaderTruncated, .tcpTruncated, .tcpPayloadTruncatedBySnaplen,
             .udpTruncated, .udpPayloadTruncatedBySnaplen, .greTruncated, .vxlanTruncated, .geneveTruncated,
             .erspanTruncated, .fragmentTruncatedDropped:
            .truncated
        case .nullUnknownFamily, .nflogBadTLV, .ipBadVersion, .ipv4BadHeaderLength,
             .ipv4BadTotalLength, .ipv4BadOptions, .ipv6NestedFragment, .tcpBadDataOffset, .tcpBadOptions,
             .udpBadLength, .pppoeBadHeader, .geneveBadVersion, .vxlanBadFlags, .erspanBadVersion, .fragmentBadLength,
             .fragmentOverlap, .fragmentOverlapConflict, .fragmentDuplicate, .fragmentInconsistentLength:
            .anomaly
        case .unsupportedLinkType, .greUnsupportedVersion, .greRoutingUnsupported:
            .unsupported
        case .vlanTooManyTags, .mplsTooManyLabels, .ipv6TooManyExtHeaders, .tunnelDepthExceeded,
             .fragmentDatagramTooLarge, .fragmentCapDropped, .fragmentTimeout, .fragmentTooManyPieces:
            .capDropped
        }
    }

    /// The counter with this stable name, if any (for reports that classify a `CounterSet`).
    package init?(name: String) {
        guard let found = WireCounter.allCases.first(where: { $0.name == name }) else { return nil }
        self = found
    }

    /// The stable snake_case name used in `CounterSet` and reports.
    package var name: String {
        switch self {
        case .packets: "packets"
        case .tcpSegments: "tcp_segments"
        case .udpDatagrams: "udp_datagrams"
        case .nonIPEtherType: "non_ip_ethertype"
        case .ethernetLengthFrame: "ethernet_length_frame"
        case .ipProtocolNotDecoded: "ip_protocol_not_decoded"
        case .ipv4TotalLengthZero: "ipv4_total_length_zero"
        case .ipv6Jumbogram: "ipv6_jumbogram"
        case .ipv6ESPNotDecoded: "ipv6_esp_not_decoded"
        case .ipv6NoNextHeader: "ipv6_no_next_header"
        case .ipv6AtomicFragment: "ipv6_atomic_fragment"
        case .fragmentsReceived: "fragments_received"
        case .fragmentsReassembled: "fragments_reassembled"
        case .pppoeNonIP: "pppoe_non_ip"
        case .mplsUnknownPayload: "mpls_unknown_payload"
        case .sllNonIPProtocol: "sll_non_ip_protocol"
        case .vxlanDecapsulated: "vxlan_decapsulated"
        case .geneveDecapsulated: "geneve_decapsulated"
        case .greDecapsulated: "gre_decapsulated"
        case .erspanDecapsulated: "erspan_decapsulated"
        case .ipInIPDecapsulated: "ip_in_ip_decapsulated"
        case .ethernetTruncated: "ethernet_truncated"
        case .vlanTruncated: "vlan_truncated"
        case .mplsTruncated: "mpls_truncated"
        case .pppoeTruncated: "pppoe_truncated"
        case .sllTruncated: "sll_truncated"
        case .sll2Truncated: "sll2_truncated"
        case .nullTruncated: "null_truncated"
        case .nflogTruncated: "nflog_truncated"
        case .ipv4Truncated: "ipv4_truncated"
        case .ipv6Truncated: "ipv6_truncated"
        case .ipv4TotalLengthExceedsCapture: "ipv4_total_length_exceeds_capture"
        case .ipv6PayloadLengthExceedsCapture: "ipv6_payload_length_exceeds_capture"
        case .ipv6ExtHeaderTruncated: "ipv6_ext_header_truncated"
        case .tcpTruncated: "tcp_truncated"
        case .tcpPayloadTruncatedBySnaplen: "tcp_payload_truncated_by_snaplen"
        case .udpTruncated: "udp_truncated"
        case .udpPayloadTruncatedBySnaplen: "udp_payload_truncated_by_snaplen"
        case .greTruncated: "gre_truncated"
        case .vxlanTruncated: "vxlan_truncated"
        case .geneveTruncated: "geneve_truncated"
        case .erspanTruncated: "erspan_truncated"
        case .fragmentTruncatedDropped: "fragment_truncated_dropped"
        case .unsupportedLinkType: "unsupported_link_type"
        case .nullUnknownFamily: "null_unknown_family"
        case .nflogBadTLV: "nflog_bad_tlv"
        case .nflogNoPayload: "nflog_no_payload"
        case .ipBadVersion: "ip_bad_version"
        case .ipv4BadHeaderLength: "ipv4_bad_header_length"
        case .ipv4BadTotalLength: "ipv4_bad_total_length"
        case .ipv4BadOptions: "ipv4_bad_options"
        case .ipv6TooManyExtHeaders: "ipv6_too_many_ext_headers"
        case .ipv6NestedFragment: "ipv6_nested_fragment"
        case .tcpBadDataOffset: "tcp_bad_data_offset"
        case .tcpBadOptions: "tcp_bad_options"
        case .udpBadLength: "udp_bad_length"
        case .vlanTooManyTags: "vlan_too_many_tags"
        case .mplsTooManyLabels: "mpls_too_many_labels"
        case .pppoeBadHeader: "pppoe_bad_header"
        case .greUnsupportedVersion: "gre_unsupported_version"
        case .greRoutingUnsupported: "gre_routing_unsupported"
        case .geneveBadVersion: "geneve_bad_version"
        case .vxlanBadFlags: "vxlan_bad_flags"
        case .erspanBadVersion: "erspan_bad_version"
        case .tunnelDepthExceeded: "tunnel_depth_exceeded"
        case .fragmentBadLength: "fragment_bad_length"
        case .fragmentDatagramTooLarge: "fragment_datagram_too_large"
        case .fragmentCapDropped: "fragment_cap_dropped"
        case .fragmentTimeout: "fragment_timeout"
        case .fragmentOverlap: "fragment_overlap"
        case .fragmentOverlapConflict: "fragment_overlap_conflict"
        case .fragmentDuplicate: "fragment_duplicate"
        case .fragmentInconsistentLength: "fragment_inconsistent_length"
        case .fragmentTooManyPieces: "fragment_too_many_pieces"
        }
    }
}

/// Plain stored counters indexed by `WireCounter`: the hot path increments an array slot and never
/// hashes a string. `counterSet` builds the named `CounterSet` on demand (non-zero entries only).
struct WireCounters {
    private var values = [UInt64](repeating: 0, count: WireCounter.allCases.count)

    @inline(__always) mutating func add(_ counter: WireCounter, _ amount: UInt64 = 1) {
        values[counter.rawValue] &+= amount
    }

    subscript(_ counter: WireCounter) -> UInt64 { values[counter.rawValue] }

    var counterSet: CounterSet {
        var set = CounterSet()
        for counter in WireCounter.allCases where values[counter.rawValue] != 0 {
            set.add(counter.name, values[counter.rawValue])
        }
        return set
    }
}
