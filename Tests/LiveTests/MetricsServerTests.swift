import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import Live

@Suite("MetricsServer over a socket")
struct MetricsServerTests {
    /// One HTTP/1.1 GET on loopback; the whole answer (the server closes the connection).
    static func get(port: UInt16, path: String) -> String {
        let s = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(s) }
        var sa = sockaddr_in()
        sa.sin_family = sa_family_t(AF_INET)
        sa.sin_port = port.bigEndian
        sa.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let ok = withUnsafePointer(to: &sa) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(s, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        guard ok == 0 else { return "" }
        let request = Array("GET \(path) HTTP/1.1\r\nHost: localhost\r\n\r\n".utf8)
        _ = request.withUnsafeBytes { send(s, $0.baseAddress, $0.count, 0) }
        var answer: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(s, $0.baseAddress, $0.count, 0) }
            if n <= 0 { break }
            answer += buffer[..<n]
        }
        return String(decoding: answer, as: UTF8.self)
    }

    @Test("binds an ephemeral port, serves /metrics and /healthz, stops")
    func serve() throws {
        var snapshot = MetricsSnapshot()
        snapshot.packets = 42
        let text = snapshot.prometheusText
        let server = try MetricsServer(address: try #require(MetricsAddress("127.0.0.1:1")).withPort(0),
                                       metrics: { text }, health: { (true, "ok") })
        #expect(server.port != 0)
        let thread = LiveThread.spawn(name: "test-metrics") { server.run() }
        let metrics = Self.get(port: server.port, path: "/metrics")
        #expect(metrics.hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(metrics.contains("\r\n\r\n# HELP"))
        #expect(metrics.contains("consenttap_packets_total 42\n"))
        #expect(metrics.contains("Content-Length: \(text.utf8.count)\r\n"))
        #expect(Self.get(port: server.port, path: "/healthz").hasSuffix("\r\n\r\nok\n"))
        #expect(Self.get(port: server.port, path: "/nope").hasPrefix("HTTP/1.1 404"))
        server.stop()
        thread.join()
    }
}

extension MetricsAddress {
    func withPort(_ port: UInt16) -> MetricsAddress {
        var a = self
        a.port = port
        return a
    }
}
