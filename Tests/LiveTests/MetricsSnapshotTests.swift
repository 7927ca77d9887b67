import Testing
@testable import Live

@Suite("MetricsSnapshot")
struct MetricsSnapshotTests {
    @Test("Prometheus text: families, sorted labels, escaping")
    func text() {
        var s = MetricsSnapshot()
        s.kernelReceived = ["eth0": 120]
        s.packets = 100
        s.bytes = 64_000
        s.drops = ["queue_full": 3, "kernel": 1]
        s.events = ["flows_tls": 7]
        s.activeFlows = 5
        s.requests = 9
        s.forwardsByVendor = ["segment": 2, "meta_capi": 4]
        s.violationsByVendor = ["meta_capi": 1]
        s.queueDepth = [0, 2]
        let text = s.prometheusText
        #expect(text.contains("# TYPE consenttap_packets_total counter\nconsenttap_packets_total 100\n"))
        #expect(text.contains("consenttap_kernel_packets_received_total{interface=\"eth0\"} 120\n"))
        #expect(text.contains("consenttap_drops_total{reason=\"kernel\"} 1\nconsenttap_drops_total{reason=\"queue_full\"} 3\n"))
        #expect(text.contains("consenttap_forwards_total{vendor=\"meta_capi\"} 4\nconsenttap_forwards_total{vendor=\"segment\"} 2\n"))
        #expect(text.contains("consenttap_violations_total{vendor=\"meta_capi\"} 1\n"))
        #expect(text.contains("# TYPE consenttap_active_flows gauge\nconsenttap_active_flows 5\n"))
        #expect(text.contains("consenttap_queue_depth{worker=\"1\"} 2\n"))
        #expect(text.hasSuffix("\n"))
        // Every non-comment line is `name{labels} value`.
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            #expect(line.split(separator: " ").count == 2, "bad sample line: \(line)")
        }
        #expect(MetricsSnapshot.escape("a\"b\\c\nd") == "a\\\"b\\\\c\\nd")
    }

    @Test("the log line names totals and non-zero drops only")
    func logLine() {
        var s = MetricsSnapshot()
        s.packets = 10
        s.drops = ["kernel": 0, "queue_full": 2]
        s.forwardsByVendor = ["a": 1, "b": 2]
        let line = s.logLine
        #expect(line.contains("packets=10"))
        #expect(line.contains("forwards=3"))
        #expect(line.contains("drop_queue_full=2"))
        #expect(!line.contains("drop_kernel"))
    }

    @Test("the metrics server answers /metrics, /healthz, 404 and 405 (no socket)")
    func routes() {
        func ask(_ head: String, ok: Bool = true) -> (String, String, String, Bool) {
            let r = MetricsServer.respond(to: Array(head.utf8), metrics: { "m 1\n" }, health: { (ok, ok ? "ok" : "capture ended") })
            return (r.status, r.contentType, r.body, r.isHead)
        }
        #expect(ask("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n").0 == "200 OK")
        #expect(ask("GET /metrics HTTP/1.1\r\n\r\n").2 == "m 1\n")
        #expect(ask("GET /metrics HTTP/1.1\r\n\r\n").1.hasPrefix("text/plain; version=0.0.4"))
        #expect(ask("GET /healthz HTTP/1.1\r\n\r\n").0 == "200 OK")
        #expect(ask("GET /healthz HTTP/1.1\r\n\r\n", ok: false).0 == "503 Service Unavailable")
        #expect(ask("GET /other HTTP/1.1\r\n\r\n").0 == "404 Not Found")
        #expect(ask("POST /metrics HTTP/1.1\r\n\r\n").0 == "405 Method Not Allowed")
        #expect(ask("HEAD /metrics HTTP/1.1\r\n\r\n").3)
        #expect(ask("garbage\r\n\r\n").0 == "400 Bad Request")
        #expect(MetricsServer.headComplete(Array("GET / HTTP/1.1\r\n\r\n".utf8)))
        #expect(!MetricsServer.headComplete(Array("GET / HTTP/1.1\r\n".utf8)))
    }
}
