/// The figures of a live run at one moment, and their Prometheus text exposition (format 0.0.4).
///
/// Counters end in `_total`; label values are escaped (backslash, quote, newline). Vendors and
/// reasons are written in sorted order so that the text is stable. Holds no personal data: vendors
/// are catalog ids, reasons are counter names.
package struct MetricsSnapshot: Sendable, Equatable {
    /// Packets seen by the kernel filter, per interface (`pcap_stats` ps_recv).
    package var kernelReceived: [String: UInt64] = [:]
    /// Packets processed by the workers and their bytes on the wire.
    package var packets: UInt64 = 0
    package var bytes: UInt64 = 0
    /// Packets dropped, by reason: kernel, interface, queue_full, queue_packet_too_large, and every
    /// counter of a cap that dropped data in the pipeline.
    package var drops: [String: UInt64] = [:]
    /// Every other anomaly counter of the pipeline stages (by stable snake_case name).
    package var events: [String: UInt64] = [:]
    package var activeFlows: Int = 0
    package var flows: UInt64 = 0
    package var requests: UInt64 = 0
    package var forwardsByVendor: [String: UInt64] = [:]
    package var violationsByVendor: [String: UInt64] = [:]
    /// Packets waiting in each worker's queues.
    package var queueDepth: [Int] = []
    package var keylogLines: UInt64 = 0
    package var reloads: UInt64 = 0
    package var reloadFailures: UInt64 = 0

    package init() {}

    /// Whether a counter name reports dropped data (a cap or an eviction) rather than an anomaly.
    package static func isDrop(_ name: String) -> Bool {
        ["drop", "evict", "overflow", "over_cap", "too_large", "exceeded", "truncated", "limit", "expired"].contains { name.contains($0) }
    }

    package var prometheusText: String {
        var out = ""
        func family(_ name: String, _ type: String, _ help: String) {
            out += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n"
        }
        func sample(_ name: String, _ labels: [(String, String)] = [], _ value: some BinaryInteger) {
            out += name
            if !labels.isEmpty {
                out += "{" + labels.map { "\($0.0)=\"\(MetricsSnapshot.escape($0.1))\"" }.joined(separator: ",") + "}"
            }
            out += " \(value)\n"
        }
        family("consenttap_kernel_packets_received_total", "counter", "Packets that passed the capture filter (pcap_stats).")
        for (iface, v) in kernelReceived.sorted(by: { $0.key < $1.key }) { sample("consenttap_kernel_packets_received_total", [("interface", iface)], v) }
        family("consenttap_packets_total", "counter", "Packets processed by the workers.")
        sample("consenttap_packets_total", [], packets)
        family("consenttap_bytes_total", "counter", "Bytes on the wire of the packets processed.")
        sample("consenttap_bytes_total", [], bytes)
        family("consenttap_drops_total", "counter", "Packets or data dropped, by reason.")
        for (reason, v) in drops.sorted(by: { $0.key < $1.key }) { sample("consenttap_drops_total", [("reason", reason)], v) }
        family("consenttap_events_total", "counter", "Anomalies counted by the pipeline stages, by name.")
        for (name, v) in events.sorted(by: { $0.key < $1.key }) { sample("consenttap_events_total", [("name", name)], v) }
        family("consenttap_active_flows", "gauge", "TCP flows currently tracked.")
        sample("consenttap_active_flows", [], activeFlows)
        family("consenttap_flows_total", "counter", "TCP flows opened.")
        sample("consenttap_flows_total", [], flows)
        family("consenttap_requests_total", "counter", "HTTP requests parsed.")
        sample("consenttap_requests_total", [], requests)
        family("consenttap_forwards_total", "counter", "Forwards to trackers, by vendor.")
        for (vendor, v) in forwardsByVendor.sorted(by: { $0.key < $1.key }) { sample("consenttap_forwards_total", [("vendor", vendor)], v) }
        family("consenttap_violations_total", "counter", "Forwards judged violations of consent, by vendor.")
        for (vendor, v) in violationsByVendor.sorted(by: { $0.key < $1.key }) { sample("consenttap_violations_total", [("vendor", vendor)], v) }
        family("consenttap_queue_depth", "gauge", "Packets waiting for each worker.")
        for (i, v) in queueDepth.enumerated() { sample("consenttap_queue_depth", [("worker", String(i))], v) }
        family("consenttap_keylog_lines_total", "counter", "Key log lines read while following key log files.")
        sample("consenttap_keylog_lines_total", [], keylogLines)
        family("consenttap_reloads_total", "counter", "Reloads (SIGHUP), by result.")
        sample("consenttap_reloads_total", [("result", "ok")], reloads)
        sample("consenttap_reloads_total", [("result", "failed")], reloadFailures)
        return out
    }

    /// One line for the periodic log on stderr: totals and every non-zero drop.
    package var logLine: String {
        let forwards = forwardsByVendor.values.reduce(0, +), violations = violationsByVendor.values.reduce(0, +)
        var parts = ["packets=\(packets)", "bytes=\(bytes)", "active_flows=\(activeFlows)", "requests=\(requests)",
                     "forwards=\(forwards)", "violations=\(violations)"]
        for (iface, v) in kernelReceived.sorted(by: { $0.key < $1.key }) { parts.append("kernel_received[\(iface)]=\(v)") }
        for (reason, v) in drops.sorted(by: { $0.key < $1.key }) where v > 0 { parts.append("drop_\(reason)=\(v)") }
        for (name, v) in events.sorted(by: { $0.key < $1.key }) where (name.contains("decrypt") || name.contains("pending_key")) && v > 0 { parts.append("\(name)=\(v)") }
        return parts.joined(separator: " ")
    }

    static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.append(c)
            }
        }
        return out
    }
}
