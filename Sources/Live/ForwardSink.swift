import Synchronization
import Engine
import Consent
#if canImport(Glibc)
import Glibc
#endif

/// What the workers hand their forwards to: one JSON line per forward, written to a file descriptor
/// (stdout) and flushed per line, plus the per-vendor totals of the metrics.
///
/// Shared by every worker; a forward is rare next to a packet, so a lock here is off the hot path.
/// `onForward` is the seam for other outputs (alert sinks): called after the line is written, under
/// no lock, from the worker's thread.
package final class ForwardSink: Sendable {
    private struct Totals {
        var forwards: [String: UInt64] = [:]
        var violations: [String: UInt64] = [:]
        var writeFailures: UInt64 = 0
    }
    private let fd: Int32
    private let totals = Mutex(Totals())
    private let writeLock = Mutex(())
    private let onForward: (@Sendable (ForwardRecord) -> Void)?

    package init(fd: Int32, onForward: (@Sendable (ForwardRecord) -> Void)? = nil) {
        self.fd = fd
        self.onForward = onForward
    }

    /// Writes `line` (one JSON object, no newline) and counts the forward.
    package func emit(_ forward: ForwardRecord, line: [UInt8]) {
        var bytes = line
        bytes.append(0x0A)
        let ok = writeLock.withLock { _ in writeAll(bytes) }
        totals.withLock { t in
            t.forwards[forward.vendor, default: 0] += 1
            if forward.verdict?.verdict == .violation { t.violations[forward.vendor, default: 0] += 1 }
            if !ok { t.writeFailures += 1 }
        }
        onForward?(forward)
    }

    /// Forwards and violations by vendor, and failed writes.
    package var snapshot: (forwards: [String: UInt64], violations: [String: UInt64], writeFailures: UInt64) {
        totals.withLock { ($0.forwards, $0.violations, $0.writeFailures) }
    }

    private func writeAll(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n <= 0 {
                    if n < 0, errno == EINTR { continue }
                    return false
                }
                offset += n
            }
            return true
        }
    }
}
