import Primitives

/// Hot counters of the reassembler as plain stored properties, exported by stable snake_case name.
struct StreamCounters {
    var flows: UInt64 = 0
    var midstreamPickup: UInt64 = 0
    var retransmission: UInt64 = 0
    var overlap: UInt64 = 0
    var overlapConflict: UInt64 = 0
    var outOfOrder: UInt64 = 0
    var gaps: UInt64 = 0
    var gapBytes: UInt64 = 0
    var holeSkippedByAck: UInt64 = 0
    var bufferFlowCapExceeded: UInt64 = 0
    var bufferTotalCapExceeded: UInt64 = 0
    var outOfWindow: UInt64 = 0
    var dataAfterFin: UInt64 = 0
    var dataAfterClose: UInt64 = 0
    var rstDataIgnored: UInt64 = 0
    var rstWithoutFlow: UInt64 = 0
    var flowCapEvicted: UInt64 = 0
    var portReuse: UInt64 = 0
    var idleTimeout: UInt64 = 0

    var counterSet: CounterSet {
        var set = CounterSet()
        let all: [(String, UInt64)] = [
            ("tcp_flows", flows),
            ("tcp_midstream_pickup", midstreamPickup),
            ("tcp_retransmission", retransmission),
            ("tcp_overlap", overlap),
            ("tcp_overlap_conflict", overlapConflict),
            ("tcp_out_of_order", outOfOrder),
            ("tcp_gap", gaps),
            ("tcp_gap_bytes", gapBytes),
            ("tcp_hole_skipped_by_ack", holeSkippedByAck),
            ("tcp_buffer_flow_cap_exceeded", bufferFlowCapExceeded),
            ("tcp_buffer_total_cap_exceeded", bufferTotalCapExceeded),
            ("tcp_out_of_window", outOfWindow),
            ("tcp_data_after_fin", dataAfterFin),
            ("tcp_data_after_close", dataAfterClose),
            ("tcp_rst_data_ignored", rstDataIgnored),
            ("tcp_rst_without_flow", rstWithoutFlow),
            ("tcp_flow_cap_evicted", flowCapEvicted),
            ("tcp_port_reuse", portReuse),
            ("tcp_idle_timeout", idleTimeout),
        ]
        for (name, value) in all where value != 0 { set.add(name, value) }
        return set
    }
}
