import Primitives
import Testing
@testable import Wire

@Suite("WireCounter and DecoderLimits")
struct WireCounterTests {
    @Test("names are unique snake_case")
    func names() {
        let names = WireCounter.allCases.map(\.name)
        #expect(Set(names).count == names.count)
        for name in names {
            #expect(name.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "_" }, "\(name)")
            #expect(!name.hasPrefix("_") && !name.hasSuffix("_"), "\(name)")
        }
    }

    @Test("the names the brief and reports rely on")
    func stableNames() {
        let names = Set(WireCounter.allCases.map(\.name))
        for required in ["ethernet_truncated", "ipv4_bad_header_length", "ipv4_total_length_exceeds_capture",
                         "ipv6_ext_header_truncated", "fragment_cap_dropped", "unsupported_link_type",
                         "non_ip_ethertype", "tcp_payload_truncated_by_snaplen", "fragment_timeout"] {
            #expect(names.contains(required), "\(required)")
        }
    }

    @Test("kinds separate what was seen from truncation, anomalies and cap drops")
    func kinds() {
        #expect(WireCounter(name: "tcp_segments")?.kind == .seen)
        #expect(WireCounter(name: "tcp_payload_truncated_by_snaplen")?.kind == .truncated)
        #expect(WireCounter(name: "ipv4_total_length_exceeds_capture")?.kind == .truncated)
        #expect(WireCounter(name: "ipv4_bad_header_length")?.kind == .anomaly)
        #expect(WireCounter(name: "fragment_cap_dropped")?.kind == .capDropped)
        #expect(WireCounter(name: "unsupported_link_type")?.kind == .unsupported)
        #expect(WireCounter(name: "no_such_counter") == nil)
        for counter in WireCounter.allCases { #expect(WireCounter(name: counter.name) == counter) }
    }

    @Test("counters export only non-zero values by name")
    func export() {
        var counters = WireCounters()
        counters.add(.fragmentTimeout, 2)
        counters.add(.packets)
        #expect(counters.counterSet.nonZero.map(\.name) == ["fragment_timeout", "packets"])
        #expect(counters.counterSet["fragment_timeout"] == 2)
    }

    @Test("documented defaults")
    func defaults() {
        let limits = DecoderLimits()
        #expect(limits.maxFragmentedDatagrams == 4096)
        #expect(limits.maxBytesPerDatagram == 65_595)
        #expect(limits.maxFragmentBytesTotal == 67_108_864)
        #expect(limits.fragmentTimeout == 30_000_000_000)
        #expect(limits.maxTunnelDepth == 4)
    }
}
