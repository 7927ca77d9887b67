import Foundation

/// Writes each alert as one JSON line to standard output (or to an injected writer in tests).
package final class StandardOutputSink: AlertSink, @unchecked Sendable {
    package let name = "stdout"
    private let lock = NSLock()
    private let write: @Sendable (String) -> Void

    package init(write: @escaping @Sendable (String) -> Void = { line in
        writeAll(fd: STDOUT_FILENO, Array(line.utf8))
    }) {
        self.write = write
    }

    package func send(_ alert: Alert) throws(AlertsError) {
        lock.lock()
        defer { lock.unlock() }
        write(alert.json + "\n")
    }

    /// Lines are written unbuffered (one `write` each): nothing to flush.
    package func flush() {}
}

/// Writes all bytes to a descriptor, retrying on EINTR; false when the descriptor fails.
@discardableResult
func writeAll(fd: Int32, _ bytes: [UInt8]) -> Bool {
    var done = 0
    while done < bytes.count {
        let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + done, bytes.count - done) }
        if n < 0 && errno == EINTR { continue }
        guard n > 0 else { return false }
        done += n
    }
    return true
}
