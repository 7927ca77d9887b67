/// Memory and depth bounds of `PacketDecoder`, with documented defaults.
///
/// Every cap that drops something increments a counter (see `WireCounter`):
/// - `maxFragmentedDatagrams` (default 4096): IPv4 + IPv6 datagrams being reassembled at once. A
///   fragment that would start one more is dropped (`fragment_cap_dropped`).
/// - `maxBytesPerDatagram` (default 65_535 + 60): the largest reassembled datagram; a fragment
///   reaching past it drops the whole datagram (`fragment_datagram_too_large`).
/// - `maxFragmentBytesTotal` (default 64 MiB): bytes buffered for all pending datagrams; a fragment
///   that would exceed it is dropped (`fragment_cap_dropped`).
/// - `fragmentTimeout` (default 30 s, in nanoseconds of packet time): a datagram still incomplete
///   that long after its first fragment is discarded (`fragment_timeout`).
/// - `maxFragmentsPerDatagram` (default 1024): disjoint pieces held for one datagram
///   (`fragment_too_many_pieces` drops the datagram).
/// - `maxTunnelDepth` (default 4): nested decapsulations (VXLAN, GENEVE, GRE, ERSPAN, IP-in-IP);
///   deeper packets are dropped (`tunnel_depth_exceeded`).
/// - `maxVLANTags` (default 8) and `maxMPLSLabels` (default 16): stacked tags/labels before the
///   packet is dropped (`vlan_too_many_tags`, `mpls_too_many_labels`).
/// - `maxIPv6ExtensionHeaders` (default 16): chained IPv6 extension headers
///   (`ipv6_too_many_ext_headers`).
package struct DecoderLimits: Sendable, Equatable {
    package var maxFragmentedDatagrams: Int = 4096
    package var maxBytesPerDatagram: Int = 65_535 + 60
    package var maxFragmentBytesTotal: Int = 64 << 20
    package var fragmentTimeout: Int64 = 30 * 1_000_000_000
    package var maxFragmentsPerDatagram: Int = 1024
    package var maxTunnelDepth: Int = 4
    package var maxVLANTags: Int = 8
    package var maxMPLSLabels: Int = 16
    package var maxIPv6ExtensionHeaders: Int = 16

    package init() {}
}
