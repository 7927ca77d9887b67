import Foundation

/// Appends each alert as one JSON line to a file (JSON Lines), created with mode 0640 if needed.
/// Each line is one `write` on an `O_APPEND` descriptor, so lines from several processes do not
/// interleave. Survives the file being rotated away only if reopened (`reopen()`).
package final class FileAlertSink: AlertSink, @unchecked Sendable {
    package let path: String
    package var name: String { "file:" + path }
    private let lock = NSLock()
    private var fd: Int32

    package init(path: String) throws(AlertsError) {
        self.path = path
        fd = -1
        try reopen()
    }

    deinit { if fd >= 0 { close(fd) } }

    /// Opens the path again (after log rotation).
    package func reopen() throws(AlertsError) {
        lock.lock()
        defer { lock.unlock() }
        let f = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o640)
        guard f >= 0 else { throw AlertsError(.io, "cannot open alert file \(path): \(String(cString: strerror(errno)))") }
        if fd >= 0 { close(fd) }
        fd = f
    }

    package func send(_ alert: Alert) throws(AlertsError) {
        let bytes = Array((alert.json + "\n").utf8)
        lock.lock()
        defer { lock.unlock() }
        guard writeAll(fd: fd, bytes) else {
            throw AlertsError(.io, "cannot write alert file \(path): \(String(cString: strerror(errno)))")
        }
    }

    package func flush() {
        lock.lock()
        defer { lock.unlock() }
        fsync(fd)
    }
}
