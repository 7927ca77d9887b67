import Foundation
import Primitives
import Testing
@testable import Capture

/// Live capture on the loopback interface (needs root or CAP_NET_RAW: skipped, visibly, otherwise).
@Suite("Live capture through libpcap")
struct LiveCaptureTests {
    /// Sends one UDP datagram to 127.0.0.1:port.
    static func sendUDP(_ payload: [UInt8], port: UInt16) {
        let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        guard fd >= 0 else { return }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        _ = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { sa in
                payload.withUnsafeBytes { sendto(fd, $0.baseAddress, $0.count, 0, sa, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
        }
    }

    @Test("a UDP datagram sent to loopback is captured with its payload and a current timestamp",
          .enabled(if: geteuid() == 0, "live capture needs root"))
    func loopbackDatagram() throws {
        let port = UInt16.random(in: 40_000...60_000)
        var options = LiveCaptureOptions()
        options.filter = "udp and dst port \(port)"
        options.immediate = true
        options.readTimeoutMilliseconds = 50
        let capture = try LiveCapture(interface: "lo", options: options)
        let marker = Array("consenttap-live-\(port)".utf8)
        let before = Int64(Date().timeIntervalSince1970 * 1e9)
        var found: OwnedPacket?
        for attempt in 0..<100 where found == nil {
            if attempt % 10 == 0 { Self.sendUDP(marker, port: port) }
            switch capture.next() {
            case .packet(let p): found = OwnedPacket(p)
            case .timeout: continue
            case .ended(let error): Issue.record("capture ended: \(String(describing: error))"); return
            }
        }
        let packet = try #require(found, "no packet captured on lo")
        #expect(packet.linkType == LinkType.ethernet.rawValue)   // Linux loopback is DLT_EN10MB
        #expect(Array(packet.bytes.suffix(marker.count)) == marker)
        #expect(packet.originalLength == packet.bytes.count)
        #expect(abs(packet.nanoseconds - before) < 60 * 1_000_000_000)
        #expect(capture.statistics != nil)
    }

    @Test("an unknown interface and a broken filter throw cannotOpen", .enabled(if: geteuid() == 0, "live capture needs root"))
    func openFailures() throws {
        #expect(throws: CaptureError.self) { try LiveCapture(interface: "no-such-if0") }
        var options = LiveCaptureOptions()
        options.filter = "tcp and and"
        do {
            _ = try LiveCapture(interface: "lo", options: options)
            Issue.record("expected a filter error")
        } catch {
            #expect(error.kind == .cannotOpen)
            #expect(error.message.contains("does not compile"))
        }
    }
}
