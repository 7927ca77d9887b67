import Synchronization
import Primitives
import Capture
import CPcap

/// One capture thread's loop: reads a `LiveCapture` and dispatches each packet by its symmetric flow
/// hash (`FlowHash`) to one worker's queue; DNS datagrams go to every worker (each learns names for
/// its own flows). A full queue drops the packet and counts it there (`PacketRing.droppedFull`).
///
/// `queues[i]` is this thread's queue into worker i (this thread is its only producer). The loop
/// returns after `stop()` (within the capture's read timeout) or when the capture ends; the end's
/// error, if any, is kept in `endError`. `statistics` is the last `pcap_stats` read by the capture
/// thread itself (every 256 packets or 100 ms of packet time, and on read timeouts), safe to read from any thread.
package final class CaptureDispatcher: @unchecked Sendable {
    package let interface: String
    private let capture: LiveCapture
    package let queues: [PacketRing]
    private let stopping = Atomic<Bool>(false)
    private let ended = Atomic<Bool>(false)
    private let dispatched = Atomic<UInt64>(0)
    private let lastStats = Mutex<(received: UInt64, droppedByKernel: UInt64, droppedByInterface: UInt64)?>(nil)
    private let error = Mutex<String?>(nil)

    package init(interface: String, capture: LiveCapture, queues: [PacketRing]) {
        self.interface = interface
        self.capture = capture
        self.queues = queues
    }

    /// Ends the loop: sets the flag and wakes a capture blocked in `poll` (libpcap >= 1.10 blocks
    /// without a timeout on Linux whatever the read timeout, so the flag alone would wait for a packet).
    package func stop() {
        stopping.store(true, ordering: .releasing)
        capture.breakLoop()
    }

    package var hasEnded: Bool { ended.load(ordering: .acquiring) }
    package var endError: String? { error.withLock { $0 } }
    package var packetsDispatched: UInt64 { dispatched.load(ordering: .relaxed) }

    /// Kernel figures of this interface, as last read by the capture thread (every 1000 packets or timeout).
    package var statistics: (received: UInt64, droppedByKernel: UInt64, droppedByInterface: UInt64)? {
        lastStats.withLock { $0 }
    }

    package func run() {
        defer { ended.store(true, ordering: .releasing) }
        var n: UInt64 = 0
        var lastRead: Int64 = 0
        while !stopping.load(ordering: .acquiring) {
            switch capture.next() {
            case .packet(let packet):
                let key = FlowHash.key(packet.bytes, linkType: packet.linkType)
                if key.isDNS {
                    for q in queues {
                        q.push(packet.bytes, timestamp: packet.timestamp, originalLength: packet.originalLength, linkType: packet.linkType)
                    }
                } else {
                    queues[FlowHash.worker(for: key.hash, count: queues.count)].push(
                        packet.bytes, timestamp: packet.timestamp, originalLength: packet.originalLength, linkType: packet.linkType)
                }
                n += 1
                dispatched.store(n, ordering: .relaxed)
                if n % 256 == 0 || packet.timestamp.nanoseconds - lastRead >= 100_000_000 {
                    readStatistics()
                    lastRead = packet.timestamp.nanoseconds
                }
            case .timeout:
                readStatistics()
            case .ended(let e):
                if let e { error.withLock { $0 = "\(e)" } }
                return
            }
        }
        readStatistics()
    }

    private func readStatistics() {
        if let s = capture.statistics { lastStats.withLock { $0 = s } }
    }
}
