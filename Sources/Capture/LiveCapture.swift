import CPcap
import Primitives

/// Settings of a live capture, with the defaults stated.
package struct LiveCaptureOptions: Sendable, Hashable {
    /// Bytes kept per packet (default 262144, libpcap's maximum: whole packets).
    package var snapLength: Int = 262_144
    /// Put the interface in promiscuous mode (default false).
    package var promiscuous: Bool = false
    /// How long `next()` waits before answering `.timeout` (default 100 ms).
    package var readTimeoutMilliseconds: Int = 100
    /// Kernel ring buffer size (default 32 MiB); when it overflows the kernel drops packets, counted
    /// in `statistics`.
    package var bufferSize: Int = 32 << 20
    /// Deliver packets as they arrive instead of in batches (default false).
    package var immediate: Bool = false
    /// A BPF filter expression (`pcap-filter(7)`), or nil for everything.
    package var filter: String?

    package init() {}
}

/// What `LiveCapture.next()` gives.
package enum LiveCaptureResult {
    /// A packet; its bytes are borrowed until the next call.
    case packet(CapturedPacket)
    /// No packet within the read timeout: the caller may flush idle state or check for a stop.
    case timeout
    /// The capture ended (interface gone, error): nil when it ended cleanly.
    case ended(CaptureError?)
}

/// Live capture from a network interface through libpcap (`pcap_create`, `pcap_activate`), with
/// nanosecond timestamps when the platform offers them (microseconds scaled otherwise).
///
/// `next()` blocks for at most the read timeout. Packet bytes are libpcap's ring buffer, borrowed
/// until the next call. Opening needs capture rights (root or CAP_NET_RAW); failures, unknown
/// interfaces and filters that do not compile throw `cannotOpen` with libpcap's message.
/// Owned by one thread at a time.
package final class LiveCapture {
    private var handle: OpaquePointer?
    private let interface: String
    private let linkType: LinkType
    private let fractionScale: Int64

    package init(interface: String, options: LiveCaptureOptions = LiveCaptureOptions()) throws(CaptureError) {
        self.interface = interface
        var errorText = [CChar](repeating: 0, count: Int(PCAP_ERRBUF_SIZE) + 1)
        guard let p = pcap_create(interface, &errorText) else {
            throw CaptureError(kind: .cannotOpen, path: interface,
                               message: "cannot open live capture: \(errorText.withUnsafeBufferPointer { String(cString: $0.baseAddress!) })")
        }
        _ = pcap_set_snaplen(p, Int32(clamping: options.snapLength))
        _ = pcap_set_promisc(p, options.promiscuous ? 1 : 0)
        _ = pcap_set_timeout(p, Int32(clamping: options.readTimeoutMilliseconds))
        _ = pcap_set_buffer_size(p, Int32(clamping: options.bufferSize))
        _ = pcap_set_immediate_mode(p, options.immediate ? 1 : 0)
        _ = pcap_set_tstamp_precision(p, Int32(PCAP_TSTAMP_PRECISION_NANO))   // may be refused: checked below
        let status = pcap_activate(p)
        if status < 0 {
            let detail = String(cString: pcap_geterr(p))
            let reason = String(cString: pcap_statustostr(status))
            pcap_close(p)
            throw CaptureError(kind: .cannotOpen, path: interface,
                               message: "cannot open live capture: \(reason)\(detail.isEmpty ? "" : ": " + detail)")
        }
        if let filter = options.filter {
            var program = bpf_program()
            guard pcap_compile(p, &program, filter, 1, PCAP_NETMASK_UNKNOWN) == 0 else {
                let detail = String(cString: pcap_geterr(p))
                pcap_close(p)
                throw CaptureError(kind: .cannotOpen, path: interface, message: "capture filter \"\(filter)\" does not compile: \(detail)")
            }
            let applied = pcap_setfilter(p, &program)
            pcap_freecode(&program)
            guard applied == 0 else {
                let detail = String(cString: pcap_geterr(p))
                pcap_close(p)
                throw CaptureError(kind: .cannotOpen, path: interface, message: "capture filter \"\(filter)\" refused: \(detail)")
            }
        }
        handle = p
        linkType = LinkType(dlt: pcap_datalink(p))
        fractionScale = pcap_get_tstamp_precision(p) == Int32(PCAP_TSTAMP_PRECISION_NANO) ? 1 : 1000
    }

    deinit {
        if let handle { pcap_close(handle) }
    }

    /// The next packet, a timeout, or the end.
    package func next() -> LiveCaptureResult {
        guard let handle else { return .ended(nil) }
        var headerPointer: UnsafeMutablePointer<pcap_pkthdr>?
        var dataPointer: UnsafePointer<UInt8>?
        switch pcap_next_ex(handle, &headerPointer, &dataPointer) {
        case 1:
            guard let h = headerPointer?.pointee else { return .timeout }
            return .packet(CapturedPacket(
                timestamp: Timestamp(nanoseconds: Int64(h.ts.tv_sec) &* 1_000_000_000 &+ Int64(h.ts.tv_usec) &* fractionScale),
                linkType: linkType, bytes: UnsafeRawBufferPointer(start: dataPointer, count: Int(h.caplen)),
                originalLength: Int(h.len), interfaceIndex: 0, inputIndex: 0))
        case 0:
            return .timeout
        case PCAP_ERROR_BREAK:
            close()
            return .ended(nil)
        default:
            let error = CaptureError(kind: .corrupt, path: interface,
                                     message: "live capture failed: \(String(cString: pcap_geterr(handle)))")
            close()
            return .ended(error)
        }
    }

    /// Packets received and dropped so far, from `pcap_stats` (nil once closed or if unsupported).
    package var statistics: (received: UInt64, droppedByKernel: UInt64, droppedByInterface: UInt64)? {
        guard let handle else { return nil }
        var stats = pcap_stat()
        guard pcap_stats(handle, &stats) == 0 else { return nil }
        return (UInt64(stats.ps_recv), UInt64(stats.ps_drop), UInt64(stats.ps_ifdrop))
    }

    /// Makes a `next()` blocked in libpcap return (`pcap_breakloop`): callable from another thread,
    /// e.g. on SIGTERM while the interface is idle (thread-safe in libpcap >= 1.10: it writes to an
    /// eventfd that the blocked `poll` watches; the next `next()` answers `.ended(nil)`). The handle
    /// stays open until the capture is released.
    package func breakLoop() {
        if let handle { pcap_breakloop(handle) }
    }

    private func close() {
        if let handle { pcap_close(handle) }
        handle = nil
    }
}
